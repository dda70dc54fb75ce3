"""Background tasks of concern reports (django-tasks). django-tasks has no periodic scheduler, so
cron (or a systemd timer) runs the management commands ``concern_deadlines`` and
``concern_retention``; these tasks let other code enqueue the same work on the worker."""

from __future__ import annotations

from django_tasks import task

from tillid.concerns.services import concerns_retain, deadline_warnings_send


@task()
def send_deadline_warnings() -> int:
    return deadline_warnings_send()


@task()
def retain_concern_reports() -> int:
    result = concerns_retain()
    return sum(len(ids) for ids in result.values())
