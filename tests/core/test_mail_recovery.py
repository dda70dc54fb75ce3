# ruff: noqa: F811  (pytest fixtures imported from test_mail)
"""Issue 17: mail is never lost and never sent twice.

Enqueueing after commit cannot fail the request (it used ``functools.partial``, which a failing
robust on_commit could not report); a claim moves each mail from queued to sending so one task
sends it; SMTP runs outside any transaction; the sweeper repairs what killed processes leave;
reset links are erased from the outbox once sent; reset requests are rate-limited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.core.test_mail import (  # noqa: F401  (fixtures)
    Inbox,
    inbox,
    queue_password_changed,
    ready_tasks,
    run_worker,
    smtp_port,
    start_smtp,
)
from tillid.core import tasks
from tillid.core.models import OutgoingMail
from tillid.core.tasks import deliver_mail, outbox_sweep

pytestmark = pytest.mark.django_db


def test_a_failing_enqueue_after_commit_neither_raises_nor_loses_the_mail(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with (
        mock.patch("tillid.core.mail.deliver_mail") as broken,
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        broken.enqueue.side_effect = OperationalError("database is locked")
        mail = queue_password_changed()

    broken.enqueue.assert_called_once_with(mail.pk)

    assert OutgoingMail.objects.get(pk=mail.pk).status == OutgoingMail.Status.QUEUED
    assert not ready_tasks()
    assert outbox_sweep().enqueued == 1
    run_worker()
    assert len(inbox.messages) == 1
    assert OutgoingMail.objects.get(pk=mail.pk).status == OutgoingMail.Status.SENT


def test_two_tasks_for_one_mail_send_it_once_with_its_message_id(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_password_changed()
    deliver_mail.enqueue(mail.pk)  # a duplicate, as the sweeper may create

    run_worker()

    assert len(inbox.messages) == 1
    assert inbox.messages[0]["Message-ID"] == mail.message_id
    assert mail.message_id.endswith("@kk.dk>")
    assert deliver_mail.call(mail.pk) == OutgoingMail.Status.SENT
    assert len(inbox.messages) == 1


def test_the_smtp_conversation_runs_outside_any_transaction(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        mail = queue_password_changed()
    depth_outside = len(connection.savepoint_ids)
    seen: list[tuple[int, str]] = []
    real_send = tasks._send

    def spying_send(sending: OutgoingMail) -> None:
        # The claim is committed before the server is contacted: another process sees it.
        seen.append((len(connection.savepoint_ids), OutgoingMail.objects.get(pk=mail.pk).status))
        real_send(sending)

    with mock.patch.object(tasks, "_send", spying_send):
        deliver_mail.call(mail.pk)

    assert seen == [(depth_outside, OutgoingMail.Status.SENDING)]
    assert len(inbox.messages) == 1


def test_the_sweeper_releases_a_dead_workers_claim_and_fails_its_stuck_task(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_password_changed()
    task_row = DBTaskResult.objects.get()
    # A worker claimed task and mail, then was killed during the SMTP conversation.
    long_ago = timezone.now() - timedelta(hours=1)
    task_row.claim("killed-worker")
    DBTaskResult.objects.filter(pk=task_row.pk).update(started_at=long_ago)
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=OutgoingMail.Status.SENDING, claimed_at=long_ago, attempts=1
    )

    run_worker()  # nothing to do: the mail is claimed and its task is running
    assert inbox.messages == []
    report = outbox_sweep()
    run_worker()

    assert (report.tasks_failed, report.claims_released, report.enqueued) == (1, 1, 1)
    assert DBTaskResult.objects.get(pk=task_row.pk).status == TaskResultStatus.FAILED
    assert len(inbox.messages) == 1
    assert OutgoingMail.objects.get(pk=mail.pk).status == OutgoingMail.Status.SENT
    assert outbox_sweep().enqueued == 0


def test_a_live_claim_and_a_scheduled_retry_are_left_alone(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        claimed = queue_password_changed()
        waiting = queue_password_changed()
    OutgoingMail.objects.filter(pk=claimed.pk).update(
        status=OutgoingMail.Status.SENDING, claimed_at=timezone.now()
    )
    later = timezone.now() + timedelta(minutes=5)
    OutgoingMail.objects.filter(pk=waiting.pk).update(next_attempt_at=later)

    assert outbox_sweep() == tasks.SweepReport(0, 0, 0)


def test_a_task_that_failed_on_a_locked_database_is_retried_by_the_sweeper(
    inbox: Inbox, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mail = queue_password_changed()
    locked = mock.patch.object(
        OutgoingMail.objects, "filter", side_effect=OperationalError("database is locked")
    )
    with locked:
        run_worker()
    assert DBTaskResult.objects.get().status == TaskResultStatus.FAILED
    assert OutgoingMail.objects.get(pk=mail.pk).status == OutgoingMail.Status.QUEUED

    assert outbox_sweep().enqueued == 1
    run_worker()

    assert len(inbox.messages) == 1
    assert OutgoingMail.objects.get(pk=mail.pk).status == OutgoingMail.Status.SENT


def test_the_mail_sweep_command_reports_what_it_did(
    django_capture_on_commit_callbacks: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=False):
        queue_password_changed()
    call_command("mail_sweep")

    assert "1 mails enqueued" in capsys.readouterr().out
    assert len(ready_tasks()) == 1


# Password reset: links erased once sent, requests rate-limited


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _ask_reset(client: Client, email: str, address: str = "10.0.0.1") -> int:
    return client.post(
        "/konto/glemt-adgangskode/", {"email": email}, REMOTE_ADDR=address
    ).status_code


def test_a_reset_link_is_erased_from_the_outbox_once_sent(
    client: Client,
    make_user: Callable[..., Any],
    inbox: Inbox,
    django_capture_on_commit_callbacks: Any,
) -> None:
    make_user(email="sara@kk.example")
    with django_capture_on_commit_callbacks(execute=True):
        assert _ask_reset(client, "sara@kk.example") == 302
    run_worker()

    delivered = inbox.messages[0].get_body(("plain",)).get_content()
    assert re.search(r"/konto/nulstil/\S+/", delivered)
    stored = OutgoingMail.objects.get(to="sara@kk.example")
    assert stored.status == OutgoingMail.Status.SENT
    assert "/konto/nulstil/" not in stored.body_text + stored.body_html
    assert stored.body_text == tasks.ERASED_BODY


def test_reset_requests_are_limited_per_address_in_the_same_words_for_every_address(
    client: Client, make_user: Callable[..., Any], settings: Any
) -> None:
    settings.TILLID_PASSWORD_RESET_LIMIT_PER_ADDRESS = 2
    make_user(email="sara@kk.example")
    pages = {}
    for email in ("sara@kk.example", "ukendt@kk.example"):
        statuses = [_ask_reset(client, email, address=f"10.0.1.{n}") for n in range(3)]
        assert statuses == [302, 302, 429]
        pages[email] = client.post(
            "/konto/glemt-adgangskode/", {"email": email}, REMOTE_ADDR="10.0.2.1"
        ).content.decode()
    assert "for mange nye adgangskoder" in pages["sara@kk.example"]
    same = [
        re.sub(r'value="[^"]*"', "", page.replace(email.split("@")[0], "x"))
        for email, page in pages.items()
    ]
    assert same[0] == same[1]
    assert OutgoingMail.objects.filter(to="sara@kk.example").count() == 2


def test_reset_requests_are_limited_per_client(
    client: Client, make_user: Callable[..., Any], settings: Any
) -> None:
    settings.TILLID_PASSWORD_RESET_LIMIT_PER_CLIENT = 3
    statuses = [_ask_reset(client, f"person{n}@kk.example") for n in range(4)]

    assert statuses == [302, 302, 302, 429]
    assert _ask_reset(client, "person9@kk.example", address="10.0.0.2") == 302
