"""Two app servers on one PostgreSQL and one Redis: nothing assumes one process or machine.

Two gunicorn instances ("machine A" and "machine B", each with its own ``TILLID_VAR_DIR``) are
started once for the module against this worker's test database and the Redis ``scripts/test``
starts. They show that a page published through one is served fresh by the other, that a
course's seats are never oversold when registrations arrive at both, and that the scheduled
commands run on both machines at once send each email once (to an SMTP server on loopback).

Runs in the PostgreSQL pass of ``scripts/test --postgres`` (CI). On SQLite it is skipped: the
SQLite test database lives in this process's memory, which the gunicorn processes cannot share.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from wagtail.models import PageLogEntry

from tests.courses.factories import CourseSessionFactory
from tests.factories import UserFactory
from tillid.accounts.models import User
from tillid.core import clock
from tillid.core.models import OutgoingMail
from tillid.courses.models import Registration
from tillid.knowledge import services as knowledge_services
from tillid.knowledge.models import ToolboxArticlePage, ToolboxIndexPage

ROOT = Path(__file__).resolve().parents[2]
CSRF_SECRET = "c" * 32  # an unmasked CSRF secret is accepted as cookie and form token alike

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("TILLID_TEST_REDIS_URL"),
        reason="needs a Redis server: scripts/test starts one and sets TILLID_TEST_REDIS_URL",
    ),
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="runs in the PostgreSQL pass (scripts/test --postgres): two gunicorn processes "
        "cannot share the SQLite test database, which lives in the test process's memory",
    ),
    pytest.mark.django_db(transaction=True),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    """An SMTP server on loopback that keeps every message's recipients."""

    def __init__(self) -> None:
        self.recipients: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.recipients.extend(envelope.rcpt_tos)
        return "250 OK"


