"""Seals: every tampering a database administrator could try is found; sealing is safe to race.

Each tampering test plays an attacker with full write access to the database but without the
audit key: the append-only triggers are switched off inside the test's transaction (rolled back
afterwards), the attacker's change is made in SQL, and ``verify_trail`` must name it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tillid.core import audit, audit_actions, audit_tasks
from tillid.core.audit_seal import (
    GENESIS,
    chain_step,
    seal_pending,
    seal_text,
    sign,
    verify_trail,
)
from tillid.core.models import AuditEntry, AuditSeal

pytestmark = pytest.mark.django_db

for _prefix in ("n", "b0n", "b1n", "forged", "tail"):
    for _index in range(10):
        _code = f"tests.thing.{_prefix}{_index}"
        audit_actions.declare(_code, f"Test: {_code}", target="anything the test chooses")


@contextmanager
def triggers_disabled() -> Iterator[None]:
    with connection.cursor() as cursor:
        for table in ("core_auditentry", "core_auditseal"):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER {table}_no_update")
                cursor.execute(f"DROP TRIGGER {table}_no_delete")
            else:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    yield


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _entries(count: int, prefix: str = "n") -> list[AuditEntry]:
    return [
        audit.record(actor=None, action=f"tests.thing.{prefix}{index}", index=index)
        for index in range(count)
    ]


def _sealed_trail(count: int = 6, seals: int = 2) -> list[AuditEntry]:
    """``count`` entries in ``seals`` seals, verified intact."""
    entries: list[AuditEntry] = []
    for batch in range(seals):
        entries += _entries(count // seals, prefix=f"b{batch}n")
        seal_pending()
    report = verify_trail()
    assert report.problem is None
    assert (report.sealed, report.seals, report.unsealed) == (count, seals, 0)
    return entries


def test_sealing_covers_every_entry_once_and_chains_the_seals() -> None:
    entries = _entries(5)
    run = seal_pending()
    assert (run.sealed, run.seals) == (5, 1)
    assert seal_pending().sealed == 0  # nothing left
    _entries(3)
    assert seal_pending(max_entries=2).seals == 2  # 3 entries, at most 2 a seal
    first, second, third = AuditSeal.objects.order_by("last_id")
    assert (first.first_id, first.last_id, first.count) == (entries[0].pk, entries[-1].pk, 5)
    assert first.previous_seal_hash == GENESIS
    assert second.previous_seal_hash == first.seal_hash
    assert third.previous_seal_hash == second.seal_hash
    report = verify_trail()
    assert report.problem is None
    assert (report.entries, report.sealed, report.seals, report.unsealed) == (8, 8, 3, 0)


def test_every_time_and_detail_form_verifies_and_a_moved_time_is_named(clock) -> None:
    """The verifier reads times and details in the database's own text form (on PostgreSQL the
    database formats ``created_at``): a whole second, a time given in another zone and details
    with non-ASCII text, numbers and nesting must hash exactly as they did when written."""
    copenhagen = ZoneInfo("Europe/Copenhagen")
    clock.set(datetime(2026, 3, 29, 3, 0, 0, tzinfo=copenhagen))  # a whole second, summer time
    whole = audit.record(actor=None, action="tests.thing.n0", note="æøå ✓ \u2028", n=[1.5, 2, None])
    clock.set(datetime(2026, 12, 24, 18, 30, 5, 7, tzinfo=copenhagen))
    audit.record(actor=None, action="tests.thing.n1", nested={"b": {"é": [True, "x"]}, "a": 10**15})
    clock.set(datetime(2026, 1, 2, 3, 4, 5, 999999, tzinfo=UTC))
    audit.record(actor=None, action="tests.thing.n2")
    seal_pending()
    report = verify_trail()
    assert report.problem is None
    assert (report.entries, report.sealed) == (3, 3)
    with triggers_disabled():
        _raw(
            "UPDATE core_auditentry SET created_at = %s WHERE id = %s",
            [whole.created_at + timedelta(microseconds=1), whole.pk],
        )
        problem = verify_trail().problem
    assert problem is not None
    assert problem.entry_id == whole.pk
    assert "does not match its hash" in problem.reason


def test_an_edited_entry_is_named() -> None:
    entries = _sealed_trail()
    with triggers_disabled():
        _raw(
            "UPDATE core_auditentry SET action = %s WHERE id = %s",
            ["tests.thing.innocent", entries[2].pk],
        )
        problem = verify_trail().problem
    assert problem is not None
    assert problem.entry_id == entries[2].pk
    assert "changed" in problem.reason


def test_a_deleted_middle_entry_is_found() -> None:
    entries = _sealed_trail()
    with triggers_disabled():
        _raw("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
        problem = verify_trail().problem
    assert problem is not None
    assert "removed" in problem.reason
    assert problem.entry_id == entries[0].pk  # the gap follows this entry


def test_deleted_newest_sealed_entries_with_the_seal_fixed_are_found() -> None:
    """The attacker shortens the newest seal to hide its last entries, but cannot re-sign it."""
    entries = _sealed_trail()
    last = AuditSeal.objects.order_by("last_id").last()
    assert last is not None
    kept = entries[3:4]
    chain = bytes.fromhex(AuditSeal.objects.order_by("last_id").first().chain_hash)  # type: ignore[union-attr]
    for entry in kept:
        chain = chain_step(chain, entry.pk, entry.entry_hash)
    with triggers_disabled():
        _raw("DELETE FROM core_auditentry WHERE id > %s", [kept[-1].pk])
        _raw(
            "UPDATE core_auditseal SET last_id = %s, count = %s, chain_hash = %s WHERE id = %s",
            [kept[-1].pk, len(kept), chain.hex(), last.pk],
        )
        problem = verify_trail().problem
    assert problem is not None
    assert problem.seal_id == last.pk
    assert "signature" in problem.reason


def test_deleted_newest_seals_with_their_entries_are_found_by_the_anchors(
    caplog, django_capture_on_commit_callbacks
) -> None:
    """Removing whole seals leaves a shorter but consistent trail: the log's anchors show it."""
    with (
        caplog.at_level(logging.INFO, logger="tillid.audit.seal"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        entries = _sealed_trail()
    anchors = [record.getMessage() for record in caplog.records]
    assert len(anchors) == 2
    assert verify_trail(anchors=anchors).anchors == 2
    last = AuditSeal.objects.order_by("last_id").last()
    assert last is not None
    with triggers_disabled():
        _raw("DELETE FROM core_auditentry WHERE id >= %s", [entries[3].pk])
        _raw("DELETE FROM core_auditseal WHERE id = %s", [last.pk])
        assert verify_trail().problem is None  # consistent without the log...
        problem = verify_trail(anchors=anchors).problem  # ...but not with it
    assert problem is not None
    assert problem.entry_id == entries[3].pk
    assert "missing from the database" in problem.reason


def test_a_history_rehashed_without_the_key_is_found() -> None:
    """The attacker changes an entry and recomputes its hash, the chain and the seal's hash."""
    entries = _sealed_trail(count=4, seals=1)
    seal = AuditSeal.objects.get()
    victim = entries[1]
    victim.action = "tests.thing.innocent"
    new_hash = audit.compute_hash(victim)
    chain = bytes.fromhex(GENESIS)
    for entry in entries:
        chain = chain_step(chain, entry.pk, new_hash if entry.pk == victim.pk else entry.entry_hash)
    text = seal_text(
        first_id=seal.first_id,
        last_id=seal.last_id,
        count=seal.count,
        chain_hash=chain.hex(),
        previous_seal_hash=seal.previous_seal_hash,
        key_id=seal.key_id,
        created_at=seal.created_at,
    )
    with triggers_disabled():
        _raw(
            "UPDATE core_auditentry SET action = %s, entry_hash = %s WHERE id = %s",
            [victim.action, new_hash, victim.pk],
        )
        _raw(
            "UPDATE core_auditseal SET chain_hash = %s, seal_hash = %s, signature = %s",
            [chain.hex(), hashlib.sha256(text).hexdigest(), sign(b"a guess at the key", text)],
        )
        problem = verify_trail().problem
    assert problem is not None
    assert problem.seal_id == seal.pk
    assert "signature" in problem.reason


def test_a_forged_seal_is_found() -> None:
    """Entries the attacker added after the last seal cannot be passed off as sealed."""
    _sealed_trail(count=2, seals=1)
    previous = AuditSeal.objects.get()
    added = _entries(2, prefix="forged")
    chain = bytes.fromhex(previous.chain_hash)
    for entry in added:
        chain = chain_step(chain, entry.pk, entry.entry_hash)
    fields = {
        "first_id": added[0].pk,
        "last_id": added[-1].pk,
        "count": 2,
        "chain_hash": chain.hex(),
        "previous_seal_hash": previous.seal_hash,
        "key_id": previous.key_id,
        "created_at": previous.created_at,
    }
    text = seal_text(**fields)  # type: ignore[arg-type]
    AuditSeal.objects.create(
        **fields, seal_hash=hashlib.sha256(text).hexdigest(), signature=sign(b"forged", text)
    )
    problem = verify_trail().problem
    assert problem is not None
    assert "signature" in problem.reason


def test_a_reordered_pair_is_found() -> None:
    """Swapping two entries (each keeping a matching hash) breaks the seal's chain."""
    entries = _sealed_trail(count=4, seals=1)
    first, second = entries[1], entries[2]
    columns = "created_at, action, details, entry_hash"
    with triggers_disabled(), connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM core_auditentry WHERE id = %s", [first.pk])
        one = cursor.fetchone()
        cursor.execute(f"SELECT {columns} FROM core_auditentry WHERE id = %s", [second.pk])
        two = cursor.fetchone()
        update = (
            "UPDATE core_auditentry SET created_at = %s, action = %s, details = %s, "
            "entry_hash = %s WHERE id = %s"
        )
        cursor.execute(update, [*two, first.pk])
        cursor.execute(update, [*one, second.pk])
        problem = verify_trail().problem
    assert problem is not None
    assert "reordered" in problem.reason


def _copy_entry(source_id: int, new_id: int) -> None:
    """Insert a copy of an entry under another id: its content still matches its hash."""
    columns = (
        "created_at, actor_id, actor_label, action, target_type, target_id, target_label, "
        "details, previous_hash, entry_hash"
    )
    _raw(
        f"INSERT INTO core_auditentry (id, {columns}) SELECT %s, {columns} "
        "FROM core_auditentry WHERE id = %s",
        [new_id, source_id],
    )


def test_an_entry_slipped_in_between_seals_is_found() -> None:
    entries = _sealed_trail(count=2, seals=1)
    # Ids relative to the newest entry: sequences are not rolled back between tests.
    last = entries[-1].pk
    _copy_entry(entries[0].pk, last + 1000)  # a legitimate later entry, far up the sequence
    seal_pending()
    assert verify_trail().problem is None
    _copy_entry(entries[0].pk, last + 500)  # the attacker's entry, below the newest seal
    problem = verify_trail().problem
    assert problem is not None
    assert problem.entry_id == last + 500
    assert "in none" in problem.reason


def test_an_unsealed_tail_is_reported_with_its_size() -> None:
    _sealed_trail(count=2, seals=1)
    tail = _entries(3, prefix="tail")
    report = verify_trail()
    assert report.problem is None
    assert report.unsealed == 3
    assert report.oldest_unsealed_at == AuditEntry.objects.get(pk=tail[0].pk).created_at


def test_entries_from_before_seals_are_verified_and_sealed() -> None:
    """Entries of the old hash chain (with a previous hash) keep their hashes and get sealed."""
    previous = GENESIS
    legacy = []
    for index in range(3):
        entry = AuditEntry(
            created_at=timezone.now(),
            action=f"tests.legacy.n{index}",
            details={"index": index},
            previous_hash=previous,
        )
        entry.entry_hash = audit.compute_hash(entry)
        entry.save()
        legacy.append(entry)
        previous = entry.entry_hash
    assert audit.compute_hash(legacy[1]) == audit.legacy_content_hash(
        legacy[1].created_at.isoformat(),
        None,
        "",
        "tests.legacy.n1",
        "",
        "",
        "",
        {"index": 1},
        legacy[0].entry_hash,
    )
    _entries(2)
    assert seal_pending().sealed == 5
    assert verify_trail().problem is None
    with triggers_disabled():
        _raw(
            "UPDATE core_auditentry SET details = %s WHERE id = %s", ['{"index": 9}', legacy[1].pk]
        )
        problem = verify_trail().problem
    assert problem is not None
    assert problem.entry_id == legacy[1].pk


def test_keys_rotate_and_an_unknown_key_is_reported(settings) -> None:
    settings.TILLID_AUDIT_KEYS = ["old:" + "o" * 40]
    _entries(2)
    seal_pending()
    settings.TILLID_AUDIT_KEYS = ["new:" + "n" * 40, "old:" + "o" * 40]
    _entries(2)
    seal_pending()
    assert list(AuditSeal.objects.order_by("last_id").values_list("key_id", flat=True)) == [
        "old",
        "new",
    ]
    assert verify_trail().problem is None
    settings.TILLID_AUDIT_KEYS = ["new:" + "n" * 40]
    problem = verify_trail().problem
    assert problem is not None
    assert "'old'" in problem.reason


def test_the_seal_task_is_enqueued_once_per_burst(monkeypatch) -> None:
    monkeypatch.setattr(audit_tasks, "_next_run", 0.0)
    for _ in range(5):
        audit_tasks.schedule_seal()
    pending = DBTaskResult.objects.filter(task_path__endswith="seal_audit_trail")
    assert pending.count() == 1
    assert pending.get().run_after > timezone.now()
    # The task itself seals what is there.
    _entries(2)
    assert audit_tasks.seal_audit_trail.call() == 2
