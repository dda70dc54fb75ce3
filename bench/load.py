"""The load suite: Tillid's pages at municipal scale against a bare view, over HTTP, with wrk.

    .venv/bin/python bench/load.py [--scale 1] [--seconds 5] [--rounds 2] [--connections 32]
        [--workers 4] [--pages home,article,...]

One command from a fresh clone (after ``scripts/run`` or ``scripts/test`` created ``.venv``):

1. installs wrk (Debian package) when it is missing, like ``scripts/lib.sh``'s ``apt_install``;
2. starts a throwaway PostgreSQL cluster (initdb into a temporary folder, a free port, as the
   postgres user when run as root; removed at the end), like ``scripts/test --postgres``;
3. generates the data with bulk inserts (``bench/load_data.py``): the demo data plus, times
   ``--scale``, 10,000 toolbox articles of varied Danish text, 2,000 services, 5,000 course
   sessions with 100,000 registrations, 20,000 consultation cases and 1,000,000 audit entries;
4. starts gunicorn (``--workers`` sync workers, app preloaded, ``TILLID_ENV=local``: ``DEBUG``
   off, WhiteNoise, production's code path; persistent database connections) with
   ``bench/load_settings.py``, which adds ``/bench/ok/``: a view returning "ok" behind the same
   middleware;
5. runs wrk (``--connections`` connections, 2 threads) for ``--seconds`` on each page, the bare
   view first in every round, for ``--rounds`` rounds (interleaved, so that the machine's load
   falls on all pages alike), and prints each page's requests/s, p50 and p99 latency, and its
   ratio to the bare view's requests/s in the same round (the median of the rounds).

The logged-in pages use a session of the demo professional ("Mit arbejde") and of the demo
consultant with a verified second factor (the consultant queue). Figures: bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from courses_registration import free_port, wait_for
from knowledge_search import start_postgres

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
BENCH = ROOT / "bench"
PAGES = [
    "ok",
    "home",
    "article",
    "directory",
    "service",
    "courses",
    "search",
    "help",
    "my_work",
    "queue",
]
LOGGED_IN = {"my_work": "professional_cookie", "queue": "consultant_cookie"}


def ensure_wrk() -> str:
    """wrk from Debian: installed with apt-get when missing (as root), else a clear message."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        raise SystemExit("wrk is missing: run `sudo apt-get install wrk` (Debian package)")
    print("==> Installing Debian package: wrk", file=sys.stderr)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"]
    if subprocess.run(install, env=environment, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], env=environment, check=True)
        subprocess.run(install, env=environment, check=True, capture_output=True)
    return shutil.which("wrk") or "/usr/bin/wrk"


