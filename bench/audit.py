"""Audit trail: write rate from 4 gunicorn workers, seal lag, and audit_verify on a million entries.

    .venv/bin/python bench/audit.py [--seconds 20] [--clients 16] [--per-request 1]
        [--tx entry|page] [--workers 4] [--entries 1000000]

Starts a throwaway PostgreSQL cluster (as in bench/courses_registration.py), migrates it, and
runs gunicorn (``--workers`` sync workers) with a bench-only URL (bench/audit_bench_urls.py) that
makes ``--per-request`` audited writes per request (``--tx entry``: each commits on its own;
``--tx page``: all of a request's entries in one transaction, as a page's service does), plus the
task worker (``db_worker``) that seals. ``--clients`` threads send requests for ``--seconds``. Every
0.2 s a sampler reads PostgreSQL: lock waits (``pg_locks`` not granted: there must be none) and
the age of the oldest unsealed entry (the seal lag). Then it bulk-loads entries up to
``--entries`` (precomputed hashes, COPY), seals them and times ``verify_trail``.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courses_registration import free_port, start_postgres, wait_for

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
BENCH_KEY = "bench:" + "k" * 48

LOAD = r"""
import json, sys, time
from datetime import timedelta
import django
django.setup()
from django.db import connection
from django.utils import timezone
from tillid.core.audit import content_hash
from tillid.core.audit_seal import seal_pending
from tillid.core.models import AuditEntry

target = int(sys.argv[1])
missing = max(0, target - AuditEntry.objects.count())
columns = ("created_at, actor_id, actor_label, action, target_type, target_id, target_label, "
           "details, previous_hash, entry_hash")
began = time.perf_counter()
start = timezone.now() - timedelta(hours=1)
with connection.cursor() as cursor:
    with cursor.cursor.copy(f"COPY core_auditentry ({columns}) FROM STDIN") as copy:
        for index in range(missing):
            created = start + timedelta(microseconds=index)
            details = {"index": index, "page": "detail"}
            fields = (created.isoformat(), None, "", "bench.audit.loaded", "risk.assessment",
                      str(index % 5000), f"Vurdering {index % 5000}", details)
            copy.write("\t".join([fields[0], "\\N", "", fields[3], fields[4], fields[5],
                                   fields[6], json.dumps(details), "", content_hash(*fields)])
                       + "\n")
generated = 0.0
loaded = time.perf_counter() - began - generated
began = time.perf_counter()
run = seal_pending()
sealed = time.perf_counter() - began
print(json.dumps({"loaded": missing, "copy_s": loaded,
                  "seal_s": sealed, "sealed": run.sealed, "seals": run.seals}))
"""

VERIFY = r"""
import json
import django
django.setup()
from tillid.core.audit_seal import verify_trail
report = verify_trail()
print(json.dumps({"entries": report.entries, "sealed": report.sealed, "seals": report.seals,
                  "unsealed": report.unsealed, "seconds": report.seconds,
                  "problem": report.problem.reason if report.problem else None}))
"""


def django_script(code: str, *args: str, env: dict[str, str]) -> dict[str, object]:
    result = subprocess.run(
        [str(PYTHON), "-c", code, *args], env=env, check=True, capture_output=True, text=True
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def load(port: int, path: str, clients: int, seconds: float) -> tuple[int, list[str]]:
    """Send requests from ``clients`` threads for ``seconds``; return requests done and errors."""
    done = [0]
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        count = 0
        while time.monotonic() < stop_at:
            try:
                connection.request("GET", path, headers={"Host": "127.0.0.1"})
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    count += 1
                else:
                    with lock:
                        errors.append(f"HTTP {response.status}")
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    errors.append(type(error).__name__)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        connection.close()
        with lock:
            done[0] += count

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0], errors


class Sampler(threading.Thread):
    """Polls PostgreSQL for lock waits and the age of the oldest unsealed entry."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.stopped = threading.Event()
        self.max_lock_waits = 0
        self.lock_wait_samples = 0
        self.max_lag = 0.0
        self.samples = 0

    def run(self) -> None:
        with psycopg.connect(self.url, autocommit=True) as connection:
            while not self.stopped.is_set():
                waits = connection.execute(
                    "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE NOT l.granted AND a.datname = current_database()"
                ).fetchone()
                lag = connection.execute(
                    "SELECT EXTRACT(EPOCH FROM now() - min(created_at)) FROM core_auditentry "
                    "WHERE id > (SELECT coalesce(max(last_id), 0) FROM core_auditseal)"
                ).fetchone()
                self.samples += 1
                if waits and waits[0]:
                    self.lock_wait_samples += 1
                    self.max_lock_waits = max(self.max_lock_waits, int(waits[0]))
                if lag and lag[0] is not None:
                    self.max_lag = max(self.max_lag, float(lag[0]))
                time.sleep(0.2)  # sampling interval


