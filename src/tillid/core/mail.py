"""The one way Tillid sends email: ``send_mail`` renders, guards, stores and schedules.

Every mail is rendered from ``<template>.subject.txt``, ``.txt`` and an optional ``.html``
(``template`` is a path such as ``core/email/password_changed``) in the recipient's language,
refused if it would carry a CPR number, and stored in the ``OutgoingMail`` outbox in the caller's
transaction. The ``deliver_mail`` task sends it after the
transaction commits and retries while the SMTP server is unreachable, so a rolled-back change sends
nothing and an outage delays mail without losing it. Text attachments (a calendar invitation) are
stored with the mail and guarded like its body.

Handing the mail to the task worker happens after commit and can fail (the database is busy, the
process dies): that never turns the committed change into an error page, and the outbox sweeper
(``manage.py mail_sweep``) enqueues any queued mail that has no live task.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import make_msgid, parseaddr
from typing import Any

from django.conf import settings
from django.core.validators import validate_email
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

from tillid.core.cpr import contains_cpr
from tillid.core.models import OutgoingMail
from tillid.core.tasks import deliver_mail

logger = logging.getLogger(__name__)


class MailContainsCprError(ValueError):
    """The rendered mail would carry a CPR number. The message never repeats the number."""


@dataclass(frozen=True)
class Attachment:
    """A text attachment, such as ``invitation.ics`` with ``text/calendar; method=REQUEST``.

    ``mimetype`` is a ``text/*`` type, optionally with parameters; the charset is always UTF-8.
    """

    filename: str
    content: str
    mimetype: str

    def __post_init__(self) -> None:
        if not self.mimetype.startswith("text/") or not self.filename:
            raise ValueError("Attachments are named text files (text/*).")


def send_mail(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    language: str = "da",
    attachments: Sequence[Attachment] = (),
    erase_after_sending: bool = False,
) -> OutgoingMail:
    """Queue the mail ``template`` for ``to`` in ``language`` and send it after commit.

    Guarantees: the mail is stored (status queued) in the caller's transaction and handed to the
    task worker only once that transaction commits; it is never sent if the transaction rolls
    back; an SMTP failure is retried (see ``tillid.core.tasks``). ``municipality`` and
    ``contact_email`` are added to ``context`` for every template.

    Raises ``MailContainsCprError`` if the recipient, subject, a body or an attachment contains a
    CPR number (nothing is stored then), ``ValidationError`` for an invalid address,
    ``erase_after_sending`` blanks the stored body once the mail is sent (a reset link must not
    stay readable in the outbox).
    ``ValueError`` for a language Tillid does not offer, and ``TemplateDoesNotExist`` for an
    unknown template.
    """
    validate_email(to)
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Tillid does not send mail in {language!r}.")
    subject, body_text, body_html = _render(template, context, language)
    attached = [attachment.content for attachment in attachments]
    if any(contains_cpr(part) for part in (to, subject, body_text, body_html, *attached)):
        raise MailContainsCprError(
            f"The email {template!r} would contain a CPR number and was not sent."
        )
    mail = OutgoingMail.objects.create(
        to=to,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        language=language,
        template=template,
        attachments=[
            {"filename": item.filename, "content": item.content, "mimetype": item.mimetype}
            for item in attachments
        ],
        message_id=make_msgid(domain=_sender_domain()),
        erase_after_sending=erase_after_sending,
    )
    mail_id = mail.pk
    # A named function, not functools.partial: robust on_commit reports a failing callback by
    # its __qualname__, which a partial lacks (the report itself then raised, after the commit).
    transaction.on_commit(lambda: enqueue_delivery(mail_id), robust=True)
    return mail


def enqueue_delivery(mail_id: int) -> None:
    """Hand mail ``mail_id`` to the task worker; on failure log it and leave it to the sweeper.

    Runs after the caller's commit, so raising here would only turn a committed change into an
    error page while the mail waits safely in the outbox.
    """
    try:
        deliver_mail.enqueue(mail_id)
    except Exception:
        logger.exception(
            "Mail #%s is queued but no delivery task could be created; the sweeper will.", mail_id
        )


def _sender_domain() -> str:
    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    return address.rpartition("@")[2] or "tillid.invalid"


def _render(template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    full_context = {
        "municipality": settings.TILLID_MUNICIPALITY,
        "contact_email": settings.TILLID_CONTACT_EMAIL,
        **context,
    }
    base = template
    with translation.override(language):
        subject = render_to_string(f"{base}.subject.txt", full_context)
        body_text = render_to_string(f"{base}.txt", full_context)
        try:
            html_template = get_template(f"{base}.html")
        except TemplateDoesNotExist:
            body_html = ""
        else:
            body_html = html_template.render(full_context)
    # A header holds one line; template line breaks and indentation are not meant for it.
    return " ".join(subject.split()), body_text, body_html
