"""Background tasks of consultations (django-tasks). django-tasks has no periodic scheduler, so
cron (or a systemd timer) runs the management commands; these tasks let other code enqueue the
same work on the worker (see README, "Consultations")."""

from __future__ import annotations

from django_tasks import task

from tillid.consultations.services import consultations_anonymise, deadlines_escalate


@task()
def escalate_missed_deadlines() -> int:
    return deadlines_escalate()


@task()
def anonymise_old_consultations() -> int:
    return len(consultations_anonymise())
