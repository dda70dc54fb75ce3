"""Outgoing mail: rendered, guarded, stored, and delivered to a real SMTP server on loopback.

The server is aiosmtpd on 127.0.0.1; tests read what it received. Delivery runs through
django-tasks' database backend and its real ``db_worker`` command in batch mode, except where a
test says otherwise. Time is moved by patching ``timezone.now``, never by sleeping.

Each test runs in the test database's transaction; ``django_capture_on_commit_callbacks`` plays
the outermost commit and runs what ``on_commit`` scheduled. (A transactional test database would
have to be flushed afterwards, and PostgreSQL refuses to truncate the append-only audit table.)
"""

from __future__ import annotations

import email
import email.policy
import logging
import signal
import smtplib
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any
from unittest import mock

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tillid.core.mail import MailContainsCprError, send_mail
from tillid.core.models import OutgoingMail
from tillid.core.tasks import deliver_mail, describe_error, retry_delay

RECIPIENT = "fatima.hansen@example.dk"
# 14:05 in Copenhagen (winter time).
CHANGED_AT = datetime(2025, 3, 3, 13, 5, tzinfo=UTC)
PASSWORD_CHANGED = {"name": "Fatima Hansen", "changed_at": CHANGED_AT}


class Inbox:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_port(settings: Any) -> int:
    """A loopback port that Django's SMTP backend sends to; nothing listens until started."""
    port = free_port()
    # The test runner swaps in the locmem backend; these tests want the real SMTP one.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.DEFAULT_FROM_EMAIL = "Tillid <tillid@kk.dk>"
    return port


@pytest.fixture
def start_smtp(smtp_port: int) -> Iterator[Callable[[], Inbox]]:
    """Start an SMTP server on ``smtp_port`` (on demand, so a test can begin with it down)."""
    controllers: list[Controller] = []

    def start() -> Inbox:
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        controllers.append(controller)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def inbox(start_smtp: Callable[[], Inbox]) -> Inbox:
    return start_smtp()


def run_worker() -> None:
    """Run django-tasks' database worker until nothing is ready, as in production."""
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]
    handlers = {number: signal.getsignal(number) for number in signals}
    task_loggers = [logging.getLogger(name) for name in ("django_tasks", "django_tasks_db")]
    levels = [task_logger.level for task_logger in task_loggers]
    # The worker closes connections that are not in autocommit mode, as the test's transaction
    # is not; in production it runs in autocommit, so there it closes only broken connections.
    keep_connection = mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections"
    )
    try:
        with keep_connection:
            call_command(
                "db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0
            )
    finally:
        # The worker installs its own signal handlers and logger levels; give the test run back.
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for task_logger, level in zip(task_loggers, levels, strict=True):
            task_logger.setLevel(level)


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def queue_password_changed(**overrides: Any) -> OutgoingMail:
    arguments: dict[str, Any] = {
        "to": RECIPIENT,
        "template": "core/email/password_changed",
        "context": PASSWORD_CHANGED,
    }
    arguments.update(overrides)
    return send_mail(**arguments)


def text_of(message: EmailMessage, subtype: str) -> str:
    part = message.get_body((subtype,))
    assert part is not None
    return str(part.get_content())


def ready_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(status=TaskResultStatus.READY))


@pytest.mark.django_db
def test_mail_from_a_committed_transaction_is_delivered_in_danish(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        mail = queue_password_changed()
        assert ready_tasks() == []  # nothing is handed to the worker before commit
    assert len(callbacks) == 1

    run_worker()

    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert inbox.recipients == [[RECIPIENT]]
    assert message["To"] == RECIPIENT
    assert message["From"] == "Tillid <tillid@kk.dk>"
    assert message["Subject"] == "Din adgangskode til Tillid er ændret"
    text = text_of(message, "plain")
    assert "Hej Fatima Hansen" in text
    assert "blev ændret den 3. marts 2025 kl. 14.05." in text
    html = text_of(message, "html")
    assert '<html lang="da">' in html
    assert "3. marts 2025 kl. 14.05" in html
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.attempts == 1
    assert mail.sent_at is not None
    assert mail.last_error == ""


@pytest.mark.django_db
def test_mail_is_rendered_in_the_language_asked_for(
    inbox: Inbox, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_password_changed(language="en")

    # Dates come from Django's own English locale; the page language from the active language.
    html = text_of(inbox.messages[0], "html")
    assert '<html lang="en">' in html
    assert "3 March 2025" in html
    assert "3 March 2025" in text_of(inbox.messages[0], "plain")
    mail.refresh_from_db()
    assert (mail.language, mail.status) == ("en", OutgoingMail.Status.SENT)
    assert translation.get_language() == "da", "the caller's language is left as it was"


@pytest.mark.django_db
def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="'de'"):
        queue_password_changed(language="de")
    assert not OutgoingMail.objects.exists()


class ServiceFailedError(Exception):
    pass


def queue_mail_then_fail() -> None:
    """A service that queues a mail and then fails, rolling its transaction back."""
    with transaction.atomic():
        queue_password_changed()
        raise ServiceFailedError


@pytest.mark.django_db
def test_a_rolled_back_transaction_sends_nothing(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ServiceFailedError),
    ):
        queue_mail_then_fail()
    assert callbacks == []

    run_worker()

    assert inbox.messages == []
    assert not OutgoingMail.objects.exists()
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("to", "context"),
    [
        (RECIPIENT, {**PASSWORD_CHANGED, "name": "Fatima Hansen (010203-1234)"}),
        ("0102031234@example.dk", PASSWORD_CHANGED),
    ],
    ids=["in the body", "in the address"],
)
def test_a_cpr_number_is_refused_and_nothing_is_stored(
    to: str, context: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(MailContainsCprError) as refused,
    ):
        queue_password_changed(to=to, context=context)

    assert isinstance(refused.value, ValueError)
    assert "010203" not in str(refused.value)
    assert "1234" not in str(refused.value)
    assert not OutgoingMail.objects.exists()
    assert callbacks == []


