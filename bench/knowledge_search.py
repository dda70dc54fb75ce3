"""Load 10,000 toolbox articles and measure site search and the home page on PostgreSQL.

    .venv/bin/python bench/knowledge_search.py [--articles 10000] [--searches 200]

Without DATABASE_URL it starts a throwaway PostgreSQL cluster (initdb into a temporary folder,
a free port, as the postgres user when run as root) and removes it at the end, like
``scripts/test --postgres``. With DATABASE_URL set it uses that database: it must be empty.
Prints the figures recorded in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import glob
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_VOCABULARY = (
    "tillid samtale familie kontrol frihed skole ung barn voksen rådgivning sparring kursus "
    "kurser underretning handleplan risikovurdering tvangsægteskab genopdragelsesrejse digital "
    "telefon netværk ære konflikt trivsel bekymring tolk lærer socialrådgiver fritid venner "
    "uddannelse bolig arbejde grænser fællesskab dialog forældre tryghed hjælp kommune"
)
WORDS = _VOCABULARY.split()
QUERIES = [
    "tilliden",
    "kurserne",
    "tvangsægteskab",
    "underretning af et barn",
    "digital kontrol telefon",
    "handleplan bolig",
    "samtale med forældre",
    "risikovurdering",
    "genopdragelsesrejser",
    "fællesskab og frihed",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_postgres() -> tuple[str, list[str], str]:
    """A throwaway cluster: returns (database URL, command prefix, data folder)."""
    pgbin = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: [int(x) for x in p.split("/")[4].split(".")],
    )[-1]
    folder = tempfile.mkdtemp(prefix="tillid-bench-pg.")
    as_pg: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run = lambda *args: subprocess.run([*as_pg, *args], check=True, capture_output=True)  # noqa: E731
    run(
        f"{pgbin}/initdb",
        "-D",
        f"{folder}/data",
        "-U",
        "tillid",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--no-sync",
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off"
    )
    run(
        f"{pgbin}/pg_ctl",
        "-D",
        f"{folder}/data",
        "-l",
        f"{folder}/log",
        "-w",
        "-o",
        options,
        "start",
    )
    subprocess.run(
        [f"{pgbin}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "tillid", "tillid"],
        check=True,
    )
    return (
        f"postgres://tillid@127.0.0.1:{port}/tillid",
        [*as_pg, f"{pgbin}/pg_ctl", "-D", f"{folder}/data", "-m", "immediate", "stop"],
        folder,
    )


def bench(articles: int, searches: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillid.settings")
    os.environ["TILLID_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("TILLID_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    import logging

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client

    from tillid.knowledge import services
    from tillid.knowledge.models import ToolboxArticlePage, ToolboxIndexPage, Topic
    from tillid.knowledge.site_search import search_knowledge

    assert connection.vendor == "postgresql", "the benchmark is for PostgreSQL"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - started:.1f} s")

    home = services.site_ensure()
    toolbox = ToolboxIndexPage.objects.child_of(home).get()
    topics = list(Topic.objects.all())
    generator = random.Random(2026)
    started = time.perf_counter()
    existing = toolbox.get_children().count()
    for number in range(existing, articles):
        words = generator.choices(WORDS, k=120)
        article = ToolboxArticlePage(
            title=f"{' '.join(generator.choices(WORDS, k=4)).capitalize()} {number}",
            summary=f"<p>{' '.join(words[:25])}.</p>",
            body=[{"type": "text", "value": f"<p>{' '.join(words[25:])}.</p>"}],
            topics=generator.sample(topics, 2),
            is_demo=True,
        )
        with transaction.atomic():
            toolbox.add_child(instance=article)
    print(f"created {articles - existing} articles: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    print(f"update_index: {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:  # fresh planner statistics, as autovacuum would give
        cursor.execute("ANALYZE")
    assert toolbox.get_children().count() >= articles

    timings: dict[str, list[float]] = {"source": [], "page": [], "home": []}
    by_query: dict[str, list[float]] = {query: [] for query in QUERIES}
    client = Client(HTTP_HOST="localhost")
    client.get("/")
    search_knowledge(query="tillid")
    for number in range(searches):
        query = QUERIES[number % len(QUERIES)]
        started = time.perf_counter()
        hits = search_knowledge(query=query, limit=20)
        timings["source"].append(time.perf_counter() - started)
        by_query[query].append(time.perf_counter() - started)
        started = time.perf_counter()
        response = client.get("/soeg/", {"q": query})
        timings["page"].append(time.perf_counter() - started)
        assert response.status_code == 200
    assert hits, "the searches found nothing"
    for _ in range(100):
        started = time.perf_counter()
        response = client.get("/")
        timings["home"].append(time.perf_counter() - started)
        assert response.status_code == 200

    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    version = connection.pg_version // 10000
    print(f"\n{articles} articles, PostgreSQL {version}, SEARCH_CONFIG {config}")
    labels = {
        "source": f"search (knowledge source, {searches} queries)",
        "page": f"/soeg/ page, all sources ({searches} requests)",
        "home": "home page render (100 requests)",
    }
    for query, values in by_query.items():
        print(f"  {query!r:<28} median {statistics.median(values) * 1000:6.1f} ms")
    for key, label in labels.items():
        values = [value * 1000 for value in timings[key]]
        print(
            f"{label:<45} p50 {statistics.median(values):6.1f} ms   "
            f"p95 {percentile(values, 0.95):6.1f} ms   max {max(values):6.1f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--searches", type=int, default=200)
    args = parser.parse_args()
    if os.environ.get("DATABASE_URL"):
        bench(args.articles, args.searches)
        return
    url, stop, folder = start_postgres()
    try:
        subprocess.run(
            [
                sys.executable,
                __file__,
                f"--articles={args.articles}",
                f"--searches={args.searches}",
            ],
            env={**os.environ, "DATABASE_URL": url},
            check=True,
        )
    finally:
        subprocess.run(stop, check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
