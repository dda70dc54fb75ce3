"""Started where the need shows: a consultant hands a case about an adult over to a case
worker with the citizen's consent, carrying over only what is chosen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client

from tillid.accounts.models import User
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan
from tillid.core.refusals import ActionRefusedError

pytestmark = pytest.mark.django_db

IDENTITY = services.Identity(citizen_name="Aisha Hansen", birth_date=date(2001, 4, 2))


def _handover(world: dict[str, Any], worker: User, **kwargs: Any) -> ActionPlan:
    arguments: dict[str, Any] = {
        "actor": world["consultant"],
        "consultation_id": world["case"].pk,
        "case_worker": worker,
        "identity": IDENTITY,
        "consent_given": True,
        "carry": services.HandoverChoice(),
    } | kwargs
    return services.plan_handover_from_consultation(**arguments)


def test_without_consent_nothing_is_handed_over(
    now: Any, worker: User, consultation_world: dict[str, Any]
) -> None:
    with pytest.raises(ActionRefusedError) as refused:
        _handover(consultation_world, worker, consent_given=False)
    assert refused.value.code == "no_consent"
    assert not ActionPlan.objects.exists()


def test_only_what_is_chosen_is_carried_over(
    now: Any,
    worker: User,
    consultation_world: dict[str, Any],
    login: Callable[[User], Client],
) -> None:
    plain = _handover(consultation_world, worker)
    assert plain.handover_note == ""
    assert plain.responsible == worker
    assert plain.team_id == worker.org_unit_id
    assert plain.family_may_know is False
    with_note = _handover(
        consultation_world, worker, carry=services.HandoverChoice(description=True)
    )
    assert with_note.handover_note.startswith("En kvinde på 24 år")
    # The consultants of the case read the plan while it is linked; the worker owns it.
    consultant = consultation_world["consultant"]
    assert login(consultant).get(f"/handleplaner/{with_note.pk}/").status_code == 200
    assert login(worker).get(f"/handleplaner/{with_note.pk}/del/kontakt/").status_code == 200


def test_the_handover_page_creates_the_plan(
    now: Any,
    worker: User,
    consultation_world: dict[str, Any],
    login: Callable[[User], Client],
) -> None:
    case = consultation_world["case"]
    client = login(consultation_world["consultant"])
    url = f"/handleplaner/fra-konsultation/{case.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "case_worker": worker.pk,
            "citizen_name": "Aisha Hansen",
            "birth_date": "2001-04-02",
            "consent_given": "on",
            "carry_description": "on",
        },
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert plan.consultation_id == case.pk
    assert plan.responsible == worker
