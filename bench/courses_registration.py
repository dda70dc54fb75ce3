"""1,000 registration attempts from 50 concurrent clients at a 25-seat session, over HTTP.

    .venv/bin/python bench/courses_registration.py [--attempts 1000] [--clients 50]
        [--seats 25] [--workers CPUS] [--threads 1] [--warmup 100]

Runs gunicorn (``--workers``, one per CPU by default, app preloaded) on a free loopback port
against a throwaway PostgreSQL cluster (initdb into a temporary folder, as the postgres user
when run as root; removed at the end, like ``scripts/test --postgres``), or against DATABASE_URL
when it is set (it must be an empty database). Each attempt is a different logged-in
professional posting the one-step registration form, as a browser does (session cookie, CSRF
token). A warm-up of ``--warmup`` registrations at another session comes first, so that every
worker has loaded its code. The load generator is Python's standard library (threads and
http.client), since neither wrk nor locust is installed here; it prints confirmed, waiting,
errors and p50/p99 latency, and checks the database afterwards (seats, waiting-list order, the
audit chain). The figures are recorded in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import glob
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
CSRF_SECRET = "b" * 32  # an unmasked CSRF secret is accepted as cookie and form token alike


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_postgres() -> tuple[str, list[str], str]:
    """A throwaway cluster: returns (database URL, stop command, folder)."""
    pgbin = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[4]))[-1]
    folder = tempfile.mkdtemp(prefix="tillid-bench-courses-pg.")
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(
        [
            *as_pg,
            *(f"{pgbin}/initdb", "-D", f"{folder}/data", "-U", "tillid", "-A", "trust"),
            *("-E", "UTF8", "--locale=C.UTF-8", "--no-sync"),
        ],
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=100"
    subprocess.run(
        [
            *as_pg,
            *(f"{pgbin}/pg_ctl", "-D", f"{folder}/data", "-l", f"{folder}/log", "-w"),
            *("-o", options, "start"),
        ],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [f"{pgbin}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "tillid", "tillid"],
        check=True,
    )
    stop = [*as_pg, f"{pgbin}/pg_ctl", "-D", f"{folder}/data", "-m", "fast", "stop"]
    return f"postgres://tillid@127.0.0.1:{port}/tillid", stop, folder


SETUP = r"""
import json, sys
from datetime import timedelta
import django
django.setup()
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY, BACKEND_SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.utils import timezone
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.courses.models import Course, CourseSession

attempts, seats, warmup = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
call_command("migrate", verbosity=0)
course = Course.objects.create(
    title="Introduktion til social kontrol", slug="bench-introduktion", summary="Bench.",
    description="Bench.", audience="Fagpersoner", organiser="Etnisk Konsulentteam",
)
starts = timezone.now() + timedelta(days=10)
session, warm = (
    CourseSession.objects.create(
        course=course, starts_at=starts, ends_at=starts + timedelta(hours=6),
        registration_deadline=starts - timedelta(days=1), capacity=seats, place="København V",
    )
    for _session in range(2)
)
group = Group.objects.get(name=Role.PROFESSIONAL)
users = User.objects.bulk_create(
    User(email=f"fagperson{n}@kk.dk", name=f"Fagperson {n}", password="!")
    for n in range(attempts + warmup)
)
group.user_set.add(*users)
cookies = []
for user in users:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    cookies.append(store.session_key)
print(json.dumps({"path": f"/kurser/{course.slug}/{session.pk}/tilmelding/",
                  "warmup_path": f"/kurser/{course.slug}/{warm.pk}/tilmelding/",
                  "session_id": session.pk, "cookies": cookies[warmup:],
                  "warmup_cookies": cookies[:warmup]}))
"""

CHECK = r"""
import json, sys
import django
django.setup()
from django.db.models import Count
from tillid.core.audit_seal import seal_pending, verify_trail
from tillid.courses.models import CourseSession, Registration
session = CourseSession.objects.get(pk=int(sys.argv[1]))
registrations = Registration.objects.filter(session=session)
statuses = dict(registrations.values_list("status").annotate(n=Count("pk")))
waiting = list(Registration.objects.filter(session=session, status="waiting")
               .order_by("arrival_number").values_list("arrival_number", flat=True))
seal_pending()
trail = verify_trail()
checked, broken = trail.entries, trail.problem
print(json.dumps({"seats_taken": session.seats_taken, "capacity": session.capacity,
                  "statuses": statuses, "waiting_in_order": waiting == sorted(waiting),
                  "arrivals": session.arrivals, "audit_entries": checked,
                  "audit_chain_ok": broken is None}))
