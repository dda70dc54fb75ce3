"""Refused attempts on case URLs are audited with the user and the case asked for (issue 17):
probing other people's cases used to leave no trace."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations.models import Consultation
from tillid.core.models import AuditEntry


def refusals(user: User) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="core.access.refused", actor=user))


@pytest.mark.django_db
def test_another_professionals_case_is_refused_and_audited(
    case: Consultation, other_professional: User, login: Callable[[User], Client]
) -> None:
    url = reverse("consultations:mine_detail", kwargs={"pk": case.pk})
    assert login(other_professional).get(url).status_code == 404
    [entry] = refusals(other_professional)
    assert entry.details["status"] == 404
    assert entry.details["requested"] == str(case.pk)
    assert entry.details["path"] == url
    assert entry.details["selector"].endswith("consultation_get_for_requester")


@pytest.mark.django_db
def test_a_case_outside_the_team_and_a_missing_role_are_audited(
    case: Consultation,
    make_user: Callable[..., User],
    professional: User,
    login: Callable[[User], Client],
    org: object,
) -> None:
    outsider = make_user(Role.CONSULTANT, org_unit=org.outside)  # type: ignore[attr-defined]
    url = reverse("consultations:case", kwargs={"pk": case.pk})
    assert login(outsider).get(url).status_code == 404
    assert [entry.details["requested"] for entry in refusals(outsider)] == [str(case.pk)]

    # The requester has no consultant role: a 403, audited as well.
    assert login(professional).get(url).status_code == 403
    [entry] = refusals(professional)
    assert (entry.details["status"], entry.details["requested"]) == (403, str(case.pk))


@pytest.mark.django_db
def test_allowed_reads_are_not_refusals(
    case: Consultation, professional: User, login: Callable[[User], Client]
) -> None:
    url = reverse("consultations:mine_detail", kwargs={"pk": case.pk})
    assert login(professional).get(url).status_code == 200
    assert refusals(professional) == []