@pytest.mark.django_db
def test_smtp_server_down_keeps_the_mail_and_delivers_it_once_on_retry(
    start_smtp: Callable[[], Inbox],
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail = queue_password_changed()

    before = timezone.now()
    run_worker()
    after = timezone.now()

    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.QUEUED
    assert mail.attempts == 1
    assert mail.last_error == "ConnectionRefusedError: Connection refused"
    [retry] = ready_tasks()
    assert retry.args_kwargs == {"args": [mail.pk], "kwargs": {}}
    assert before + timedelta(minutes=1) <= retry.run_after <= after + timedelta(minutes=1)
    assert retry.run_after == mail.next_attempt_at
    [warning] = [record for record in caplog.records if record.name == "tillid.core.tasks"]
    assert warning.levelno == logging.WARNING
    assert "Connection refused" in warning.getMessage()

    inbox = start_smtp()
    run_worker()
    assert inbox.messages == [], "the retry ran before its time"

    with clock_at(retry.run_after + timedelta(seconds=1)):
        run_worker()
    # A stray second run for the same mail must not send it again.
    deliver_mail.enqueue(mail.pk)
    run_worker()

    assert len(inbox.messages) == 1
    assert inbox.messages[0]["Subject"] == "Din adgangskode til Tillid er ændret"
    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.SENT
    assert mail.attempts == 2
    assert mail.next_attempt_at is None
    assert ready_tasks() == []


@pytest.mark.django_db
@pytest.mark.usefixtures("smtp_port")
def test_after_the_last_attempt_the_mail_is_failed_and_an_error_logged_without_content(
    settings: Any, caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TILLID_MAIL_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        mail = queue_password_changed()

    run_worker()
    with clock_at(timezone.now() + timedelta(hours=1)):
        run_worker()

    mail.refresh_from_db()
    assert mail.status == OutgoingMail.Status.FAILED
    assert mail.attempts == 2
    assert mail.next_attempt_at is None
    assert ready_tasks() == []
    records = [record for record in caplog.records if record.name == "tillid.core.tasks"]
    [error] = [record for record in records if record.levelno == logging.ERROR]
    assert f"Mail #{mail.pk} (core/email/password_changed)" in error.getMessage()
    assert "after 2 attempts" in error.getMessage()
    for record in records:
        logged = record.getMessage()
        for content in (RECIPIENT, mail.subject, "Fatima", "Hansen"):
            assert content not in logged


@pytest.mark.parametrize(
    ("attempts", "minutes"),
    [(1, 1), (2, 2), (3, 4), (4, 8), (6, 32), (7, 60), (8, 60), (1000, 60)],
)
def test_retry_delay_doubles_from_one_minute_up_to_an_hour(attempts: int, minutes: int) -> None:
    assert retry_delay(attempts) == timedelta(minutes=minutes)


def test_retry_delay_needs_a_failed_attempt() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        retry_delay(0)


@pytest.mark.parametrize(
    ("error", "described"),
    [
        (
            ConnectionRefusedError(111, "Connection refused"),
            "ConnectionRefusedError: Connection refused",
        ),
        (smtplib.SMTPDataError(554, b"Rejected: Hej Fatima Hansen"), "SMTPDataError: SMTP 554"),
        (
            smtplib.SMTPRecipientsRefused({RECIPIENT: (550, b"fatima.hansen unknown")}),
            "SMTPRecipientsRefused: SMTP 550",
        ),
        (
            smtplib.SMTPServerDisconnected("Connection unexpectedly closed"),
            "SMTPServerDisconnected",
        ),
    ],
)
def test_recorded_errors_leave_out_the_servers_reply(error: Exception, described: str) -> None:
    assert describe_error(error) == described
