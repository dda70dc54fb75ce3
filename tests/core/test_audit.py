"""The audit trail: append-only, hash-chained, verifiable, and free of CPR numbers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tillid.core import audit
from tillid.core.models import AppendOnlyError, AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db


@contextmanager
def triggers_disabled() -> Iterator[None]:
    """Play an attacker with database access: switch off the append-only triggers."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER core_auditentry_no_update")
            cursor.execute("DROP TRIGGER core_auditentry_no_delete")
        else:
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER USER")
    yield  # the test's transaction is rolled back afterwards, restoring the triggers


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_entries_link_into_a_verifiable_chain(make_user) -> None:
    user = make_user()
    first = audit.record(actor=user, action="tests.thing.viewed", target=user, reason="check")
    second = audit.record(actor=None, action="tests.thing.failed")
    assert second.previous_hash == first.entry_hash
    assert AuditChainHead.objects.get().last_hash == second.entry_hash
    assert first.actor_label == str(user)
    assert (first.target_type, first.target_id) == ("accounts.user", str(user.pk))
    assert audit.verify_chain()[1] is None


def test_entries_cannot_be_changed_or_deleted_through_django(make_user) -> None:
    entry = audit.record(actor=make_user(), action="tests.thing.viewed")
    entry.action = "tests.thing.hidden"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_raw_updates_and_deletes(make_user) -> None:
    entry = audit.record(actor=make_user(), action="tests.thing.viewed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("UPDATE core_auditentry SET action = %s WHERE id = %s", ["tests.hidden", entry.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, action="tests.thing.viewed").exists()


def test_verify_finds_a_changed_entry() -> None:
    entries = [audit.record(actor=None, action=f"tests.thing.n{i}") for i in range(5)]
    with triggers_disabled():
        _raw(
            "UPDATE core_auditentry SET action = %s WHERE id = %s",
            ["tests.thing.innocent", entries[2].pk],
        )
        checked, broken = audit.verify_chain()
    assert checked == 2
    assert broken is not None
    assert broken.entry_id == entries[2].pk
    assert "changed" in broken.reason


def test_verify_finds_a_removed_entry() -> None:
    entries = [audit.record(actor=None, action=f"tests.thing.n{i}") for i in range(4)]
    with triggers_disabled():
        _raw(
            "DELETE FROM core_auditentry WHERE id = %s AND action = %s",
            [entries[1].pk, "tests.thing.n1"],
        )
        broken = audit.verify_chain()[1]
    assert broken is not None
    assert broken.entry_id == entries[2].pk


def test_verify_finds_removed_newest_entries() -> None:
    entries = [audit.record(actor=None, action=f"tests.thing.n{i}") for i in range(3)]
    with triggers_disabled():
        _raw(
            "DELETE FROM core_auditentry WHERE id = %s AND action = %s",
            [entries[-1].pk, "tests.thing.n2"],
        )
        broken = audit.verify_chain()[1]
    assert broken is not None
    assert "newest" in broken.reason


def test_audit_verify_command_reports_the_first_broken_link() -> None:
    entries = [audit.record(actor=None, action=f"tests.thing.n{i}") for i in range(3)]
    call_command("audit_verify")  # intact: no error
    with triggers_disabled():
        _raw("UPDATE core_auditentry SET details = %s WHERE id = %s", ['{"a": 1}', entries[1].pk])
        with pytest.raises(CommandError, match=f"entry #{entries[1].pk}"):
            call_command("audit_verify")


def test_cpr_numbers_never_enter_the_trail(make_user) -> None:
    user = make_user(name="Test 010203-1234")
    entry = audit.record(
        actor=user,
        action="tests.search",
        target=user,
        terms="søgte på 0102031234",
        nested={"list": ["010203 1234"]},
    )
    entry.refresh_from_db()
    stored = str(entry.details) + entry.actor_label + entry.target_label
    assert "1234" not in stored
    assert "010203-XXXX" in stored
    assert audit.verify_chain()[1] is None


def test_an_entry_rolls_back_with_its_transaction() -> None:
    def audited_change_that_fails() -> None:
        with transaction.atomic():
            audit.record(actor=None, action="tests.thing.viewed")
            raise RuntimeError

    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError):
        audited_change_that_fails()
    assert AuditEntry.objects.count() == before
    assert audit.verify_chain()[1] is None
