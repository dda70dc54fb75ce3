"""The request form: eligibility, validation (CPR guard, teaching, consent), idempotent
submission, the "do not contact the family" flag and the acute guidance from the directory."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import FrozenClock
from tests.consultations.conftest import DESCRIPTION, MONDAY_10, Org, request_data
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.models import Consultation, Status, Team
from tillid.core.calendar import COPENHAGEN
from tillid.core.models import AuditEntry, OutgoingMail
from tillid.core.refusals import NotPermittedError

SATURDAY_22 = datetime(2026, 3, 7, 22, 0, tzinfo=COPENHAGEN)
CPR_TEXT = "Pigen har CPR-nummer 010203-1234 og går i 8. klasse."


def main_of(content: str) -> str:
    return content.split('<main id="main-content"')[1].split("</main>")[0]


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "submission_token": str(uuid.uuid4()),
        "help_types": ["sparring", "raadgivning"],
        "urgency": "uge",
        "scope": "sag",
        "consent": "anonym",
        "age_group": "ung",
        "gender": "pige_kvinde",
        "concerns": ["tvangsaegteskab", "digital_kontrol"],
        "description": DESCRIPTION,
        "contact_channel": "besked",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def at_time(clock: FrozenClock) -> Callable[[datetime], Any]:
    return clock.set


@pytest.fixture
def directory(db: None) -> None:
    from tillid.directory import demo

    demo.load()


@pytest.mark.django_db
def test_a_request_becomes_a_case_in_the_queue(
    professional: User, team: Team, login: Callable[[User], Client], at_time: Any
) -> None:
    at_time(MONDAY_10)
    client = login(professional)
    page = client.get(reverse("consultations:request"))
    assert page.status_code == 200
    assert 'name="submission_token"' in page.content.decode()

    response = client.post(reverse("consultations:request"), form_data(do_not_contact_family="on"))

    case = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("consultations:mine_detail", kwargs={"pk": case.pk})
    assert case.requester == professional
    assert case.team == team
    assert case.requester_administration == professional.org_unit.parent.parent
    assert case.status == Status.NEW
    assert case.help_types == ["sparring", "raadgivning"]
    assert case.concerns == ["tvangsaegteskab", "digital_kontrol"]
    assert case.do_not_contact_family is True
    assert case.description == DESCRIPTION
    assert case.first_response_due == datetime(2026, 3, 4, 16, 0, tzinfo=COPENHAGEN)
    entry = AuditEntry.objects.get(action="consultations.consultation.submitted")
    assert entry.actor == professional
    assert DESCRIPTION not in str(entry.details)
    detail = client.get(response["Location"]).content.decode()
    assert "Kontakt ikke familien" in detail
    assert "onsdag 4. marts kl. 16.00" in detail


@pytest.mark.django_db
def test_the_description_is_encrypted_at_rest(submit: Callable[..., Consultation]) -> None:
    case = submit()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT description FROM consultations_consultation WHERE id = %s", [case.pk]
        )
        (stored,) = cursor.fetchone()
    assert DESCRIPTION not in stored
    assert stored.startswith("gAAAA")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field", ["description", "contact_times", "teaching_group", "teaching_dates", "teaching_venue"]
)
def test_a_cpr_number_is_refused_anywhere_in_the_text(
    professional: User, login: Callable[[User], Client], field: str
) -> None:
    client = login(professional)
    overrides = {
        "help_types": ["sparring", "undervisning"],
        "teaching_group": "Lærerne",
        "teaching_size": "20",
        "teaching_dates": "Efteråret",
        field: CPR_TEXT,
    }
    response = client.post(reverse("consultations:request"), form_data(**overrides))
    content = response.content.decode()
    assert response.status_code == 200
    assert "ligner et CPR-nummer" in content
    assert "1234" not in content.replace(CPR_TEXT, "")  # only in the field the user typed
    assert not Consultation.objects.exists()


def test_the_service_refuses_a_cpr_number_too() -> None:
    with pytest.raises(ValidationError) as refused:
        services.validate_request(request_data(description=CPR_TEXT))
    assert "description" in refused.value.message_dict
    assert "010203" not in str(refused.value)


@pytest.mark.django_db
def test_a_double_submitted_form_makes_one_case(
    professional: User, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    data = form_data()
    first = client.post(reverse("consultations:request"), data)
    second = client.post(reverse("consultations:request"), data, follow=True)

    case = Consultation.objects.get()
    assert first["Location"] == second.redirect_chain[-1][0]
    assert "var allerede sendt" in second.content.decode()
    assert AuditEntry.objects.filter(action="consultations.consultation.submitted").count() == 1
    assert case.requester == professional


@pytest.mark.django_db
def test_a_token_is_never_shared_between_professionals(
    professional: User, other_professional: User
) -> None:
    token = uuid.uuid4()
    services.consultation_submit(actor=professional, token=token, data=request_data())
    with pytest.raises(NotPermittedError):
        services.consultation_submit(actor=other_professional, token=token, data=request_data())
    assert Consultation.objects.count() == 1


@pytest.mark.django_db
def test_a_teaching_request_asks_for_group_size_and_dates_instead(
    professional: User, login: Callable[[User], Client]
) -> None:
    client = login(professional)
    bare = form_data(
        help_types=["undervisning"], scope=None, consent=None, description=None, concerns=None
    )
    response = client.post(reverse("consultations:request"), bare)
    errors = response.context["form"].errors
    assert set(errors) == {"teaching_group", "teaching_size", "teaching_dates"}

    client.post(
        reverse("consultations:request"),
        {
            **bare,
            "teaching_group": "Pædagoger i SFO",
            "teaching_size": "30",
            "teaching_dates": "Januar",
            "age_group": "ung",  # a case question: ignored for pure teaching
        },
    )
    case = Consultation.objects.get()
    assert case.is_teaching_only
    assert (case.teaching_group, case.teaching_size) == ("Pædagoger i SFO", 30)
    assert (case.scope, case.age_group, case.description) == ("", "", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"help_types": None}, "help_types"),
        ({"urgency": None}, "urgency"),
        ({"scope": None}, "scope"),
        ({"consent": None}, "consent"),
        ({"description": ""}, "description"),
        ({"contact_channel": "telefon"}, "contact_phone"),
        ({"contact_channel": "telefon", "contact_phone": "ring mig"}, "contact_phone"),
        ({"urgency": "i_morgen"}, "urgency"),
    ],
)
def test_missing_or_invalid_answers_are_named(
    professional: User, login: Callable[[User], Client], overrides: dict[str, Any], field: str
) -> None:
    response = login(professional).post(reverse("consultations:request"), form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'id="error-summary"' in response.content.decode()
    assert not Consultation.objects.exists()


@pytest.mark.django_db
def test_general_questions_need_no_consent(submit: Callable[..., Consultation]) -> None:
    case = submit(scope="generelt", consent="")
    assert case.consent == ""


@pytest.mark.django_db
def test_professionals_outside_the_eligible_units_are_shown_other_services(
    make_user: Callable[..., User],
    org: Org,
    team: Team,
    directory: None,
    login: Callable[[User], Client],
) -> None:
    for user in (
        make_user(Role.PROFESSIONAL, org_unit=org.outside),
        make_user(Role.PROFESSIONAL),  # no unit at all
    ):
        client = login(user)
        page = client.get(reverse("consultations:request"))
        content = page.content.decode()
        assert page.status_code == 200
        assert "submission_token" not in content
        assert "RED Rådgivning" in content
        assert "70 27 76 86" in content
        assert content.index("RED Rådgivning") < content.index("VISO")
        # The team's own number is for employees only (the site footer names it for everyone).
        assert "26 77 91 98" not in main_of(content)
        response = client.post(reverse("consultations:request"), form_data())
        assert "submission_token" not in response.content.decode()
        with pytest.raises(services.NotEligibleError):
            services.consultation_submit(actor=user, token=uuid.uuid4(), data=request_data())
    assert not Consultation.objects.exists()


@pytest.mark.django_db
def test_without_a_team_the_form_says_so(
    make_user: Callable[..., User], org: Org, login: Callable[[User], Client]
) -> None:
    user = make_user(Role.PROFESSIONAL, org_unit=org.school)
    response = login(user).post(reverse("consultations:request"), form_data())
    assert "Der er ikke oprettet et konsulentteam" in response.content.decode()
    with pytest.raises(services.NoTeamError):
        services.consultation_submit(actor=user, token=uuid.uuid4(), data=request_data())


@pytest.mark.django_db
def test_acute_in_office_hours_shows_the_teams_phone_number(
    professional: User, directory: None, login: Callable[[User], Client], at_time: Any
) -> None:
    at_time(MONDAY_10)
    content = login(professional).get(reverse("consultations:request")).content.decode()
    assert "Etnisk Konsulentteam har åbent nu" in content
    assert 'href="tel:+4526779198"' in content
    assert "ring 112" in content


@pytest.mark.django_db
def test_acute_outside_office_hours_is_saved_flagged_and_shows_the_emergency_services(
    professional: User,
    consultant: User,
    directory: None,
    login: Callable[[User], Client],
    at_time: Any,
) -> None:
    at_time(SATURDAY_22)
    client = login(professional)
    form_page = client.get(reverse("consultations:request")).content.decode()
    assert "Etnisk Konsulentteam har lukket nu" in form_page
    assert "Den Sociale Døgnvagt" in form_page

    response = client.post(reverse("consultations:request"), form_data(urgency="akut"), follow=True)

    content = response.content.decode()
    case = Consultation.objects.get()
    assert case.is_acute
    # Received on Saturday evening: due at the end of Monday, the next working day.
    assert case.first_response_due == datetime(2026, 3, 9, 16, 0, tzinfo=COPENHAGEN)
    assert "Er nogen i akut fare, så ring 112." in content
    assert "Den Sociale Døgnvagt" in content
    assert "gemt og markeret som akut" in content
    assert "26 77 91 98" not in main_of(content)
    # The team's consultants are told by mail that an acute request came in (a link only).
    mails = OutgoingMail.objects.filter(template="consultations/email/acute_request")
    assert sorted(mails.values_list("to", flat=True)) == sorted(
        [consultant.email, case.team.lead.email]
    )


@pytest.mark.django_db
def test_the_guidance_stands_without_the_directory(
    professional: User, login: Callable[[User], Client], at_time: Any
) -> None:
    at_time(SATURDAY_22)
    content = login(professional).get(reverse("consultations:request")).content.decode()
    assert "har lukket nu" in content
    assert "ring 112" in content
    assert "kommunens sociale døgnvagt" in content
