"""Background tasks of the cross-cutting mechanisms: delivering the outbox.

``deliver_mail`` sends one ``OutgoingMail`` through Django's configured SMTP backend. When the
server cannot be reached or refuses, the mail stays queued and the task schedules itself again
with a growing delay (``retry_delay``) until ``TILLID_MAIL_MAX_ATTEMPTS`` tries are used up; then
the mail is marked failed and an error is logged. Logs and ``last_error`` name the mail and the
kind of failure, never its recipient, subject or body.

Each send is claimed first: a short transaction moves the mail from queued to sending (two
workers cannot both win that conditional update), the SMTP conversation then runs outside any
transaction (SQLite's write lock is never held while a server answers), and a second short
transaction marks the mail sent. The mail keeps its Message-ID across attempts, so a receiver
can recognise the rare resend after a worker died between the server's acceptance and the mark.

``sweep_outbox`` (task, and ``manage.py mail_sweep`` to schedule every few minutes) repairs what
a killed process leaves behind: a task stuck RUNNING past the sending timeout is marked failed,
a mail stuck sending past it is queued again, and every due queued mail without a live task
(never enqueued, or its task failed on "database is locked") gets a new task.
"""

from __future__ import annotations

import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.mime.text import MIMEText
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from tillid.core import clock
from tillid.core.models import OutgoingMail

logger = logging.getLogger(__name__)

ERASED_BODY = "(Indholdet er slettet efter afsendelse, fordi det indeholdt et engangslink.)"
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


def sending_timeout() -> timedelta:
    """How long a claim or a RUNNING task may last before its worker counts as dead."""
    return timedelta(seconds=settings.TILLID_MAIL_SENDING_TIMEOUT_SECONDS)


@task()
def deliver_mail(mail_id: int) -> str:
    """Send queued mail ``mail_id`` once; return its status afterwards.

    Only the run that moves the mail from queued to sending sends it, so a second task for the
    same mail (the sweeper's, say) does nothing; a mail that is sending, sent or failed is left
    alone. SMTP and network errors are recorded and retried later (see the module docstring);
    a database error fails this run and leaves the mail for the sweeper.
    """
    with transaction.atomic():
        claimed = OutgoingMail.objects.filter(pk=mail_id, status=OutgoingMail.Status.QUEUED).update(
            status=OutgoingMail.Status.SENDING,
            claimed_at=clock.now(),
            attempts=F("attempts") + 1,
        )
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None:
        logger.warning("Mail #%s is no longer in the outbox; nothing to send.", mail_id)
        return "missing"
    if not claimed:
        return mail.status
    try:
        _send(mail)
    except (smtplib.SMTPException, OSError) as error:
        with transaction.atomic():
            _record_failure(mail, error, now=clock.now())
    else:
        _mark_sent(mail)
    return mail.status


def _mark_sent(mail: OutgoingMail, *, tries: int = 6) -> None:
    """Record the server's acceptance, retrying briefly while the database is busy.

    Giving up leaves the mail sending; the sweeper would then send it again (same Message-ID).
    """
    mail.status = OutgoingMail.Status.SENT
    mail.sent_at = clock.now()
    mail.next_attempt_at = None
    changes: dict[str, Any] = {"status": mail.status, "sent_at": mail.sent_at}
    changes.update(next_attempt_at=None, last_error="")
    changes.update(_erased(mail))
    for attempt in range(tries):
        try:
            with transaction.atomic():
                OutgoingMail.objects.filter(pk=mail.pk, status=OutgoingMail.Status.SENDING).update(
                    **changes
                )
            return
        except OperationalError:
            if attempt == tries - 1:
                raise
            time.sleep(0.1 * 2**attempt)


def _erased(mail: OutgoingMail) -> dict[str, Any]:
    if not mail.erase_after_sending:
        return {}
    mail.body_text, mail.body_html, mail.attachments = ERASED_BODY, "", []
    return {"body_text": ERASED_BODY, "body_html": "", "attachments": []}


def _send(mail: OutgoingMail) -> None:
    headers = {"Message-ID": mail.message_id} if mail.message_id else {}
    message = EmailMultiAlternatives(
        subject=mail.subject, body=mail.body_text, to=[mail.to], headers=headers
    )
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
    """Queue the mail again and schedule the next try, or mark it failed after the last one.

    Runs in one transaction, so the released claim and the scheduled retry commit together.
    """
    mail.last_error = describe_error(error)
    mail.claimed_at = None
    server = f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
    if mail.attempts >= settings.TILLID_MAIL_MAX_ATTEMPTS:
        mail.status = OutgoingMail.Status.FAILED
        mail.next_attempt_at = None
        erased = _erased(mail)
        mail.save(update_fields=["status", "last_error", "next_attempt_at", "claimed_at", *erased])
        logger.error(
            "Mail #%s (%s) could not be sent through %s after %s attempts and is marked failed: %s",
            mail.pk,
            mail.template,
            server,
            mail.attempts,
            mail.last_error,
        )
        return
    mail.status = OutgoingMail.Status.QUEUED
    mail.next_attempt_at = now + retry_delay(mail.attempts)
    mail.save(update_fields=["status", "last_error", "next_attempt_at", "claimed_at"])
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


@dataclass(frozen=True)
class SweepReport:
    tasks_failed: int  # RUNNING past the timeout: their worker died
    claims_released: int  # sending past the timeout: queued again
    enqueued: int  # due queued mails that had no live task


def outbox_sweep(*, now: datetime | None = None) -> SweepReport:
    """Repair the outbox after killed processes; safe to run at any time, even concurrently.

    Never sends anything itself; at worst it creates a second task for a mail, and only one task
    can claim it.
    """
    now = now or clock.now()
    stale = now - sending_timeout()
    path = deliver_mail.module_path
    with transaction.atomic():
        tasks_failed = DBTaskResult.objects.filter(
            task_path=path, status=TaskResultStatus.RUNNING, started_at__lt=stale
        ).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="tillid.core.tasks.WorkerLost",
            traceback="The worker running this task stopped before it finished.",
        )
    with transaction.atomic():
        claims_released = OutgoingMail.objects.filter(
            status=OutgoingMail.Status.SENDING, claimed_at__lt=stale
        ).update(status=OutgoingMail.Status.QUEUED, claimed_at=None)
    live = {
        arguments["args"][0]
        for arguments in DBTaskResult.objects.filter(
            task_path=path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).values_list("args_kwargs", flat=True)
        if arguments.get("args")
    }
    due = (
        OutgoingMail.objects.filter(status=OutgoingMail.Status.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .exclude(pk__in=live)
        .values_list("pk", flat=True)
    )
    enqueued = 0
    for mail_id in list(due):
        deliver_mail.enqueue(mail_id)
        enqueued += 1
    report = SweepReport(tasks_failed, claims_released, enqueued)
    if tasks_failed or claims_released or enqueued:
        logger.warning(
            "Outbox sweep: %s stuck tasks failed, %s stuck mails queued again, %s mails enqueued.",
            tasks_failed,
            claims_released,
            enqueued,
        )
    return report


@task()
def sweep_outbox() -> dict[str, int]:
    """``outbox_sweep`` as a task, for deployments that schedule tasks rather than commands."""
    report = outbox_sweep()
    return {
        "tasks_failed": report.tasks_failed,
        "claims_released": report.claims_released,
        "enqueued": report.enqueued,
    }
