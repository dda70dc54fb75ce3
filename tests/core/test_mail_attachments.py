"""Text attachments on outgoing mail (calendar invitations): stored, guarded, delivered."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from tests.core.test_mail import (  # noqa: F401  (fixtures)
    Inbox,
    inbox,
    queue_password_changed,
    run_worker,
    smtp_port,
    start_smtp,
)
from tillid.core.mail import Attachment, MailContainsCprError
from tillid.core.models import OutgoingMail

INVITE = (
    "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nSUMMARY:Kursus om social kontrol\r\nEND:VCALENDAR\r\n"
)


@pytest.mark.django_db
def test_an_attachment_is_stored_and_delivered_with_its_type_parameters(
    inbox: Inbox,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    attachment = Attachment("invitation.ics", INVITE, "text/calendar; method=REQUEST")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail = queue_password_changed(attachments=[attachment])
    assert mail.attachments == [
        {
            "filename": "invitation.ics",
            "content": INVITE,
            "mimetype": "text/calendar; method=REQUEST",
        }
    ]

    run_worker()

    [message] = inbox.messages
    [part] = list(message.iter_attachments())
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_content_charset() == "utf-8"
    assert part.get_filename() == "invitation.ics"
    assert part.get_content().replace("\r\n", "\n") == INVITE.replace("\r\n", "\n")
    assert message.get_body(("plain",)) is not None


@pytest.mark.django_db
def test_a_cpr_number_in_an_attachment_is_refused_and_nothing_is_stored() -> None:
    attachment = Attachment("invitation.ics", "DESCRIPTION:010203-1234", "text/calendar")
    with pytest.raises(MailContainsCprError) as refused:
        queue_password_changed(attachments=[attachment])
    assert "010203" not in str(refused.value)
    assert not OutgoingMail.objects.exists()


@pytest.mark.parametrize(
    ("filename", "mimetype"), [("bilag.pdf", "application/pdf"), ("", "text/plain")]
)
def test_only_named_text_attachments_are_accepted(filename: str, mimetype: str) -> None:
    with pytest.raises(ValueError, match="text"):
        Attachment(filename, "x", mimetype)
