"""The audit trail: append-only, content-hashed, sealed, and free of CPR numbers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tillid.core import audit, audit_actions
from tillid.core.audit_seal import seal_pending, verify_trail
from tillid.core.models import AppendOnlyError, AuditEntry, AuditSeal

pytestmark = pytest.mark.django_db

for _code in ("tests.thing.late", "tests.thing.later"):
    audit_actions.declare(_code, f"Test: {_code}", target="anything the test chooses")


@contextmanager
def triggers_disabled() -> Iterator[None]:
    """Play an attacker with database access: switch off the append-only triggers."""
    with connection.cursor() as cursor:
        for table in ("core_auditentry", "core_auditseal"):
            if connection.vendor == "sqlite":
                cursor.execute(f"DROP TRIGGER {table}_no_update")
                cursor.execute(f"DROP TRIGGER {table}_no_delete")
            else:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    yield  # the test's transaction is rolled back afterwards, restoring the triggers


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_an_entry_hashes_its_own_content_without_a_chain_head(make_user) -> None:
    user = make_user()
    first = audit.record(actor=user, action="tests.thing.viewed", target=user, reason="check")
    second = audit.record(actor=None, action="tests.thing.failed")
    assert second.pk > first.pk
    assert first.previous_hash == second.previous_hash == ""
    first.refresh_from_db()
    assert audit.compute_hash(first) == first.entry_hash
    assert first.actor_label == str(user)
    assert (first.target_type, first.target_id) == ("accounts.user", str(user.pk))
    assert verify_trail().problem is None


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
    seal_pending()
    seal = AuditSeal.objects.get()
    with pytest.raises(AppendOnlyError):
        seal.delete()
    with pytest.raises(AppendOnlyError):
        AuditSeal.objects.all().update(count=0)


def test_the_database_refuses_raw_updates_and_deletes(make_user) -> None:
    entry = audit.record(actor=make_user(), action="tests.thing.viewed")
    seal_pending()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("UPDATE core_auditentry SET action = %s WHERE id = %s", ["tests.hidden", entry.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("UPDATE core_auditseal SET count = 0", [])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        _raw("DELETE FROM core_auditseal", [])
    assert AuditEntry.objects.filter(pk=entry.pk, action="tests.thing.viewed").exists()
    assert AuditSeal.objects.get().count == 1


def test_audit_verify_command_names_the_first_broken_entry_and_the_unsealed_tail() -> None:
    entries = [audit.record(actor=None, action=f"tests.thing.n{i}") for i in range(3)]
    seal_pending()
    audit.record(actor=None, action="tests.thing.late")
    audit.record(actor=None, action="tests.thing.later")
    call_command("audit_verify")  # intact: no error
    report = verify_trail()
    assert (report.sealed, report.unsealed) == (3, 2)
    with triggers_disabled():
        _raw("UPDATE core_auditentry SET details = %s WHERE id = %s", ['{"a": 1}', entries[1].pk])
        with pytest.raises(CommandError, match=f"entry #{entries[1].pk} does not match"):
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
    seal_pending()
    assert verify_trail().problem is None


def test_an_entry_rolls_back_with_its_transaction() -> None:
    def audited_change_that_fails() -> None:
        with transaction.atomic():
            audit.record(actor=None, action="tests.thing.viewed")
            raise RuntimeError

    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError):
        audited_change_that_fails()
    assert AuditEntry.objects.count() == before
    assert verify_trail().problem is None
