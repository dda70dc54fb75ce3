"""Concurrent audit writers and sealers, each thread with its own database connection.

Writers take no lock of Tillid's: on PostgreSQL a writer commits while another writer's
transaction is still open. (SQLite itself admits one writing transaction at a time, so there the
test checks the outcome only.) Sealers racing each other and the writers seal every entry exactly
once, and never seal past an entry whose transaction is still open.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pytest
from django.db import connection, connections, transaction
from django.utils.connection import ConnectionDoesNotExist

from tests.courses.test_concurrency import database_for_threads, reading
from tillid.core import audit, audit_actions
from tillid.core.audit_seal import seal_pending, verify_trail
from tillid.core.models import AuditEntry, AuditSeal

for _code in ("tests.concurrent.write", "tests.concurrent.slow", "tests.concurrent.fast"):
    audit_actions.declare(_code, f"Test: {_code}", target="anything the test chooses")

WRITERS = 6
ENTRIES_EACH = 25


def _run_threads(targets: list[Callable[[], None]], use_database: Callable[[], None]) -> list[str]:
    errors: list[str] = []

    def wrap(target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            use_database()
            try:
                target()
            except Exception as error:  # reported to the test, which fails on any
                errors.append(repr(error))
            finally:
                with suppress(ConnectionDoesNotExist):
                    connections["default"].close()

        return run

    threads = [threading.Thread(target=wrap(target)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_and_sealers_seal_every_entry_exactly_once(tmp_path: Path) -> None:
    with database_for_threads(tmp_path) as use_database:
        start = threading.Barrier(WRITERS + 2)
        writing = threading.Event()

        def writer(number: int) -> Callable[[], None]:
            def write() -> None:
                start.wait()
                for index in range(ENTRIES_EACH):
                    audit.record(actor=None, action="tests.concurrent.write", w=number, i=index)

            return write

        def sealer() -> None:
            start.wait()
            while not writing.is_set():
                seal_pending(max_wait=2)
                time.sleep(0.01)  # let the writers add more between seals

        writers = [writer(number) for number in range(WRITERS)]
        sealers = [sealer, sealer]

        sealer_errors: list[str] = []
        sealer_threads = threading.Thread(
            target=lambda: sealer_errors.extend(_run_threads(sealers, use_database))
        )
        sealer_threads.start()
        errors = _run_threads(writers, use_database)
        writing.set()
        sealer_threads.join(timeout=120)
        assert errors == [], errors
        assert sealer_errors == [], sealer_errors

        with reading(use_database):
            seal_pending()
            report = verify_trail()
            ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
            seals = list(AuditSeal.objects.order_by("last_id").values_list("first_id", "last_id"))

    total = WRITERS * ENTRIES_EACH
    assert report.problem is None
    assert (report.entries, report.sealed, report.unsealed) == (total, total, 0)
    # Every entry lies in exactly one seal's range.
    covered = [entry_id for entry_id in ids for first, last in seals if first <= entry_id <= last]
    assert covered == ids


@pytest.mark.django_db(transaction=True)
def test_a_writer_never_waits_for_another_and_open_entries_are_not_sealed_past() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite admits one writing transaction at a time by design")
    first_written = threading.Event()
    second_done = threading.Event()
    outcome: dict[str, object] = {}

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                outcome["slow"] = audit.record(actor=None, action="tests.concurrent.slow").pk
                first_written.set()
                second_done.wait(timeout=30)
                outcome["sealed_while_open"] = seal_in_other_thread()
        finally:
            connections["default"].close()

    def seal_in_other_thread() -> object:
        result: dict[str, object] = {}

        def run() -> None:
            try:
                result["run"] = seal_pending(max_wait=0.3)
            finally:
                connections["default"].close()

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(timeout=30)
        return result["run"]

    def fast_writer() -> None:
        try:
            first_written.wait(timeout=30)
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '1s'")  # any wait on a lock would fail
            began = time.monotonic()
            outcome["fast"] = audit.record(actor=None, action="tests.concurrent.fast").pk
            outcome["fast_seconds"] = time.monotonic() - began
        finally:
            second_done.set()
            connections["default"].close()

    threads = [threading.Thread(target=slow_writer), threading.Thread(target=fast_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert outcome["fast"] > outcome["slow"]  # type: ignore[operator]
    assert outcome["fast_seconds"] < 1  # type: ignore[operator]
    # While the lower id was uncommitted, the sealer did not seal the higher one past it.
    sealed_while_open = outcome["sealed_while_open"]
    assert sealed_while_open.sealed == 0  # type: ignore[attr-defined]
    assert sealed_while_open.waited is False  # type: ignore[attr-defined]
    assert seal_pending().sealed == 2
    report = verify_trail()
    assert report.problem is None
    assert (report.sealed, report.unsealed) == (2, 0)
