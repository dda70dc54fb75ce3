"""Issue 17 item 8, fault tests with real processes: a real ``manage.py db_worker`` subprocess,
real SMTP on loopback (aiosmtpd), and a "web" process that dies right after its commit.

The processes share a file database: on SQLite this test copies the migrated test database to a
file and points its own connection there too; on PostgreSQL they use the test database. Every
wait is a deadline loop; the whole module stays well under a minute.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.core.test_mail import Inbox, free_port
from tillid.core.mail import send_mail
from tillid.core.models import OutgoingMail
from tillid.core.tasks import outbox_sweep

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 120  # generous: a loaded CI machine starts Django slowly


@contextmanager
def shared_database(tmp_path: Path) -> Iterator[str]:
    """A DATABASE_URL that subprocesses share with this test's own connection."""
    if connection.vendor != "sqlite":
        settings_dict = connection.settings_dict
        yield (
            f"postgres://{settings_dict['USER']}:{settings_dict['PASSWORD']}@"
            f"{settings_dict['HOST'] or 'localhost'}:{settings_dict['PORT'] or 5432}/"
            f"{settings_dict['NAME']}"
        )
        return
    path = tmp_path / "fault.sqlite3"
    connection.ensure_connection()
    in_memory = connection.connection
    copy = sqlite3.connect(path)
    in_memory.backup(copy)
    copy.close()
    name = connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield f"sqlite:///{path}"
    finally:
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.connection = in_memory


def environment(database_url: str, smtp_port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "tillid.settings",
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_TIMEOUT": "5",
        "EMAIL_USE_TLS": "0",
    }


def worker(env: dict[str, str], *, batch: bool) -> subprocess.Popen[bytes]:
    # --no-reload: the autoreloader would run the worker in a child that outlives a kill.
    command = [
        *(sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"),
        *("--interval", "0.05"),
    ]
    process = subprocess.Popen(
        [*command, "--batch"] if batch else command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    STARTED.append(process)
    return process


STARTED: list[subprocess.Popen[bytes]] = []


@pytest.fixture(autouse=True)
def _stop_started_workers() -> Iterator[None]:
    """No worker this module started outlives its test, whatever the test's outcome."""
    yield
    while STARTED:
        process = STARTED.pop()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=DEADLINE_SECONDS)


def finish(process: subprocess.Popen[bytes]) -> int:
    return process.wait(timeout=DEADLINE_SECONDS)


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class StallingInbox(Inbox):
    """Receives a message, then never answers until released, and then refuses it."""

    def __init__(self) -> None:
        super().__init__()
        self.stalled = threading.Event()
        self.released = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.stalled.set()
        while not self.released.is_set():
            await asyncio.sleep(0.02)
        return "451 Try again later"


@contextmanager
def smtp(handler: Inbox, port: int) -> Iterator[Inbox]:
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def queue(count: int, prefix: str) -> list[OutgoingMail]:
    with transaction.atomic():
        return [
            send_mail(
                to=f"{prefix}{number}@example.dk",
                template="core/email/password_changed",
                context={"name": "Deltager", "changed_at": timezone.now()},
            )
            for number in range(count)
        ]


def assert_each_delivered_once(mails: list[OutgoingMail], inbox: Inbox) -> None:
    delivered = Counter(message["Message-ID"] for message in inbox.messages)
    assert delivered == Counter({mail.message_id: 1 for mail in mails})
    statuses = set(
        OutgoingMail.objects.filter(pk__in=[mail.pk for mail in mails]).values_list(
            "status", flat=True
        )
    )
    assert statuses == {OutgoingMail.Status.SENT}


def test_worker_killed_mid_send_and_smtp_down_then_back_lose_and_repeat_nothing(
    tmp_path: Path,
) -> None:
    port = free_port()
    with shared_database(tmp_path) as url:
        env = environment(url, port)
        mails = queue(4, "kursus")
        assert DBTaskResult.objects.count() == 4

        # The worker is killed while the server holds its first message unanswered.
        stalling = StallingInbox()
        with smtp(stalling, port):
            running = worker(env, batch=False)
            wait_for(stalling.stalled.is_set)
            running.send_signal(signal.SIGKILL)
            finish(running)
            stalling.released.set()
        assert OutgoingMail.objects.filter(status=OutgoingMail.Status.SENDING).count() == 1

        # SMTP is down: the others are tried, kept and scheduled again.
        assert finish(worker(env, batch=True)) == 0
        assert set(OutgoingMail.objects.values_list("status", "attempts")) == {
            (OutgoingMail.Status.SENDING, 1),
            (OutgoingMail.Status.QUEUED, 1),
        }

        # SMTP is back, the retry delay has passed, and the sweeper finds the dead worker's mail.
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        later = timezone.now() + timedelta(minutes=10)
        with smtp(Inbox(), port) as inbox:
            report = outbox_sweep(now=later)
            assert (report.tasks_failed, report.claims_released, report.enqueued) == (1, 1, 1)
            assert finish(worker(env, batch=True)) == 0
            assert outbox_sweep(now=later).enqueued == 0
            assert finish(worker(env, batch=True)) == 0

            assert_each_delivered_once(mails, inbox)


SCRIPT_WEB_KILLED_AFTER_COMMIT = """
import os
import django
django.setup()
from django.db import transaction
from django.utils import timezone
from tillid.core import mail
# The process dies right after its commit, before it hands anything to the task worker.
mail.enqueue_delivery = lambda mail_id: os._exit(9)
with transaction.atomic():
    for number in range(3):
        mail.send_mail(
            to=f"tilmelding{number}@example.dk",
            template="core/email/password_changed",
            context={"name": "Deltager", "changed_at": timezone.now()},
        )
"""


def test_mails_of_a_web_process_killed_after_commit_are_delivered_once_by_the_sweeper(
    tmp_path: Path,
) -> None:
    port = free_port()
    with shared_database(tmp_path) as url:
        env = environment(url, port)
        web = subprocess.run(
            [sys.executable, "-c", SCRIPT_WEB_KILLED_AFTER_COMMIT],
            cwd=ROOT,
            env=env,
            timeout=DEADLINE_SECONDS,
            check=False,
        )
        assert web.returncode == 9
        mails = list(OutgoingMail.objects.all())
        assert len(mails) == 3
        assert not DBTaskResult.objects.exists()

        with smtp(Inbox(), port) as inbox:
            assert outbox_sweep().enqueued == 3
            outbox_sweep_duplicates = [
                DBTaskResult.objects.create(**row)
                for row in DBTaskResult.objects.values(
                    "args_kwargs",
                    "task_path",
                    "queue_name",
                    "backend_name",
                    "run_after",
                    "priority",
                )
            ]
            assert len(outbox_sweep_duplicates) == 3
            # Two workers race over two tasks per mail: each mail still goes out once.
            workers = [worker(env, batch=True), worker(env, batch=True)]
            assert [finish(process) for process in workers] == [0, 0]

            assert_each_delivered_once(mails, inbox)