@dataclass
class Figures:
    rps: list[float] = field(default_factory=list)
    p50: list[float] = field(default_factory=list)
    p99: list[float] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    errors: int = 0


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def run_wrk(
    wrk: str, url: str, *, seconds: float, connections: int, cookie: str | None
) -> tuple[float, float, float, int]:
    """Requests/s, p50 ms, p99 ms and non-2xx/socket errors of one wrk run."""
    command = [wrk, "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "30s"]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p50 = milliseconds(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    p99 = milliseconds(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
    errors = 0
    if match := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output):
        errors += int(match.group(1))
    if match := re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    ):
        errors += sum(int(number) for number in match.groups())
    return rps, p50, p99, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="data size; 0.1 for iterating")
    parser.add_argument("--seconds", type=float, default=5.0, help="wrk duration per page")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--pages", default=",".join(PAGES[1:]), help="comma-separated")
    parser.add_argument(
        "--data",
        type=Path,
        help="keep the generated database: with DATABASE_URL set and this file present, reuse "
        "both (measure other code on the same data); else generate into DATABASE_URL (empty) "
        "and write the file",
    )
    options = parser.parse_args()
    pages = ["ok", *[page for page in options.pages.split(",") if page and page != "ok"]]

    wrk = ensure_wrk()
    uptime_before = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    database_url = os.environ.get("DATABASE_URL", "")
    stop_postgres: list[str] = []
    folder = ""
    if not database_url:
        database_url, stop_postgres, folder = start_postgres()
    # The generated keys (and so the session cookies) stay with the data when it is kept.
    var_dir = str(options.data.with_suffix(".var")) if options.data else ""
    var_dir = var_dir or tempfile.mkdtemp(prefix="tillid-bench-load-var.")
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}:{BENCH}",
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",
        "TILLID_ENV": "local",
        "TILLID_VAR_DIR": var_dir,
        "TILLID_LOG_LEVEL": "WARNING",
        "TILLID_TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend",
    }
    gunicorn = None
    try:
        manifest = ROOT / "staticfiles" / "staticfiles.json"
        if not manifest.exists():
            print("==> Collecting static files", file=sys.stderr)
            subprocess.run(
                [str(PYTHON), str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"],
                env=env,
                check=True,
            )
        began = time.perf_counter()
        if options.data and options.data.exists() and not stop_postgres:
            data = json.loads(options.data.read_text())
        else:
            generated = subprocess.run(
                [str(PYTHON), str(BENCH / "load_data.py"), str(options.scale)],
                env=env,
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            data = json.loads(generated.stdout.strip().splitlines()[-1])
            if options.data:
                options.data.write_text(json.dumps(data))
        print(
            f"data generated in {time.perf_counter() - began:.0f} s: "
            + ", ".join(f"{value:,} {name}" for name, value in data["counts"].items())
        )
        print("  " + ", ".join(f"{name} {value:.1f}" for name, value in data["timings"].items()))
        port = free_port()
        gunicorn = subprocess.Popen(
            [
                *(str(ROOT / ".venv" / "bin" / "gunicorn"), "--chdir", str(ROOT / "src")),
                *(
                    "tillid.wsgi",
                    "--workers",
                    str(options.workers),
                    "--preload",
                    "--timeout",
                    "300",
                ),
                *("--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--log-level", "warning"),
            ],
            env=env,
        )
        wait_for(port, timeout=300)  # a busy machine boots slowly
        base = f"http://127.0.0.1:{port}"
        query = quote(data["queries"][0])
        paths = {
            "ok": "/bench/ok/",
            "home": "/",
            "article": data["article"],
            "directory": "/find-hjaelp/",
            "service": data["service"],
            "courses": "/kurser/",
            "search": f"/soeg/?q={query}",
            "help": "/hjaelp/",
            "my_work": "/mit-arbejde/",
            "queue": "/konsulent/",
        }
        for page in pages:  # warm every worker and check the page answers 200
            run_wrk(
                wrk,
                base + paths[page],
                seconds=1,
                connections=options.workers,
                cookie=data.get(LOGGED_IN.get(page, ""), None),
            )
            status = (
                subprocess.run(
                    [
                        "curl",
                        "-s",
                        "-o",
                        "/dev/null",
                        "-w",
                        "%{http_code}",
                        base + paths[page],
                        *(
                            ["-H", f"Cookie: sessionid={data[LOGGED_IN[page]]}"]
                            if page in LOGGED_IN
                            else []
                        ),
                    ],
                    capture_output=True,
                    text=True,
                ).stdout
                if shutil.which("curl")
                else "200"
            )
            if status != "200":
                raise SystemExit(f"{page} ({paths[page]}) answered {status}, not 200")
        figures = {page: Figures() for page in pages}
        for _round in range(options.rounds):
            ceiling = 0.0
            for page in pages:
                rps, p50, p99, errors = run_wrk(
                    wrk,
                    base + paths[page],
                    seconds=options.seconds,
                    connections=options.connections,
                    cookie=data.get(LOGGED_IN.get(page, ""), None),
                )
                # Sync workers still answer requests wrk gave up on: wait until the queue is
                # drained (/healthz answers) so that no page pays for the one before it.
                wait_for(port, timeout=300)
                if page == "ok":
                    ceiling = rps
                entry = figures[page]
                entry.rps.append(rps)
                entry.p50.append(p50)
                entry.p99.append(p99)
                entry.ratio.append(rps / ceiling if ceiling else 0.0)
                entry.errors += errors
    finally:
        if gunicorn is not None:
            gunicorn.terminate()
            try:
                gunicorn.wait(timeout=60)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
        if stop_postgres:
            subprocess.run(stop_postgres, check=False, capture_output=True)
            shutil.rmtree(folder, ignore_errors=True)
        if not options.data:
            shutil.rmtree(var_dir, ignore_errors=True)
    uptime_after = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()

    print(
        f"\ngunicorn {options.workers} sync workers, PostgreSQL, wrk {options.connections} "
        f"connections x {options.seconds:g} s per page, {options.rounds} interleaved rounds, "
        f"scale {options.scale:g}, {os.cpu_count()} CPUs"
    )
    print(f"load before: {uptime_before}")
    print(f"load after:  {uptime_after}")
    print(
        f"\n{'page':<10} {'path':<34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'ratio':>7} {'errors':>6}"
    )
    for page in pages:
        entry = figures[page]
        print(
            f"{page:<10} {paths[page][:34]:<34} {statistics.median(entry.rps):8.1f} "
            f"{statistics.median(entry.p50):8.1f} {statistics.median(entry.p99):8.1f} "
            f"{statistics.median(entry.ratio) * 100:6.1f}% {entry.errors:6d}"
        )


if __name__ == "__main__":
    main()
