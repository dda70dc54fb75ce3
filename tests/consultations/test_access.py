"""Who reaches which case: every role against its own and other people's cases.

A professional sees only their own requests (never the internal notes); consultants see their
team's cases; every other role, administrators included, gets 403 and never any case content.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.consultations.conftest import DESCRIPTION, Org
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.models import Consultation
from tillid.consultations.selectors import (
    consultation_list_for_consultant,
    consultation_list_for_requester,
)
from tillid.core.models import AuditEntry

NOTE = "Internt: tal med teamlederen om sagen."
TEAM_GETS = ["consultations:case"]
TEAM_POSTS = [
    "consultations:case_assign",
    "consultations:case_status",
    "consultations:case_note",
    "consultations:case_message",
    "consultations:case_meeting",
    "consultations:case_close",
    "consultations:case_risk_start",
    "consultations:case_risk_share",
]
REQUESTER_POSTS = ["consultations:mine_message", "consultations:mine_rating"]


def _user_in_role(make_user: Callable[..., User], org: Org, role: str) -> User:
    unit = org.team_unit if role == Role.CONSULTANT else org.school
    return make_user(role, org_unit=unit)


@pytest.fixture
def noted_case(assigned_case: Consultation, consultant: User) -> Consultation:
    services.note_add(actor=consultant, consultation=assigned_case, body=NOTE)
    return assigned_case


@pytest.mark.django_db
def test_every_role_against_someone_elses_case(
    any_role: str,
    make_user: Callable[..., User],
    org: Org,
    noted_case: Consultation,
    login: Callable[[User], Client],
) -> None:
    client = login(_user_in_role(make_user, org, any_role))
    pk = noted_case.pk
    is_consultant = any_role == Role.CONSULTANT

    for name in TEAM_GETS:
        response = client.get(reverse(name, kwargs={"pk": pk}))
        assert response.status_code == (200 if is_consultant else 403), name
        assert (DESCRIPTION in response.content.decode()) is is_consultant
    for name in TEAM_POSTS:
        response = client.post(reverse(name, kwargs={"pk": pk}), {})
        if is_consultant:
            assert response.status_code in (200, 302), name
        else:
            assert response.status_code == 403, name
    for name in ("consultations:queue", "consultations:export"):
        assert client.get(reverse(name)).status_code == (200 if is_consultant else 403)

    # Someone else's request is never on the requester pages, whatever the role.
    is_professional = any_role == Role.PROFESSIONAL
    response = client.get(reverse("consultations:mine_detail", kwargs={"pk": pk}))
    assert response.status_code == (404 if is_professional else 403)
    for name in REQUESTER_POSTS:
        response = client.post(reverse(name, kwargs={"pk": pk}), {"body": "Hej", "score": "5"})
        assert response.status_code == (404 if is_professional else 403), name
    response = client.get(reverse("consultations:mine"))
    assert response.status_code == (200 if is_professional else 403)
    assert DESCRIPTION not in response.content.decode()
    assert noted_case.messages.count() == 0


@pytest.mark.django_db
def test_the_requester_sees_their_case_but_never_the_internal_notes(
    professional: User, noted_case: Consultation, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    response = client.get(reverse("consultations:mine_detail", kwargs={"pk": noted_case.pk}))
    content = response.content.decode()
    assert response.status_code == 200
    assert DESCRIPTION in content
    assert NOTE not in content
    assert "Kontakt ikke familien" in content
    mine = client.get(reverse("consultations:mine")).content.decode()
    assert f"Henvendelse {noted_case.reference}" in mine
    # The professional role does not open the team's pages, not even for their own case.
    assert (
        client.get(reverse("consultations:case", kwargs={"pk": noted_case.pk})).status_code == 403
    )


@pytest.mark.django_db
def test_a_consultant_outside_the_team_sees_nothing(
    make_user: Callable[..., User],
    org: Org,
    noted_case: Consultation,
    login: Callable[[User], Client],
) -> None:
    outsider = make_user(Role.CONSULTANT, org_unit=org.school)
    unitless = make_user(Role.CONSULTANT)
    for user in (outsider, unitless):
        client = login(user)
        assert (
            client.get(reverse("consultations:case", kwargs={"pk": noted_case.pk})).status_code
            == 404
        )
        response = client.post(
            reverse("consultations:case_note", kwargs={"pk": noted_case.pk}), {"body": "x"}
        )
        assert response.status_code == 404
        queue = client.get(reverse("consultations:queue")).content.decode()
        assert noted_case.reference not in queue
        assert not consultation_list_for_consultant(user=user).exists()
    assert noted_case.internal_notes.count() == 1


@pytest.mark.django_db
def test_selectors_decide_by_role_not_by_relation(
    make_user: Callable[..., User], org: Org, professional: User, noted_case: Consultation
) -> None:
    assert list(consultation_list_for_requester(user=professional)) == [noted_case]
    # The requester loses access with the role; a consultant who is also the requester does not
    # see the request among "mine" without the professional role.
    professional.groups.clear()
    professional = User.objects.get(pk=professional.pk)
    assert not consultation_list_for_requester(user=professional).exists()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_login(noted_case: Consultation, client: Client) -> None:
    for name in ["consultations:request", "consultations:mine", "consultations:queue"]:
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    for name in [*TEAM_GETS, "consultations:mine_detail"]:
        response = client.get(reverse(name, kwargs={"pk": noted_case.pk}))
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_consultants_must_have_verified_their_second_factor(
    consultant: User, noted_case: Consultation, client: Client
) -> None:
    client.force_login(consultant)  # password only
    response = client.get(reverse("consultations:case", kwargs={"pk": noted_case.pk}))
    assert response.status_code == 302
    assert reverse("accounts:two_factor") in response["Location"]


@pytest.mark.django_db
def test_administrators_see_no_case_content_anywhere(
    make_user: Callable[..., User],
    org: Org,
    noted_case: Consultation,
    login: Callable[[User], Client],
) -> None:
    administrator = make_user(Role.ADMINISTRATOR, org_unit=org.team_unit, is_staff=True)
    client = login(administrator)
    assert client.get("/admin/consultations/consultation/").status_code == 404
    assert client.get("/admin/consultations/team/").status_code == 200
    audit_page = client.get(reverse("core:audit_log")).content.decode()
    assert f"Henvendelse {noted_case.reference}" in audit_page
    assert DESCRIPTION not in audit_page
    assert NOTE not in audit_page
    labels = " ".join(AuditEntry.objects.values_list("target_label", flat=True))
    assert DESCRIPTION not in labels


@pytest.mark.django_db
def test_every_open_of_a_case_is_audited(
    consultant: User,
    professional: User,
    noted_case: Consultation,
    login: Callable[[User], Client],
) -> None:
    login(consultant).get(reverse("consultations:case", kwargs={"pk": noted_case.pk}))
    login(professional).get(reverse("consultations:mine_detail", kwargs={"pk": noted_case.pk}))
    opened = AuditEntry.objects.filter(
        action="consultations.consultation.opened", target_id=str(noted_case.pk)
    )
    assert sorted(opened.values_list("actor_id", "details__page")) == sorted(
        [(consultant.pk, "team"), (professional.pk, "requester")]
    )
