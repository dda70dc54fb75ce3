"""Reads of a case are audited once, by the view's access policy: opening the page is a read, a
form shown again after a refused POST is not a second one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tillid.accounts.models import User
from tillid.consultations.models import Consultation
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def opened(case: Consultation) -> list[dict[str, object]]:
    return list(
        AuditEntry.objects.filter(
            action="consultations.consultation.opened", target_id=str(case.pk)
        ).values_list("details", flat=True)
    )


def test_the_team_page_audits_the_read_once_and_a_redisplay_not_again(
    assigned_case: Consultation, consultant: User, login: Callable[[User], Client]
) -> None:
    client = login(consultant)
    assert (
        client.get(reverse("consultations:case", kwargs={"pk": assigned_case.pk})).status_code
        == 200
    )
    assert opened(assigned_case) == [{"page": "team"}]
    response = client.post(
        reverse("consultations:case_message", kwargs={"pk": assigned_case.pk}), {"body": ""}
    )
    assert response.status_code == 200  # the case page again, with the form's error
    assert opened(assigned_case) == [{"page": "team"}]


def test_the_requester_page_audits_the_read_once_and_a_redisplay_not_again(
    case: Consultation, professional: User, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    client.get(reverse("consultations:mine_detail", kwargs={"pk": case.pk}))
    assert opened(case) == [{"page": "requester"}]
    response = client.post(
        reverse("consultations:mine_rating", kwargs={"pk": case.pk}), {"score": "9"}
    )
    assert response.status_code == 200
    assert opened(case) == [{"page": "requester"}]
