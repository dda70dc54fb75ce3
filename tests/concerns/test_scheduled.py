"""Scheduled work: deadline warnings to the unit lead (2 hours before and at the deadline, once
each, kept through an SMTP outage) and retention (anonymise; remind about, then remove drafts)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.concerns.conftest import MONDAY_10
from tests.core.test_mail import (  # noqa: F401 (pytest fixtures)
    Inbox,
    clock_at,
    run_worker,
    smtp_port,
    start_smtp,
    text_of,
)
from tillid.accounts.models import User
from tillid.concerns import services, steps
from tillid.concerns.models import Report
from tillid.core import clock as core_clock
from tillid.core.models import AuditEntry, OutgoingMail

pytestmark = pytest.mark.django_db
HOUR = timedelta(hours=1)


def _warnings() -> list[str]:
    return list(
        OutgoingMail.objects.filter(template__startswith="concerns/email/deadline")
        .order_by("pk")
        .values_list("template", flat=True)
    )


def test_the_lead_is_warned_two_hours_before_and_when_the_deadline_passes(
    submit: Callable[..., Report], lead: User, clock: Any
) -> None:
    report = submit(at=MONDAY_10)
    clock.set(MONDAY_10 + 21 * HOUR)
    assert services.deadline_warnings_send() == 0
    clock.set(MONDAY_10 + 22 * HOUR)
    assert services.deadline_warnings_send() == 1
    assert services.deadline_warnings_send() == 0
    clock.set(MONDAY_10 + 24 * HOUR + timedelta(minutes=1))
    call_command("concern_deadlines", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert services.deadline_warnings_send() == 0
    assert _warnings() == ["concerns/email/deadline_soon", "concerns/email/deadline_passed"]
    assert set(OutgoingMail.objects.values_list("to", flat=True)) == {lead.email}
    assert (
        AuditEntry.objects.filter(
            action="concerns.report.deadline_warning", target_id=str(report.pk)
        ).count()
        == 2
    )


def test_an_assessed_report_warns_nobody(
    submit: Callable[..., Report], intake_worker: User, clock: Any
) -> None:
    report = submit(at=MONDAY_10)
    services.report_assess(
        actor=intake_worker,
        report=report,
        data=services.AssessmentData(
            health_in_danger=False, urgent_measures=False, next_step="ingen", reasons="X"
        ),
        expected_version=report.version,
    )
    clock.set(MONDAY_10 + 30 * HOUR)
    assert services.deadline_warnings_send() == 0


def test_found_already_overdue_gets_one_warning(submit: Callable[..., Report], clock: Any) -> None:
    submit(at=MONDAY_10)
    clock.set(MONDAY_10 + 25 * HOUR)
    assert services.deadline_warnings_send() == 1
    clock.set(MONDAY_10 + 26 * HOUR)
    assert services.deadline_warnings_send() == 0
    assert _warnings() == ["concerns/email/deadline_passed"]


def test_smtp_down_at_the_22_hour_warning_is_sent_when_it_returns(
    submit: Callable[..., Report],
    lead: User,
    clock: Any,
    start_smtp: Callable[[], Inbox],  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    submit(at=MONDAY_10)
    clock.set(MONDAY_10 + 22 * HOUR)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.deadline_warnings_send() == 1
    core_clock.freeze(None)  # the worker schedules retries on the real clock
    run_worker()  # nothing listens: the attempt fails and is retried later
    [mail] = OutgoingMail.objects.filter(template="concerns/email/deadline_soon")
    assert mail.status == OutgoingMail.Status.QUEUED
    assert mail.attempts == 1
    inbox = start_smtp()
    assert mail.next_attempt_at is not None
    with clock_at(mail.next_attempt_at + timedelta(seconds=1)):
        run_worker()
    assert len(inbox.messages) == 1
    assert inbox.recipients == [[lead.email]]
    text = text_of(inbox.messages[0], "plain")
    assert "/modtagelse/" in text


def test_retention_anonymises_old_reports_and_keeps_the_figures(
    submit: Callable[..., Report], settings: Any, clock: Any
) -> None:
    settings.TILLID_CONCERN_RETENTION_MONTHS = 24
    old = submit(at=MONDAY_10, cpr="0505144234", family_suspected=True)
    recent = submit(at=MONDAY_10 + timedelta(days=400))
    clock.set(MONDAY_10 + timedelta(days=365 * 2 + 5))
    result = services.concerns_retain()
    assert result["anonymised"] == [old.pk]
    old.refresh_from_db()
    assert old.child_name == ""
    assert old.child_cpr == ""
    assert old.cpr_hash == ""
    assert old.observations == ""
    assert old.notifier is None
    assert old.anonymised_at is not None
    assert old.reference
    assert old.do_not_contact_family
    assert old.submitted_at == MONDAY_10
    recent.refresh_from_db()
    assert recent.child_name
    assert services.concerns_retain()["anonymised"] == []
    assert AuditEntry.objects.filter(action="concerns.retention.run").count() == 2


def test_an_abandoned_draft_is_reminded_then_removed_and_saving_resets_it(
    professional: User, clock: Any
) -> None:
    clock.set(MONDAY_10)
    abandoned = services.report_start(actor=professional)
    services.report_save_step(actor=professional, report=abandoned, step=steps.ACUTE, data=False)
    kept = services.report_start(actor=professional)
    clock.set(MONDAY_10 + timedelta(days=31))
    result = services.concerns_retain()
    assert sorted(result["reminded"]) == sorted([abandoned.pk, kept.pk])
    assert result["removed"] == []
    assert OutgoingMail.objects.filter(template="concerns/email/draft_reminder").count() == 2
    services.report_save_step(actor=professional, report=kept, step=steps.ACUTE, data=True)
    clock.set(MONDAY_10 + timedelta(days=46))
    result = services.concerns_retain()
    assert result["removed"] == [abandoned.pk]
    assert not Report.objects.filter(pk=abandoned.pk).exists()
    assert Report.objects.filter(pk=kept.pk).exists()
    assert services.concerns_retain()["reminded"] == []


def test_a_transaction_rolled_back_sends_no_warning(
    submit: Callable[..., Report], clock: Any
) -> None:
    submit(at=MONDAY_10)
    clock.set(MONDAY_10 + 22 * HOUR)

    def warn_then_fail() -> None:
        with transaction.atomic():
            services.deadline_warnings_send()
            raise RuntimeError

    with pytest.raises(RuntimeError):
        warn_then_fail()
    assert _warnings() == []
    assert services.deadline_warnings_send() == 1
