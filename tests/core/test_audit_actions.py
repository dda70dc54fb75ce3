"""The audit action registry: every code is declared once, undeclared codes are refused, and
the audit view shows labels."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core import audit, audit_actions
from tillid.core.audit_actions import UndeclaredAuditActionError
from tillid.core.models import AuditEntry

SOURCE = Path(__file__).resolve().parents[2] / "src" / "tillid"
LITERAL = re.compile(r"""action=\s*"([a-z_]+\.[a-z_.]+)\"""")


@pytest.mark.django_db
def test_recording_an_undeclared_action_raises_and_writes_nothing() -> None:
    with pytest.raises(UndeclaredAuditActionError):
        audit.record(actor=None, action="risk.assessment.peeked")
    assert not AuditEntry.objects.exists()


def test_every_action_code_in_the_source_is_declared() -> None:
    found = {
        code
        for path in SOURCE.rglob("*.py")
        if "migrations" not in path.parts
        for code in LITERAL.findall(path.read_text(encoding="utf-8"))
    }
    assert len(found) > 40
    assert sorted(code for code in found if not audit_actions.is_declared(code)) == []


def test_declaring_a_code_twice_with_another_meaning_fails() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        audit_actions.declare("risk.assessment.viewed", "something else", target="none")


def test_every_declared_action_has_a_label_and_a_target() -> None:
    for action in audit_actions.everything():
        assert str(action.label).strip(), action.code
        assert action.target.strip(), action.code
        assert re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)+", action.code), action.code


@pytest.mark.django_db
def test_the_audit_view_shows_the_label(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    audit.record(actor=admin, action="risk.assessment.exported", target=admin)
    page = login(admin).get("/revisionsspor/").content.decode()
    assert "Risikovurdering hentet som PDF" in page
    export = login(admin).get("/revisionsspor/eksport.csv").content.decode("utf-8-sig")
    assert "Risikovurdering hentet som PDF;risk.assessment.exported" in export
