"""Background tasks of the cross-cutting mechanisms: delivering the outbox.

``deliver_mail`` sends one ``OutgoingMail`` through Django's configured SMTP backend. When the
server cannot be reached or refuses, the mail stays queued and the task schedules itself again
with a growing delay (``retry_delay``) until ``TILLID_MAIL_MAX_ATTEMPTS`` tries are used up; then
the mail is marked failed and an error is logged. Logs and ``last_error`` name the mail and the
kind of failure, never its recipient, subject or body.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks import task

from tillid.core import clock
from tillid.core.models import OutgoingMail

logger = logging.getLogger(__name__)

FIRST_RETRY_DELAY = timedelta(minutes=1)
LONGEST_RETRY_DELAY = timedelta(minutes=60)


def retry_delay(attempts: int) -> timedelta:
    """The wait after ``attempts`` failed tries: 1, 2, 4, 8 … minutes, never more than 60."""
    if attempts < 1:
        raise ValueError("attempts must be at least 1")
    # The exponent is capped so that a large count cannot overflow timedelta.
    return min(FIRST_RETRY_DELAY * 2 ** min(attempts - 1, 16), LONGEST_RETRY_DELAY)


def describe_error(error: BaseException) -> str:
    """The failure's kind (and SMTP code), short enough for ``last_error``.

    The server's reply text is left out: it may quote the recipient or parts of the message.
    """
    name = type(error).__name__
    if isinstance(error, smtplib.SMTPResponseException):
        description = f"{name}: SMTP {error.smtp_code}"
    elif isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = sorted({code for code, _reply in error.recipients.values()})
        description = f"{name}: SMTP {', '.join(map(str, codes))}"
    elif isinstance(error, OSError) and error.strerror:
        description = f"{name}: {error.strerror}"
    else:
        description = name
    return description[:200]


@task()
def deliver_mail(mail_id: int) -> str:
    """Send queued mail ``mail_id`` once; return its status afterwards.

    The row is locked while it is sent, so two runs for the same mail cannot both send it, and a
    mail that is already sent or failed is left alone. SMTP and network errors are recorded and
    retried later (see the module docstring); any other error fails this run and leaves the mail
    queued.
    """
    with transaction.atomic():
        mail = OutgoingMail.objects.select_for_update().filter(pk=mail_id).first()
        if mail is None:
            logger.warning("Mail #%s is no longer in the outbox; nothing to send.", mail_id)
            return "missing"
        if mail.status != OutgoingMail.Status.QUEUED:
            return mail.status
        mail.attempts += 1
        try:
            _send(mail)
        except (smtplib.SMTPException, OSError) as error:
            _record_failure(mail, error, now=clock.now())
        else:
            mail.status = OutgoingMail.Status.SENT
            mail.sent_at = clock.now()
            mail.next_attempt_at = None
            mail.save(update_fields=["status", "attempts", "sent_at", "next_attempt_at"])
    return mail.status


def _send(mail: OutgoingMail) -> None:
    message = EmailMultiAlternatives(subject=mail.subject, body=mail.body_text, to=[mail.to])
    if mail.body_html:
        message.attach_alternative(mail.body_html, "text/html")
    for attachment in mail.attachments:
        message.attach(_attachment_part(attachment))
    message.send()


def _attachment_part(attachment: dict[str, Any]) -> MIMEText:
    """A UTF-8 text part that keeps the type's parameters (``method=REQUEST`` for invitations)."""
    mimetype, *parameters = (part.strip() for part in attachment["mimetype"].split(";"))
    part = MIMEText(attachment["content"], mimetype.split("/", 1)[1], "utf-8")
    for parameter in parameters:
        name, _equals, value = parameter.partition("=")
        part.set_param(name.strip(), value.strip().strip('"'))
    part.add_header("Content-Disposition", "attachment", filename=attachment["filename"])
    return part


def _record_failure(mail: OutgoingMail, error: BaseException, *, now: datetime) -> None:
    """Keep the mail queued and schedule the next try, or mark it failed after the last one.

    Runs inside the task's transaction, so the new attempt count and the scheduled retry are
    committed together.
    """
    mail.last_error = describe_error(error)
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if mail.attempts >= settings.TILLID_MAIL_MAX_ATTEMPTS:
        mail.status = OutgoingMail.Status.FAILED
        mail.next_attempt_at = None
        mail.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
        logger.error(
            "Mail #%s (%s) could not be sent through %s after %s attempts and is marked failed: %s",
            mail.pk,
            mail.template,
            server,
            mail.attempts,
            mail.last_error,
        )
        return
    mail.next_attempt_at = now + retry_delay(mail.attempts)
    mail.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    deliver_mail.using(run_after=mail.next_attempt_at).enqueue(mail.pk)
    logger.warning(
        "Mail #%s (%s) could not be sent through %s (attempt %s): %s. Retrying at %s.",
        mail.pk,
        mail.template,
        server,
        mail.attempts,
        mail.last_error,
        mail.next_attempt_at.isoformat(),
    )
