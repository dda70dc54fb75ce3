"""Who looked at a person's case, and when: the selector and the administrators' view."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tillid.accounts.roles import Role
from tillid.core import audit, audit_records
from tillid.core.models import AuditEntry
from tillid.core.selectors import audit_accesses_for_record

pytestmark = pytest.mark.django_db

URL = "/revisionsspor/adgang/"


def _access(actor, target_type: str, target_id: str, action: str) -> AuditEntry:
    entry = AuditEntry(
        created_at=timezone.now(),
        actor=actor,
        actor_label=str(actor),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=f"{target_type} {target_id}",
    )
    entry.entry_hash = audit.compute_hash(entry)
    entry.save()
    return entry


def test_the_selector_collects_the_record_and_the_records_belonging_to_it(
    make_user, monkeypatch
) -> None:
    looker, other = make_user(name="Nysgerrig Kollega"), make_user(name="Anden Person")
    monkeypatch.setitem(
        audit_records.RECORD_KINDS,
        "tests.case",
        audit_records.RecordKind("tests.case", "Sag", lambda pk: [("tests.plan", f"plan-{pk}")]),
    )
    opened = _access(looker, "tests.case", "7", "tests.case.opened")
    plan = _access(looker, "tests.plan", "plan-7", "tests.plan.viewed")
    _access(other, "tests.case", "8", "tests.case.opened")  # another case
    _access(other, "tests.plan", "plan-8", "tests.plan.viewed")
    found = list(audit_accesses_for_record(target_type="tests.case", target_id="7"))
    assert found == [plan, opened]
    assert list(audit_accesses_for_record(target_type="tests.plan", target_id="plan-7")) == [plan]


def test_only_administrators_see_who_looked(client: Client, login, make_user, any_role) -> None:
    login(make_user(any_role))
    expected = 200 if any_role == Role.ADMINISTRATOR else 403
    response = client.get(URL, {"target_type": "risk.assessment", "target_id": "3"})
    assert response.status_code == expected


def test_the_view_lists_who_looked_and_is_audited(client: Client, login, make_user) -> None:
    admin = make_user(Role.ADMINISTRATOR, name="Admin Person")
    looker = make_user(name="Nysgerrig Kollega")
    _access(looker, "consultations.consultation", "12", "consultations.consultation.opened")
    _access(looker, "consultations.consultation", "13", "consultations.consultation.opened")
    login(admin)
    assert "Hvem har set en sag?" in client.get("/revisionsspor/").content.decode()
    page = client.get(
        URL, {"target_type": "consultations.consultation", "target_id": "12"}
    ).content.decode()
    table = page.split("<tbody>")[1]
    assert "Nysgerrig Kollega" in table
    assert "#12" in table
    assert "#13" not in table
    entry = AuditEntry.objects.get(action="core.audit.record_accesses_viewed")
    assert entry.actor == admin
    assert entry.details == {
        "record_type": "consultations.consultation",
        "record_id": "12",
    }


def test_an_unknown_record_type_shows_nothing(client: Client, login, make_user) -> None:
    login(make_user(Role.ADMINISTRATOR))
    response = client.get(URL, {"target_type": "accounts.user", "target_id": "1"})
    assert response.status_code == 200
    assert "<tbody>" not in response.content.decode()
    assert not AuditEntry.objects.filter(action="core.audit.record_accesses_viewed").exists()
