"""Site search against the raw PostgreSQL full-text query that returns the same top 20.

    DATABASE_URL=... .venv/bin/python bench/search_compare.py --data FILE [--repeat 20]

Uses the database bench/load.py generated and kept (``--data``: 10,000 articles of varied Danish
text at scale 1). For each query of bench/load_data.py it times, interleaved:

- ``search``: the knowledge source of the site search (``search_knowledge``, 20 hits with
  snippets and taxonomy), what ``/soeg/`` shows;
- ``raw``: one SQL query on Wagtail's index table ranking the same vector with the same weights
  and returning the top 20 ids, the floor for any search through PostgreSQL;

checks that both return the same pages in the same order, and prints p50/p95 of each and their
ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "bench")]

RANK = "ts_rank(%(weights)s::float4[], {vector}, to_tsquery(%(config)s, %({name})s))"


def raw_query(parts: int) -> str:
    """Top 20 ids by Wagtail's rank: per vector, the mean rank of the query's parts."""
    ranks = [
        " + ".join(RANK.format(vector=vector, name=f"q{number}") for number in range(parts))
        for vector in ("title", "body")
    ]
    match = " || ".join(f"to_tsquery(%(config)s, %(q{number})s)" for number in range(parts))
    return (
        "SELECT object_id::int FROM wagtailsearch_indexentry"  # noqa: S608 (no user input)
        f" WHERE (title || body) @@ ({match})"
        f" ORDER BY ({ranks[0]}) / {parts} * title_norm + ({ranks[1]}) / {parts} DESC,"
        " object_id::int DESC LIMIT 20"
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=20)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "load_settings")
    os.environ.setdefault("TILLID_ENV", "local")
    os.environ.setdefault("TILLID_VAR_DIR", str(options.data.with_suffix(".var")))
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "600")
    os.environ.setdefault("TILLID_LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from modelsearch.backends.database.postgres.weights import get_sql_weights
    from modelsearch.query import Or, PlainText
    from wagtail.models import Page

    from tillid.knowledge.site_search import query_words, search_knowledge, search_query

    assert connection.vendor == "postgresql", "the comparison is for PostgreSQL"
    config = settings.WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"]
    data = json.loads(options.data.read_text())
    timings: dict[str, list[float]] = {"search": [], "raw": []}
    print(f"{'query':<28} {'search p50':>10} {'raw p50':>8} {'hits':>5}  same top 20")
    for query in data["queries"]:
        words = " ".join(query_words(query))
        built = search_query(words)
        parts = (
            built.subqueries if isinstance(built, Or) else [PlainText(str(built), operator="and")]
        )
        # The tsquery of each part, as Wagtail's compiler writes it (quoted lexemes).
        parameters: dict[str, object] = {"config": config, "weights": get_sql_weights()}
        for number, part in enumerate(parts):
            operator = " & " if part.operator == "and" else " | "
            parameters[f"q{number}"] = operator.join(
                f"'{term}'" for term in part.query_string.split()
            )
        sql = raw_query(len(parts))
        per_query: dict[str, list[float]] = {"search": [], "raw": []}
        for _ in range(options.repeat):
            began = time.perf_counter()
            hits = search_knowledge(query=query, limit=20)
            per_query["search"].append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(sql, parameters)
                ids = [row[0] for row in cursor.fetchall()]
            per_query["raw"].append((time.perf_counter() - began) * 1000)
        urls = [hit.url for hit in hits]
        pages = {page.pk: page for page in Page.objects.filter(pk__in=ids)}
        raw_urls = [pages[pk].url for pk in ids if pk in pages]
        for key in timings:
            timings[key].extend(per_query[key])
        print(
            f"{query!r:<28} {statistics.median(per_query['search']):8.1f}ms "
            f"{statistics.median(per_query['raw']):6.1f}ms {len(hits):5d}  {urls == raw_urls}"
        )
    search, raw = timings["search"], timings["raw"]
    print(
        f"\nsearch_knowledge  p50 {statistics.median(search):6.1f} ms  "
        f"p95 {percentile(search, 0.95):6.1f} ms"
    )
    print(
        f"raw FTS top 20    p50 {statistics.median(raw):6.1f} ms  "
        f"p95 {percentile(raw, 0.95):6.1f} ms"
    )
    print(
        f"ratio             p50 {statistics.median(search) / statistics.median(raw):6.2f}x   "
        f"p95 {percentile(search, 0.95) / percentile(raw, 0.95):6.2f}x"
    )


if __name__ == "__main__":
    main()
