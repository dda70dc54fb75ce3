"""Mails about concern reports say only that something changed, with a link: no name, no CPR
number, no content. Checked on what a real SMTP server on loopback receives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from tests.concerns.conftest import CHILD_WORDS, MONDAY_10, OBSERVATIONS
from tests.core.test_mail import (  # noqa: F401 (pytest fixtures)
    Inbox,
    inbox,
    run_worker,
    smtp_port,
    start_smtp,
    text_of,
)
from tillid.accounts.models import User
from tillid.concerns import services
from tillid.concerns.models import Report


@pytest.mark.django_db
def test_no_mail_carries_a_name_a_cpr_number_or_content(
    inbox: Inbox,  # noqa: F811
    submit: Callable[..., Report],
    professional: User,
    intake_worker: User,
    lead: User,
    clock: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = submit(at=MONDAY_10, cpr="050514-4234", name="Amira Testbarn")
        clock.set(MONDAY_10)
        draft = services.report_start(actor=professional)
        clock.set(MONDAY_10 + timedelta(hours=22))
        services.deadline_warnings_send()
        clock.set(MONDAY_10 + timedelta(hours=25))
        services.deadline_warnings_send()
        services.report_assess(
            actor=intake_worker,
            report=report,
            data=services.AssessmentData(
                health_in_danger=True,
                urgent_measures=False,
                next_step="afdaekning",
                reasons="Begrundelse om Amira",
            ),
            expected_version=report.version,
        )
        services.receipt_send(actor=intake_worker, report=report)
        services.feedback_record(
            actor=intake_worker,
            report=report,
            feedback="undersoegelse",
            expected_version=Report.objects.get(pk=report.pk).version,
        )
        clock.set(MONDAY_10 + timedelta(days=40))
        services.concerns_retain()
    run_worker()
    assert len(inbox.messages) == 6
    secrets = [
        "Amira", "Testbarn", "050514", "0505144234", OBSERVATIONS[:20], CHILD_WORDS[:15],
        "Skolen", "arabisk", "Begrundelse", "33 66 33 66", professional.name, intake_worker.name,
        lead.name, "Per Lærer", "undersøgelse",
    ]  # fmt: skip
    for message in inbox.messages:
        text = message["Subject"] + "\n" + text_of(message, "plain")
        for secret in secrets:
            assert secret not in text, (message["Subject"], secret)
        assert f"/{report.pk}/" in text or f"/{draft.pk}/" in text
    recipients = {address for batch in inbox.recipients for address in batch}
    assert recipients == {professional.email, lead.email}