"""


def django_script(code: str, *args: str, env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [str(PYTHON), "-c", code, *args], env=env, check=True, capture_output=True, text=True
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)  # waiting for gunicorn to boot, not for a test condition
    raise SystemExit("gunicorn did not answer /healthz in time")


def load(port: int, path: str, cookies: list[str], clients: int) -> tuple[list[float], list[str]]:
    """Send one registration per cookie from ``clients`` threads; return latencies and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    queue = list(reversed(cookies))
    start = threading.Barrier(clients)
    body = f"csrfmiddlewaretoken={CSRF_SECRET}&needs=".encode()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        start.wait()
        while True:
            with lock:
                if not queue:
                    break
                cookie = queue.pop()
            headers = {
                "Cookie": f"sessionid={cookie}; csrftoken={CSRF_SECRET}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Host": "127.0.0.1",
            }
            began = time.perf_counter()
            try:
                connection.request("POST", path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                elapsed = time.perf_counter() - began
                ok = response.status == 302 and response.getheader("Location") == "/kurser/mine/"
                with lock:
                    latencies.append(elapsed)
                    if not ok:
                        errors.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seats", type=int, default=25)
    # One sync worker per core: registrations for one session queue on its row lock, and more
    # workers than cores only get the lock holder descheduled (see bench/RESULTS.md).
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--threads", type=int, default=1, help="gthread threads per worker")
    parser.add_argument(
        "--warmup",
        type=int,
        default=100,
        help="registrations at another session first, so that every worker has loaded its code",
    )
    options = parser.parse_args()

    stop_postgres: list[str] = []
    folder = ""
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        database_url, stop_postgres, folder = start_postgres()
    var_dir = tempfile.mkdtemp(prefix="tillid-bench-var.")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        "DJANGO_SETTINGS_MODULE": "tillid.settings",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "TILLID_DEBUG": "0",
        "TILLID_VAR_DIR": var_dir,
        "TILLID_LOG_LEVEL": "WARNING",
    }
    gunicorn = None
    try:
        setup = django_script(
            SETUP, str(options.attempts), str(options.seats), str(options.warmup), env=env
        )
        port = free_port()
        gunicorn = subprocess.Popen(
            [
                *(str(ROOT / ".venv" / "bin" / "gunicorn"), "--chdir", str(ROOT / "src")),
                *("tillid.wsgi", "--workers", str(options.workers), "--preload"),
                *("--threads", str(options.threads)),
                *("--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--log-level", "warning"),
            ],
            env=env,
        )
        wait_for(port)
        warm_latencies, warm_errors = load(
            port,
            str(setup["warmup_path"]),
            list(setup["warmup_cookies"]),  # type: ignore[call-overload]
            options.clients,
        )
        started = time.perf_counter()
        latencies, errors = load(
            port,
            str(setup["path"]),
            list(setup["cookies"]),  # type: ignore[call-overload]
            options.clients,
        )
        wall = time.perf_counter() - started
        result = django_script(CHECK, str(setup["session_id"]), env=env)
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            gunicorn.wait(timeout=30)
        if stop_postgres:
            subprocess.run(stop_postgres, check=False, capture_output=True)
            shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(var_dir, ignore_errors=True)

    statuses = dict(result["statuses"])  # type: ignore[call-overload]
    milliseconds = [value * 1000 for value in latencies]
    print(
        f"{options.attempts} attempts, {options.clients} clients, {options.seats} seats, "
        f"gunicorn {options.workers} workers x {options.threads} threads, PostgreSQL, "
        f"{os.cpu_count()} CPUs"
    )
    if warm_latencies:
        print(
            f"warm-up   {len(warm_latencies)} registrations at another session first: "
            f"max {max(warm_latencies) * 1000:.0f} ms, errors {len(warm_errors)}"
        )
    print(f"confirmed {statuses.get('confirmed', 0)}")
    print(
        f"waiting   {statuses.get('waiting', 0)} (in arrival order: {result['waiting_in_order']})"
    )
    print(f"errors    {len(errors)} {sorted(set(errors))}")
    print(
        f"latency   p50 {statistics.median(milliseconds):.0f} ms   "
        f"p99 {percentile(milliseconds, 0.99):.0f} ms   max {max(milliseconds):.0f} ms"
    )
    print(f"throughput {len(latencies) / wall:.0f} registrations/s ({wall:.1f} s in all)")
    print(
        f"database  seats_taken {result['seats_taken']}/{result['capacity']}, "
        f"audit chain intact: {result['audit_chain_ok']} ({result['audit_entries']} entries)"
    )
    failed = (
        statuses.get("confirmed", 0) != options.seats
        or errors
        or result["seats_taken"] != options.seats
        or not result["audit_chain_ok"]
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
