"""A risk assessment started from a case: the risk app's draft, linked to the case, readable by
the case's consultants (the reader rule) and by the requester only once a finalised one is
shared; nobody else reads it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tests.consultations.conftest import Org
from tests.risk.conftest import finish
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.models import Consultation
from tillid.core.models import AuditEntry
from tillid.core.refusals import NotPermittedError
from tillid.risk import services as risk_services
from tillid.risk.models import Assessment
from tillid.risk.selectors import assessment_list_for_user, subject_for_context


@pytest.fixture
def instrument(db: None) -> None:
    risk_services.instruments_load()


def detail_status(client: Client, assessment: Assessment) -> int:
    return client.get(reverse("risk:detail", kwargs={"pk": assessment.pk})).status_code


@pytest.mark.django_db
@pytest.mark.usefixtures("instrument")
def test_a_consultant_starts_an_assessment_from_the_case_and_the_team_reads_it(
    assigned_case: Consultation,
    consultant: User,
    colleague: User,
    professional: User,
    make_user: Callable[..., User],
    org: Org,
    login: Callable[[User], Client],
) -> None:
    response = login(consultant).post(
        reverse("consultations:case_risk_start", kwargs={"pk": assigned_case.pk}),
        {"age_group": "ung"},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "risk:step", kwargs={"pk": assessment.pk, "step": "person"}
    )
    assert assessment.subject == subject_for_context(context=assigned_case)
    assert assessment.created_by == consultant
    assert AuditEntry.objects.filter(
        action="consultations.consultation.risk_assessment_started", target_id=str(assigned_case.pk)
    ).exists()

    # The colleague on the team reads it (not edits it); the case page lists it.
    client = login(colleague)
    assert detail_status(client, assessment) == 200
    page = client.get(reverse("consultations:case", kwargs={"pk": assigned_case.pk}))
    assert reverse("risk:detail", kwargs={"pk": assessment.pk}) in page.content.decode()
    assert (
        client.get(reverse("risk:step", kwargs={"pk": assessment.pk, "step": "person"})).status_code
        == 404
    )

    outsider = make_user(Role.CONSULTANT, org_unit=org.school)
    administrator = make_user(Role.ADMINISTRATOR, org_unit=org.team_unit)
    assert detail_status(login(outsider), assessment) == 404
    assert detail_status(login(administrator), assessment) == 403
    assert detail_status(login(professional), assessment) == 404  # a draft, and not shared


@pytest.mark.django_db
@pytest.mark.usefixtures("instrument")
def test_a_finalised_assessment_is_shared_with_the_requester(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    other_professional: User,
    login: Callable[[User], Client],
) -> None:
    draft = services.risk_assessment_start(
        actor=consultant, consultation=assigned_case, age_group="ung"
    )
    final = finish(consultant, subject=draft.subject)
    assert not assessment_list_for_user(user=professional).exists()

    client = login(consultant)
    page = client.get(reverse("consultations:case", kwargs={"pk": assigned_case.pk}))
    assert "Del den afsluttede risikovurdering med fagpersonen" in page.content.decode()
    client.post(
        reverse("consultations:case_risk_share", kwargs={"pk": assigned_case.pk}),
        {"shared": "on"},
    )

    client = login(professional)
    assert detail_status(client, final) == 200
    assert detail_status(client, draft) == 404  # drafts are never shared
    mine = client.get(reverse("consultations:mine_detail", kwargs={"pk": assigned_case.pk}))
    assert reverse("risk:detail", kwargs={"pk": final.pk}) in mine.content.decode()
    assert detail_status(login(other_professional), final) == 404

    services.risk_share_set(actor=consultant, consultation=assigned_case, shared=False)
    assert detail_status(login(professional), final) == 404
    assert list(
        AuditEntry.objects.filter(action__startswith="consultations.consultation.risk_")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "consultations.consultation.risk_assessment_started",
        "consultations.consultation.risk_shared",
        "consultations.consultation.risk_unshared",
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("instrument")
def test_a_share_is_read_only_for_that_assessment_and_ends_with_the_share(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    login: Callable[[User], Client],
) -> None:
    """Issue 17: the requester of a shared assessment could start a draft on the case's subject
    and kept access after the share ended."""
    draft = services.risk_assessment_start(
        actor=consultant, consultation=assigned_case, age_group="ung"
    )
    shared = finish(consultant, subject=draft.subject)
    services.risk_share_set(actor=consultant, consultation=assigned_case, shared=True)
    client = login(professional)
    history_url = reverse("risk:history", kwargs={"pk": shared.subject_id})
    page = client.get(reverse("risk:detail", kwargs={"pk": shared.pk})).content.decode()
    assert "Lav en ny vurdering af samme person" not in page  # no button to a forbidden write
    assert "Lav en ny vurdering af personen" not in client.get(history_url).content.decode()

    # Reading gives no right to write: no reassessment by URL or by service.
    response = client.post(
        reverse("risk:reassess", kwargs={"pk": shared.subject_id}), {"age_group": "ung"}
    )
    assert response.status_code == 404
    with pytest.raises(NotPermittedError):
        risk_services.assessment_start(actor=professional, subject=shared.subject, age_group="ung")
    with pytest.raises(NotPermittedError):  # nor passing it on
        risk_services.assessment_share(actor=professional, assessment=shared, reader=professional)
    assert not Assessment.objects.filter(created_by=professional).exists()

    # That assessment only: a later one of the same person is not shared with it.
    later = finish(consultant, subject=draft.subject)
    assert detail_status(client, later) == 404
    assert (
        reverse("risk:detail", kwargs={"pk": later.pk})
        not in client.get(history_url).content.decode()
    )

    # The share ends: so does every read.
    services.risk_share_set(actor=consultant, consultation=assigned_case, shared=False)
    assert detail_status(client, shared) == 404
    assert client.get(history_url).status_code == 404
    assert client.get(reverse("risk:pdf", kwargs={"pk": shared.pk})).status_code == 404
    assert not assessment_list_for_user(user=professional).exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="risk.assessment.share")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["risk.assessment.shared", "risk.assessment.share_ended"]


@pytest.mark.django_db
@pytest.mark.usefixtures("instrument")
def test_anonymising_a_case_ends_its_shares(
    assigned_case: Consultation, consultant: User, professional: User
) -> None:
    draft = services.risk_assessment_start(
        actor=consultant, consultation=assigned_case, age_group="ung"
    )
    shared = finish(consultant, subject=draft.subject)
    services.risk_share_set(actor=consultant, consultation=assigned_case, shared=True)
    assert assessment_list_for_user(user=professional).get() == shared
    closed = services.consultation_close(
        actor=consultant,
        consultation=assigned_case,
        outcome=services.OutcomeData(help_types=["sparring"], time_spent_minutes=45),
    )
    assert services.consultations_anonymise(now=closed.closed_at + timedelta(days=800)) == [
        assigned_case.pk
    ]
    assert not assessment_list_for_user(user=professional).exists()
    assert assessment_list_for_user(user=consultant).filter(pk=shared.pk).exists()


@pytest.mark.django_db
def test_without_an_instrument_the_consultant_is_told(
    assigned_case: Consultation, consultant: User, login: Callable[[User], Client]
) -> None:
    response = login(consultant).post(
        reverse("consultations:case_risk_start", kwargs={"pk": assigned_case.pk}),
        {"age_group": "ung"},
    )
    assert response.status_code == 200
    assert "Der er ikke indlæst noget risikovurderingsinstrument" in response.content.decode()
    assert not Assessment.objects.exists()
