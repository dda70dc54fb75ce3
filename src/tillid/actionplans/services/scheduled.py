"""The scheduled work on action plans: review reminders and retention.

**Review reminders.** The responsible case worker is reminded ``TILLID_ACTIONPLAN_REMINDER_
WORKING_DAYS`` working days (``core.calendar``) before a plan's review date. Like the course
reminders, two idempotent ways send them: finalising a version queues a task to run when the
reminder falls due (``tasks.schedule_review_reminder``), and ``manage.py actionplan_reminders``
sends whatever is due and not sent yet (run it daily as a safety net). Each reminder goes at
most once per review date: ``review_reminded_for`` is set under the plan's lock in the same
transaction that queues the mail.

**Retention.** ``manage.py actionplan_retention`` anonymises plans closed longer than
``TILLID_ACTIONPLAN_RETENTION_DAYS`` ago: identity, safe contact, draft and hand-over note are
blanked and the frozen versions deleted (the database trigger allows that only once the plan is
marked anonymised). The plan row stays with its dates, team and status, so counts survive. Each
anonymisation is audited. This is standalone; a central retention registry may call
``plans_anonymise`` later.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction

from tillid.actionplans.models import ActionPlan, PlanVersion
from tillid.actionplans.services.common import locked, reminder_working_days, retention_days
from tillid.core import audit, calendar, clock
from tillid.core.links import absolute_reverse
from tillid.core.mail import send_mail


def reminder_due_on(review_date: date) -> date:
    """The working day ``reminder_working_days()`` working days before ``review_date``."""
    day = review_date
    remaining = reminder_working_days()
    while remaining > 0:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def _reminder_is_due(plan: ActionPlan, today: date) -> bool:
    return (
        plan.is_open
        and plan.anonymised_at is None
        and plan.review_date is not None
        and plan.review_reminded_for != plan.review_date
        and reminder_due_on(plan.review_date) <= today
    )


def reviews_remind_due(*, now: datetime | None = None, plan_id: int | None = None) -> int:
    """Send every due, unsent review reminder (of one plan, or of all); return how many."""
    today = (now or clock.now()).date()
    # Working days are never fewer than calendar days: this bounds the candidates.
    horizon = today + timedelta(days=reminder_working_days() * 3 + 14)
    candidates = ActionPlan.objects.filter(
        status=ActionPlan.Status.OPEN, anonymised_at__isnull=True, review_date__lte=horizon
    )
    if plan_id is not None:
        candidates = candidates.filter(pk=plan_id)
    sent = 0
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            plan = locked(pk)
            if not _reminder_is_due(plan, today) or plan.review_date is None:
                continue
            plan.review_reminded_for = plan.review_date
            plan.save(update_fields=["review_reminded_for"])
            send_mail(
                to=plan.responsible.email,
                template="actionplans/email/review_reminder",
                context={
                    "plan_number": plan.pk,
                    "review_date": plan.review_date,
                    "overdue": plan.review_date < today,
                    "url": absolute_reverse("actionplans:detail", pk=plan.pk),
                },
            )
            audit.record(
                actor=None,
                action="actionplans.plan.review_reminded",
                target=plan,
                review_date=plan.review_date.isoformat(),
            )
            sent += 1
    return sent


def plans_anonymise(*, days: int | None = None, now: datetime | None = None) -> list[int]:
    """Anonymise plans closed more than ``days`` (default: the setting) ago; return their ids."""
    now = now or clock.now()
    cutoff = now - timedelta(days=retention_days() if days is None else days)
    ids = list(
        ActionPlan.objects.filter(
            status=ActionPlan.Status.CLOSED, closed_at__lte=cutoff, anonymised_at__isnull=True
        ).values_list("pk", flat=True)
    )
    done: list[int] = []
    for pk in ids:
        with transaction.atomic():
            plan = locked(pk)
            if plan.anonymised_at is not None:
                continue
            versions = plan.versions.count()
            for name in (
                "citizen_name",
                "cpr_number",
                "birth_date",
                "safe_phone",
                "safe_times",
                "language",
                "draft",
                "handover_note",
            ):
                setattr(plan, name, "")
            plan.draft_number = None
            plan.consultation_id = None
            plan.anonymised_at = now
            plan.save()
            # The trigger lets a version go only once its plan is marked anonymised (above).
            PlanVersion._base_manager.filter(plan=plan).delete()
            audit.record(
                actor=None,
                action="actionplans.plan.anonymised",
                target=plan,
                versions_deleted=versions,
            )
            done.append(pk)
    return done