def unsealed(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM core_auditentry "
            "WHERE id > (SELECT coalesce(max(last_id), 0) FROM core_auditseal)"
        ).fetchone()
    return int(row[0]) if row else 0


def stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    processes.clear()


def report_writes(
    options: argparse.Namespace,
    requests: int,
    errors: list[str],
    wall: float,
    sampler: Sampler,
    drain: float,
) -> None:
    written = requests * options.per_request
    print(
        f"writes     {written} entries in {wall:.1f} s = {written / wall:,.0f} entries/s "
        f"({requests / wall:,.0f} requests/s, {options.per_request} entries each, one "
        f"transaction per {options.tx}; gunicorn "
        f"{options.workers} sync workers, {options.clients} clients, {os.cpu_count()} CPUs)"
    )
    print(f"errors     {len(errors)} {sorted(set(errors))[:5]}")
    print(
        f"lock waits {sampler.lock_wait_samples} of {sampler.samples} samples had a backend "
        f"waiting for a lock (max {sampler.max_lock_waits} at once)"
    )
    print(
        f"seal lag   oldest unsealed entry at most {sampler.max_lag:.2f} s old during the load; "
        f"all sealed {drain:.2f} s after it ended"
    )
    sys.stdout.flush()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-request", type=int, default=1)
    parser.add_argument("--tx", choices=("entry", "page"), default="entry")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--entries", type=int, default=1_000_000)
    options = parser.parse_args()

    database_url, stop_postgres, folder = start_postgres()
    var_dir = tempfile.mkdtemp(prefix="tillid-bench-audit-var.")
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}:{ROOT / 'bench'}",
        "DJANGO_SETTINGS_MODULE": "audit_bench_settings",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "TILLID_DEBUG": "0",
        "TILLID_VAR_DIR": var_dir,
        "TILLID_LOG_LEVEL": "WARNING",
        "TILLID_AUDIT_KEYS": BENCH_KEY,
    }
    processes: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run(
            [str(PYTHON), str(ROOT / "manage.py"), "migrate", "-v0"],
            env=env,
            check=True,
            capture_output=True,
        )
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    *(str(ROOT / ".venv" / "bin" / "gunicorn"), "--chdir", str(ROOT / "src")),
                    *("tillid.wsgi", "--workers", str(options.workers), "--preload"),
                    *("--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--timeout", "300"),
                    *("--log-level", "warning"),
                ],
                env=env,
            )
        )
        processes.append(
            subprocess.Popen(
                [str(PYTHON), str(ROOT / "manage.py"), "db_worker", "--interval", "0.2"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        wait_for(port, timeout=300)  # a loaded machine boots 4 workers slowly
        path = f"/bench/audit/?n={options.per_request}&tx={options.tx}"
        load(port, path, options.clients, 2)  # warm-up: every worker loads its code
        sampler = Sampler(database_url)
        sampler.start()
        started = time.perf_counter()
        requests, errors = load(port, path, options.clients, options.seconds)
        wall = time.perf_counter() - started
        drained_at = time.perf_counter()
        while unsealed(database_url) and time.perf_counter() - drained_at < 60:
            time.sleep(0.1)  # waiting for the sealer to catch up, measured as the drain time
        drain = time.perf_counter() - drained_at
        sampler.stopped.set()
        sampler.join()
        stop(processes)
        report_writes(options, requests, errors, wall, sampler, drain)
        bulk = django_script(LOAD, str(options.entries), env=env)
        verified = django_script(VERIFY, env=env)
    finally:
        stop(processes)
        subprocess.run(stop_postgres, check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(var_dir, ignore_errors=True)

    print(
        f"bulk load  {bulk['loaded']} entries hashed and COPYed in {bulk['copy_s']:.1f} s, "
        f"sealed in {bulk['seal_s']:.1f} s ({bulk['seals']} seals)"
    )
    seconds = float(verified["seconds"])  # type: ignore[arg-type]
    entries = int(verified["entries"])  # type: ignore[call-overload]
    print(
        f"verify     {entries} entries, {verified['seals']} seals in {seconds:.1f} s = "
        f"{entries / seconds:,.0f} entries/s; unsealed {verified['unsealed']}; "
        f"problem: {verified['problem']}"
    )
    sys.exit(1 if verified["problem"] or errors else 0)


if __name__ == "__main__":
    main()
