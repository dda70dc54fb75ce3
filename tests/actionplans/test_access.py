"""Who reads an action plan: the responsible worker, the team lead (a lead higher up the tree
when the team has none), consultants only while the plan is linked to a case they hold; nobody
else, and administrators see no content. Every read is audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _get(login: Callable[[User], Client], user: User, url: str) -> int:
    return login(user).get(url).status_code


@pytest.mark.parametrize(
    ("who", "detail", "edit"),
    [
        ("worker", 200, 200),
        ("lead", 200, 404),
        ("centre_lead", 404, 404),  # the team has its own lead
        ("colleague", 404, 404),
        ("stranger", 404, 404),
    ],
)
def test_case_workers_of_own_and_other_teams(
    finalised_plan: ActionPlan,
    people: dict[str, User],
    login: Callable[[User], Client],
    who: str,
    detail: int,
    edit: int,
) -> None:
    pk = finalised_plan.pk
    user = people[who]
    assert _get(login, user, f"/handleplaner/{pk}/") == detail
    assert _get(login, user, f"/handleplaner/{pk}/version/1/") == detail
    assert _get(login, user, f"/handleplaner/{pk}/version/1/pdf/") == detail
    assert _get(login, user, f"/handleplaner/{pk}/version/1/borger/") == detail
    assert _get(login, user, f"/handleplaner/{pk}/del/kontakt/") == edit
    listed = login(user).get("/handleplaner/")
    assert (b"Aisha Hansen" in listed.content) == (detail == 200)


def test_a_team_without_a_lead_answers_to_the_lead_above(
    finalised_plan: ActionPlan, people: dict[str, User], login: Callable[[User], Client]
) -> None:
    team = finalised_plan.team
    team.lead = None
    team.save()
    assert _get(login, people["centre_lead"], f"/handleplaner/{finalised_plan.pk}/") == 200
    assert _get(login, people["lead"], f"/handleplaner/{finalised_plan.pk}/") == 404


def test_a_lead_with_only_the_manager_role_reads_nothing(
    finalised_plan: ActionPlan, people: dict[str, User], login: Callable[[User], Client]
) -> None:
    lead = people["lead"]
    lead.groups.clear()
    lead.groups.add(Group.objects.get_or_create(name=Role.MANAGER)[0])
    lead = User.objects.get(pk=lead.pk)
    assert _get(login, lead, f"/handleplaner/{finalised_plan.pk}/") == 403


@pytest.mark.parametrize(
    "role",
    [Role.ADMINISTRATOR, Role.PROFESSIONAL, Role.MANAGER, Role.INTAKE_WORKER, Role.EDITOR],
)
def test_other_roles_see_no_plan(
    finalised_plan: ActionPlan,
    make_user: Callable[..., User],
    login: Callable[[User], Client],
    role: str,
) -> None:
    user = make_user(role, org_unit=finalised_plan.team)
    for url in ("/handleplaner/", f"/handleplaner/{finalised_plan.pk}/"):
        response = login(user).get(url)
        assert response.status_code == 403
        assert b"Aisha" not in response.content


def test_consultants_read_only_while_linked_to_a_case_they_hold(
    finalised_plan: ActionPlan,
    worker: User,
    login: Callable[[User], Client],
    consultation_world: dict[str, Any],
) -> None:
    case = consultation_world["case"]
    holder = consultation_world["consultant"]
    outsider = consultation_world["outsider"]
    url = f"/handleplaner/{finalised_plan.pk}/"
    assert _get(login, holder, url) == 404
    ActionPlan.objects.filter(pk=finalised_plan.pk).update(consultation_id=case.pk)
    assert _get(login, holder, url) == 200
    assert _get(login, outsider, url) == 404
    assert _get(login, holder, f"/handleplaner/{finalised_plan.pk}/del/kontakt/") == 403
    finalised_plan.refresh_from_db()
    services.plan_unlink_consultation(actor=worker, plan=finalised_plan)
    assert _get(login, holder, url) == 404


def test_every_read_is_audited_without_content(
    finalised_plan: ActionPlan, worker: User, login: Callable[[User], Client]
) -> None:
    client = login(worker)
    client.get(f"/handleplaner/{finalised_plan.pk}/")
    client.get(f"/handleplaner/{finalised_plan.pk}/version/1/pdf/")
    client.get(f"/handleplaner/{finalised_plan.pk}/version/1/borger/")
    client.get("/handleplaner/")
    entries = AuditEntry.objects.filter(target_id=str(finalised_plan.pk))
    actions = set(entries.values_list("action", flat=True))
    assert {
        "actionplans.plan.viewed",
        "actionplans.plan.exported",
        "actionplans.plan.summary_viewed",
        "actionplans.plan.created",
        "actionplans.draft.changed",
        "actionplans.plan.finalised",
    } <= actions
    assert AuditEntry.objects.filter(action="actionplans.plan.listed").exists()
    everything = str(list(AuditEntry.objects.values_list("details", "target_label")))
    assert "Aisha" not in everything
    assert "VUC" not in everything


def test_a_refused_read_is_recorded(
    finalised_plan: ActionPlan, people: dict[str, User], login: Callable[[User], Client]
) -> None:
    login(people["stranger"]).get(f"/handleplaner/{finalised_plan.pk}/")
    assert AuditEntry.objects.filter(
        action="core.access.refused", actor=people["stranger"]
    ).exists()
