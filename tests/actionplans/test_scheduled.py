"""Review reminders (working days before, once per review date) and retention."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from tests.actionplans.conftest import CPH, fill_plan, new_plan
from tests.conftest import FrozenClock
from tillid.accounts.models import User
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan
from tillid.actionplans.services.scheduled import reminder_due_on
from tillid.core.models import AuditEntry, OutgoingMail

pytestmark = pytest.mark.django_db


def test_the_reminder_day_counts_working_days_back() -> None:
    # Review on Tuesday 7 April 2026. Easter Monday (6/4), Good Friday (3/4) and Maundy
    # Thursday (2/4) are holidays: 1/4, 31/3, 30/3, 27/3, 26/3 are the five working days.
    assert reminder_due_on(date(2026, 4, 7)) == date(2026, 3, 26)
    assert reminder_due_on(date(2026, 3, 20)) == date(2026, 3, 13)  # Friday to Friday


def test_reminders_go_once_on_the_day_they_fall_due(
    clock: FrozenClock, finalised_plan: ActionPlan, worker: User
) -> None:
    due = reminder_due_on(finalised_plan.review_date)
    clock.set(datetime.combine(due - timedelta(days=1), datetime.min.time(), CPH))
    assert services.reviews_remind_due() == 0
    clock.set(datetime.combine(due, datetime.min.time(), CPH) + timedelta(hours=7))
    assert services.reviews_remind_due() == 1
    assert services.reviews_remind_due() == 0
    call_command("actionplan_reminders")
    mails = OutgoingMail.objects.filter(template="actionplans/email/review_reminder")
    assert mails.count() == 1
    mail = mails.get()
    assert mail.to == worker.email
    assert "Aisha" not in mail.subject + mail.body_text
    assert AuditEntry.objects.filter(action="actionplans.plan.review_reminded").count() == 1


def test_a_new_version_with_a_new_review_date_is_reminded_again(
    clock: FrozenClock, finalised_plan: ActionPlan, worker: User
) -> None:
    first_review = finalised_plan.review_date
    clock.set(datetime.combine(first_review, datetime.min.time(), CPH) + timedelta(hours=8))
    assert services.reviews_remind_due() == 1
    services.plan_revise(actor=worker, plan=finalised_plan)
    services.draft_set_agreement(
        actor=worker,
        plan=finalised_plan,
        kind="enig",
        day=first_review,
        how="mundtligt",
        reasons="",
    )
    second_review = first_review + timedelta(days=28)
    services.draft_set_review_date(actor=worker, plan=finalised_plan, review_date=second_review)
    services.plan_finalise(actor=worker, plan=finalised_plan, draft_number=2)
    assert services.reviews_remind_due() == 0
    clock.set(
        datetime.combine(reminder_due_on(second_review), datetime.min.time(), CPH)
        + timedelta(hours=8)
    )
    assert services.reviews_remind_due() == 1
    assert services.reviews_remind_due() == 0


def test_overdue_reviews_top_the_list(
    clock: FrozenClock,
    now: datetime,
    instrument: Any,
    worker: User,
    login: Callable[[User], Client],
) -> None:
    plans = []
    for name, days in (("Later Larsen", 60), ("Overdue Olsen", 10), ("Soon Sørensen", 20)):
        plan = fill_plan(worker, new_plan(worker, citizen_name=name))
        services.draft_set_review_date(
            actor=worker, plan=plan, review_date=now.date() + timedelta(days=days)
        )
        services.plan_finalise(actor=worker, plan=plan, draft_number=1)
        plans.append(plan)
    clock.advance(timedelta(days=15))
    page = login(worker).get("/handleplaner/").content.decode()
    assert page.index("Overdue Olsen") < page.index("Soon Sørensen") < page.index("Later Larsen")
    assert "Overskredet" in page


def test_retention_anonymises_plans_closed_long_enough(
    clock: FrozenClock, finalised_plan: ActionPlan, worker: User, settings: Any
) -> None:
    settings.TILLID_ACTIONPLAN_RETENTION_DAYS = 30
    open_plan = new_plan(worker, citizen_name="Åben Plan")
    services.plan_close(actor=worker, plan=finalised_plan)
    clock.advance(timedelta(days=29))
    assert services.plans_anonymise() == []
    clock.advance(timedelta(days=2))
    call_command("actionplan_retention")
    finalised_plan.refresh_from_db()
    assert finalised_plan.anonymised_at is not None
    assert finalised_plan.citizen_name == ""
    assert finalised_plan.versions.count() == 0
    open_plan.refresh_from_db()
    assert open_plan.citizen_name == "Åben Plan"
    assert AuditEntry.objects.filter(
        action="actionplans.plan.anonymised", target_id=str(finalised_plan.pk)
    ).exists()
    assert services.plans_anonymise() == []  # idempotent