@dataclass
class Servers:
    ports: list[int]
    env: list[dict[str, str]]
    inbox: Inbox
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(port: int, log: Path, timeout: float = 240) -> None:
    """Until gunicorn answers; booting Django and Wagtail is slow on a loaded CI machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)  # gunicorn is booting
    raise AssertionError(f"gunicorn on port {port} did not answer /healthz:\n{log.read_text()}")


@pytest.fixture(scope="module")
def servers(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Servers]:
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    with django_db_blocker.unblock():
        url = database_url()
    prefix = f"multi-{uuid.uuid4().hex}"
    ports = [free_port(), free_port()]
    envs = []
    for machine in ("a", "b"):
        envs.append(
            {
                **os.environ,
                "PYTHONPATH": str(ROOT / "src"),
                "DJANGO_SETTINGS_MODULE": "tillid.settings",
                "DATABASE_URL": url,
                "TILLID_ENV": "development",
                "TILLID_DEBUG": "0",
                "TILLID_REDIS_URL": os.environ["TILLID_TEST_REDIS_URL"],
                "TILLID_CACHE_PREFIX": prefix,
                "TILLID_PAGE_CACHE_SECONDS": "300",
                "TILLID_VAR_DIR": str(tmp_path_factory.mktemp(f"machine-{machine}")),
                "SECRET_KEY": settings.SECRET_KEY,
                "TILLID_FIELD_KEYS": ",".join(settings.TILLID_FIELD_KEYS),
                "TILLID_AUDIT_KEYS": ",".join(settings.TILLID_AUDIT_KEYS),
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp.port),
                "TILLID_LOG_LEVEL": "WARNING",
            }
        )
    running = Servers(ports, envs, inbox)
    logs = [Path(env["TILLID_VAR_DIR"]) / "gunicorn.log" for env in envs]
    try:
        for port, env, log in zip(ports, envs, logs, strict=True):
            with open(log, "wb") as output:
                running.processes.append(
                    subprocess.Popen(
                        [
                            *(str(ROOT / ".venv" / "bin" / "gunicorn"), "--chdir"),
                            *(str(ROOT / "src"), "tillid.wsgi", "--preload"),
                            *("--workers", "2", "--bind", f"127.0.0.1:{port}"),
                            *("--log-level", "warning"),
                        ],
                        env=env,
                        stdout=output,
                        stderr=subprocess.STDOUT,
                    )
                )
        for port, log in zip(ports, logs, strict=True):
            wait_for(port, log)
        yield running
    finally:
        for process in running.processes:
            process.terminate()
        for process in running.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        smtp.stop()


def request(
    port: int, method: str, path: str, *, cookie: str = "", body: str = ""
) -> http.client.HTTPResponse:
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Host": "127.0.0.1"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}; csrftoken={CSRF_SECRET}"
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection_.request(method, path, body=body.encode() or None, headers=headers)
    response = connection_.getresponse()
    response.read()
    connection_.close()
    return response


def page(port: int, path: str) -> tuple[str, str]:
    connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection_.request("GET", path, headers={"Host": "127.0.0.1"})
    response = connection_.getresponse()
    body = response.read().decode()
    assert response.status == 200, (path, response.status)
    return response.getheader("X-Page-Cache", ""), body


def session_cookie(user: User) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def test_a_page_published_through_one_server_is_served_fresh_by_the_other(
    servers: Servers,
) -> None:
    a, b = servers.ports
    home = knowledge_services.site_ensure()
    toolbox = ToolboxIndexPage.objects.child_of(home).get()
    article = ToolboxArticlePage(title="Første udgave", summary="<p>Kort.</p>")
    toolbox.add_child(instance=article)
    article.save_revision().publish()
    url = article.url
    assert page(b, url)[0] == "miss"
    state, body = page(b, url)
    assert state == "hit"
    assert "Første udgave" in body

    article.title = "Anden udgave"
    article.save_revision()  # a draft: B keeps serving the live page from the cache
    assert page(b, url) == ("hit", body)

    editor = UserFactory(roles=["editor"], is_superuser=True)  # may publish
    published = request(
        a,
        "POST",
        f"/cms/bulk/wagtailcore/page/publish/?id={article.pk}&next=/cms/",
        cookie=session_cookie(editor),
        body=f"csrfmiddlewaretoken={CSRF_SECRET}",
    )
    assert published.status == 302, published.status
    state, body = page(b, url)
    assert state == "miss"
    assert "Anden udgave" in body


def test_seats_are_never_oversold_when_registrations_arrive_at_both_servers(
    servers: Servers,
) -> None:
    session = CourseSessionFactory(course__is_published=True, capacity=5)
    people = [UserFactory(roles=["professional"], email=f"fagperson{n}@kk.dk") for n in range(24)]
    cookies = [session_cookie(person) for person in people]
    path = f"/kurser/{session.course.slug}/{session.pk}/tilmelding/"
    statuses: list[tuple[int, str | None]] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def client(index: int) -> None:
        start.wait()
        for number in range(index, len(cookies), 8):
            for _attempt in range(5):  # "busy, try again" (200) after a 5 s lock wait
                response = request(
                    servers.ports[number % 2],
                    "POST",
                    path,
                    cookie=cookies[number],
                    body=f"csrfmiddlewaretoken={CSRF_SECRET}&needs=",
                )
                if response.status != 200:
                    break
            with lock:
                statuses.append((response.status, response.getheader("Location")))

    threads = [threading.Thread(target=client, args=(index,)) for index in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [(302, "/kurser/mine/")] * len(cookies)
    registrations = Registration.objects.filter(session=session)
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == 5
    assert registrations.filter(status=Registration.Status.WAITING).count() == 19
    session.refresh_from_db()
    assert session.seats_taken == 5
    waiting = list(
        registrations.filter(status=Registration.Status.WAITING)
        .order_by("arrival_number")
        .values_list("arrival_number", flat=True)
    )
    assert waiting == list(range(6, 25))


def run_on_both(servers: Servers, *command: str) -> list[str]:
    """``manage.py <command>`` on machine A and machine B at the same moment."""
    processes = [
        subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), *command],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for env in servers.env
    ]
    outputs = []
    for process in processes:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output.decode()
        outputs.append(output.decode())
    return outputs


def test_scheduled_commands_on_both_machines_at_once_send_each_email_once(
    servers: Servers,
) -> None:
    now = clock.now()
    session = CourseSessionFactory(
        course__is_published=True,
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=1, hours=6),
        registration_deadline=now - timedelta(hours=1),
        capacity=10,
    )
    emails = [f"deltager{n}@kk.dk" for n in range(4)]
    for number, email in enumerate(emails, start=1):
        Registration.objects.create(
            session=session,
            user=UserFactory(roles=["professional"], email=email),
            name=f"Deltager {number}",
            email=email,
            status=Registration.Status.CONFIRMED,
            arrival_number=number,
            confirmed_at=now - timedelta(days=5),
        )
    home = knowledge_services.site_ensure()
    toolbox = ToolboxIndexPage.objects.child_of(home).get()
    scheduled = ToolboxArticlePage(title="Planlagt artikel", summary="<p>Kort.</p>", live=False)
    toolbox.add_child(instance=scheduled)
    scheduled.save_revision(approved_go_live_at=now - timedelta(minutes=1))
    servers.inbox.recipients.clear()

    run_on_both(servers, "send_course_reminders")
    run_on_both(servers, "publish_scheduled")
    run_on_both(servers, "audit_seal")
    run_on_both(servers, "mail_sweep")
    run_on_both(servers, "db_worker", "--batch")

    assert OutgoingMail.objects.count() == len(emails)
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {OutgoingMail.Status.SENT}
    assert sorted(servers.inbox.recipients) == sorted(emails)
    scheduled.refresh_from_db()
    assert scheduled.live
    published = PageLogEntry.objects.filter(page=scheduled, action="wagtail.publish.scheduled")
    assert published.count() == 1
