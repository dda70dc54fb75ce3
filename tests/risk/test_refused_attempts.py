"""Refused attempts on another professional's risk assessment are audited (issue 17)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.risk.conftest import start
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.risk.models import Instrument


@pytest.mark.django_db
def test_opening_someone_elses_assessment_is_refused_and_audited(
    instrument: Instrument,
    professional: User,
    make_user: Callable[..., User],
    login: Callable[[User], Client],
) -> None:
    assessment = start(professional)
    stranger = make_user(Role.PROFESSIONAL)
    client = login(stranger)
    for name in ("risk:detail", "risk:pdf"):
        assert client.get(reverse(name, kwargs={"pk": assessment.pk})).status_code == 404
    entries = AuditEntry.objects.filter(action="core.access.refused", actor=stranger)
    assert [entry.details["requested"] for entry in entries] == [str(assessment.pk)] * 2
    assert {entry.details["status"] for entry in entries} == {404}
