"""Mails about consultations say only that something happened, with a link: no content, no
names. Checked on what a real SMTP server on loopback receives."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction

from tests.consultations.conftest import MONDAY_10
from tests.core.test_mail import (  # noqa: F401 (pytest fixtures)
    Inbox,
    inbox,
    run_worker,
    smtp_port,
    start_smtp,
    text_of,
)
from tillid.accounts.models import User
from tillid.consultations import services
from tillid.consultations.models import Consultation

SECRETS = [
    "svømning",  # the description
    "Sara",  # a name in a message
    "Lokale 7",  # a meeting place
    "meet.kk.example",  # a video link
    "indskolingen",  # a teaching group
    "33 66 33 66",  # the professional's phone
    "Notat",  # an internal note
]


@pytest.mark.django_db
def test_no_mail_carries_case_content_or_names(
    inbox: Inbox,  # noqa: F811
    submit: Callable[..., Consultation],
    professional: User,
    consultant: User,
    colleague: User,
    lead: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        case = submit(
            urgency="akut",
            help_types=["sparring", "undervisning"],
            teaching_group="Lærere i indskolingen",
            teaching_size=20,
            teaching_dates="Maj",
            contact_channel="telefon",
            contact_phone="33 66 33 66",
        )
        services.consultation_assign(
            actor=consultant, consultation=case, assignee=colleague, expected_assignee_id=None
        )
        services.note_add(actor=colleague, consultation=case, body="Notat: tal med Sara")
        services.message_to_requester(actor=colleague, consultation=case, body="Hej, er Sara tryg?")
        services.message_from_requester(actor=professional, consultation=case, body="Sara er ok.")
        services.meeting_plan(
            actor=colleague,
            consultation=case,
            data=services.MeetingData(
                starts_at=MONDAY_10 + timedelta(days=1),
                place="Lokale 7",
                video_link="https://meet.kk.example/x",
            ),
        )
        services.consultation_set_status(actor=colleague, consultation=case, status="venter")
        services.consultation_close(
            actor=colleague,
            consultation=case,
            outcome=services.OutcomeData(help_types=["sparring"], time_spent_minutes=30),
        )
    other = submit()
    with django_capture_on_commit_callbacks(execute=True):
        services.deadlines_escalate(now=MONDAY_10 + timedelta(days=3))
    run_worker()

    templates = {message["Subject"] for message in inbox.messages}
    assert len(inbox.messages) >= 9, templates
    names = [user.name for user in (professional, consultant, colleague, lead)]
    for message in inbox.messages:
        text = message["Subject"] + "\n" + text_of(message, "plain")
        for secret in [*SECRETS, *names]:
            assert secret not in text, (message["Subject"], secret)
        assert "http://" in text or "https://" in text
        assert f"/{case.pk}/" in text or f"/{other.pk}/" in text
    recipients = {address for batch in inbox.recipients for address in batch}
    assert recipients == {professional.email, consultant.email, colleague.email, lead.email}
