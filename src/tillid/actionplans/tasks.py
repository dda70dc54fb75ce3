"""Background tasks of action plans (django-tasks, database backend)."""

from __future__ import annotations

from datetime import datetime, time
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from tillid.actionplans.models import ActionPlan
from tillid.actionplans.services.scheduled import reminder_due_on, reviews_remind_due

REMINDER_HOUR = time(7, 0)


@task()
def send_review_reminder(plan_id: int) -> int:
    """Send a plan's review reminder if it is due and not sent yet (idempotent)."""
    return reviews_remind_due(plan_id=plan_id)


def schedule_review_reminder(plan: ActionPlan) -> None:
    """Queue the reminder for the morning it falls due, after the current transaction."""
    if plan.review_date is None:
        return
    due = datetime.combine(reminder_due_on(plan.review_date), REMINDER_HOUR)
    run_after = timezone.make_aware(due)
    transaction.on_commit(
        partial(send_review_reminder.using(run_after=run_after).enqueue, plan.pk), robust=True
    )
