"""The consultants' work on a case: assignment (also two at once), status, notes, messages,
meetings, closing and the anonymous rating; and that nothing typed is lost on a refusal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.consultations.conftest import Org
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.models import Consultation, Message, Rating, Status
from tillid.core.calendar import COPENHAGEN
from tillid.core.models import AuditEntry, OutgoingMail
from tillid.core.refusals import NotPermittedError


def case_url(name: str, case: Consultation) -> str:
    return reverse(f"consultations:{name}", kwargs={"pk": case.pk})


@pytest.mark.django_db
def test_a_consultant_takes_a_case(
    case: Consultation, consultant: User, login: Callable[[User], Client]
) -> None:
    client = login(consultant)
    response = client.post(
        case_url("case_assign", case), {"assignee": consultant.pk, "expected_assignee": ""}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.assigned_to, case.status) == (consultant, Status.ASSIGNED)
    assert case.first_response_at is None  # internal: not a response to the professional
    assert AuditEntry.objects.filter(action="consultations.consultation.assigned").count() == 1
    assert not OutgoingMail.objects.filter(template="consultations/email/assigned").exists()


@pytest.mark.django_db
def test_assigning_a_colleague_tells_them_by_mail(
    case: Consultation, consultant: User, colleague: User
) -> None:
    services.consultation_assign(
        actor=consultant, consultation=case, assignee=colleague, expected_assignee_id=None
    )
    [mail] = OutgoingMail.objects.filter(template="consultations/email/assigned")
    assert mail.to == colleague.email
    assert f"/konsulent/sager/{case.pk}/" in mail.body_text


@pytest.mark.django_db
def test_two_consultants_assign_at_once_one_wins_the_other_is_told(
    case: Consultation, consultant: User, colleague: User, login: Callable[[User], Client]
) -> None:
    # Both opened the case while it was unassigned (expected_assignee is empty on both pages).
    login(consultant).post(
        case_url("case_assign", case), {"assignee": consultant.pk, "expected_assignee": ""}
    )
    response = login(colleague).post(
        case_url("case_assign", case),
        {"assignee": colleague.pk, "expected_assignee": ""},
        follow=True,
    )
    content = response.content.decode()
    assert "En kollega har netop tildelt sagen til Karl Konsulent" in content
    assert "Din tildeling er ikke gemt" in content
    case.refresh_from_db()
    assert case.assigned_to == consultant
    assert AuditEntry.objects.filter(action="consultations.consultation.assigned").count() == 1

    # With the fresh page (expected = Karl) the colleague may take it over deliberately.
    login(colleague).post(
        case_url("case_assign", case),
        {"assignee": colleague.pk, "expected_assignee": consultant.pk},
    )
    case.refresh_from_db()
    assert case.assigned_to == colleague


@pytest.mark.django_db
def test_the_service_refuses_a_stale_assignment(
    case: Consultation, consultant: User, colleague: User
) -> None:
    services.consultation_assign(
        actor=consultant, consultation=case, assignee=consultant, expected_assignee_id=None
    )
    with pytest.raises(services.AssignmentConflictError) as conflict:
        services.consultation_assign(
            actor=colleague, consultation=case, assignee=colleague, expected_assignee_id=None
        )
    assert "Karl Konsulent" in conflict.value.messages[0]


@pytest.mark.django_db
def test_a_case_can_only_go_to_a_consultant_of_the_team(
    case: Consultation,
    consultant: User,
    professional: User,
    make_user: Callable[..., User],
    org: Org,
    login: Callable[[User], Client],
) -> None:
    outsider = make_user(Role.CONSULTANT, org_unit=org.school)
    intake = make_user(Role.INTAKE_WORKER, org_unit=org.team_unit)
    for user in (professional, outsider, intake):
        with pytest.raises(services.NotATeamConsultantError):
            services.consultation_assign(
                actor=consultant, consultation=case, assignee=user, expected_assignee_id=None
            )
        response = login(consultant).post(
            case_url("case_assign", case), {"assignee": user.pk, "expected_assignee": ""}
        )
        assert response.status_code == 200
        assert "Sagen kan kun tildeles en konsulent i teamet" in response.content.decode()
    case.refresh_from_db()
    assert case.assigned_to is None
    assert case.status == Status.NEW


@pytest.mark.django_db
def test_status_needs_an_assignee_and_waiting_tells_the_professional(
    case: Consultation, consultant: User, professional: User
) -> None:
    with pytest.raises(services.NotAssignedError):
        services.consultation_set_status(
            actor=consultant, consultation=case, status=Status.IN_PROGRESS
        )
    services.consultation_assign(
        actor=consultant, consultation=case, assignee=consultant, expected_assignee_id=None
    )
    services.consultation_set_status(actor=consultant, consultation=case, status=Status.WAITING)
    case.refresh_from_db()
    assert case.status == Status.WAITING
    assert case.first_response_at is not None
    [mail] = OutgoingMail.objects.filter(template="consultations/email/waiting")
    assert mail.to == professional.email

    # The professional's answer puts the case back "in progress".
    services.message_from_requester(actor=professional, consultation=case, body="Her er svaret.")
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    with pytest.raises(ValidationError):
        services.consultation_set_status(actor=consultant, consultation=case, status=Status.CLOSED)


@pytest.mark.django_db
def test_notes_are_encrypted_and_audited_without_content(
    assigned_case: Consultation, consultant: User
) -> None:
    services.note_add(actor=consultant, consultation=assigned_case, body="Ring til skolelederen.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM consultations_internalnote")
        (stored,) = cursor.fetchone()
    assert "skolelederen" not in stored
    entry = AuditEntry.objects.get(action="consultations.note.added")
    assert "skolelederen" not in str(entry.details)


@pytest.mark.django_db
def test_messages_go_both_ways_and_are_marked_read(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    login: Callable[[User], Client],
) -> None:
    client = login(consultant)
    client.post(case_url("case_message", assigned_case), {"body": "Kan du ringe i dag kl. 14?"})
    assigned_case.refresh_from_db()
    assert assigned_case.first_response_at is not None

    client = login(professional)
    mine = client.get(reverse("consultations:mine")).content.decode()
    assert "1 ny besked" in mine
    detail = client.get(case_url("mine_detail", assigned_case)).content.decode()
    assert "Kan du ringe i dag kl. 14?" in detail
    assert Message.objects.get().read_at is not None
    assert "1 ny besked" not in client.get(reverse("consultations:mine")).content.decode()

    client.post(case_url("mine_message", assigned_case), {"body": "Ja, det passer fint."})
    [to_team] = OutgoingMail.objects.filter(
        template="consultations/email/new_message", to=consultant.email
    )
    assert f"/konsulent/sager/{assigned_case.pk}/" in to_team.body_text
    assert "passer fint" not in to_team.body_text


@pytest.mark.django_db
def test_a_message_to_a_closed_case_is_refused_and_the_text_kept(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    login: Callable[[User], Client],
) -> None:
    services.consultation_close(
        actor=consultant,
        consultation=assigned_case,
        outcome=services.OutcomeData(help_types=["sparring"], time_spent_minutes=45),
    )
    text = "Jeg har en ny oplysning om eleven."
    response = login(professional).post(case_url("mine_message", assigned_case), {"body": text})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Sagen er afsluttet" in content
    assert text in content  # still in the form, nothing lost
    response = login(consultant).post(case_url("case_message", assigned_case), {"body": text})
    assert "Sagen er afsluttet" in response.content.decode()
    assert text in response.content.decode()
    assert not Message.objects.exists()
    with pytest.raises(services.ConsultationClosedError):
        services.message_from_requester(actor=professional, consultation=assigned_case, body=text)


@pytest.mark.django_db
def test_meetings_need_a_place_or_an_https_link(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    login: Callable[[User], Client],
) -> None:
    client = login(consultant)
    base = {"date": "2026-03-10", "time": "13:30", "duration_minutes": "45"}
    response = client.post(case_url("case_meeting", assigned_case), base)
    assert "Skriv et sted eller et link" in response.content.decode()
    response = client.post(
        case_url("case_meeting", assigned_case), {**base, "video_link": "http://møde.example"}
    )
    assert "https://" in response.content.decode()
    client.post(
        case_url("case_meeting", assigned_case),
        {**base, "video_link": "https://meet.kk.example/abc"},
    )
    meeting = assigned_case.meetings.get()
    assert meeting.starts_at == datetime(2026, 3, 10, 13, 30, tzinfo=COPENHAGEN)
    detail = login(professional).get(case_url("mine_detail", assigned_case)).content.decode()
    assert "tirsdag 10. marts 2026 kl. 13.30" in detail
    assert "https://meet.kk.example/abc" in detail
    [mail] = OutgoingMail.objects.filter(template="consultations/email/meeting")
    assert "meet.kk.example" not in mail.body_text


@pytest.mark.django_db
def test_closing_records_the_outcome_and_the_rating_is_anonymous_and_once(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    login: Callable[[User], Client],
) -> None:
    with pytest.raises(ValidationError):
        services.rating_give(actor=professional, consultation=assigned_case, score=5)
    outcome = {
        "help_types": ["sparring", "risikovurdering"],
        "time_spent_minutes": "90",
        "escalations": ["underretning"],
        "note": "Underretning sendt af skolen.",
    }
    question = login(consultant).post(case_url("case_close", assigned_case), outcome)
    assert question.status_code == 200  # asked first; nothing is closed yet
    assert "Ja, afslut sagen" in question.content.decode()
    assigned_case.refresh_from_db()
    assert assigned_case.status != Status.CLOSED
    response = login(consultant).post(
        case_url("case_close", assigned_case), {**outcome, "bekraeftet": "1"}
    )
    assert response.status_code == 302
    assigned_case.refresh_from_db()
    assert assigned_case.status == Status.CLOSED
    assert assigned_case.outcome_help_types == ["sparring", "risikovurdering"]
    assert (assigned_case.time_spent_minutes, assigned_case.escalations) == (90, ["underretning"])
    assert OutgoingMail.objects.filter(
        template="consultations/email/closed", to=professional.email
    ).exists()

    client = login(professional)
    page = client.get(case_url("mine_detail", assigned_case)).content.decode()
    assert "Hvordan gik det?" in page
    client.post(case_url("mine_rating", assigned_case), {"score": "4", "comment": "God hjælp"})
    again = client.post(case_url("mine_rating", assigned_case), {"score": "1"})
    assert "allerede vurderet" in again.content.decode()
    rating = Rating.objects.get()
    assert (rating.score, rating.comment, rating.month.day) == (4, "God hjælp", 1)
    field_names = {field.name for field in Rating._meta.get_fields()}
    assert field_names == {"id", "team", "month", "score", "comment"}


@pytest.mark.django_db
def test_a_closed_case_can_be_reopened(assigned_case: Consultation, consultant: User) -> None:
    services.consultation_close(
        actor=consultant,
        consultation=assigned_case,
        outcome=services.OutcomeData(help_types=["raadgivning"], time_spent_minutes=10),
    )
    services.consultation_set_status(
        actor=consultant, consultation=assigned_case, status=Status.IN_PROGRESS
    )
    assigned_case.refresh_from_db()
    assert (assigned_case.status, assigned_case.closed_at) == (Status.IN_PROGRESS, None)


@pytest.mark.django_db
def test_services_refuse_people_who_may_not_work_on_the_case(
    case: Consultation, professional: User, make_user: Callable[..., User], org: Org
) -> None:
    outsider = make_user(Role.CONSULTANT, org_unit=org.school)
    for actor in (professional, outsider):
        with pytest.raises(NotPermittedError):
            services.note_add(actor=actor, consultation=case, body="x")
    with pytest.raises(NotPermittedError):
        services.message_from_requester(actor=outsider, consultation=case, body="x")


@pytest.mark.django_db
def test_the_flag_is_on_every_screen_of_the_case(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    login: Callable[[User], Client],
) -> None:
    assert assigned_case.do_not_contact_family
    client = login(consultant)
    pages = [
        client.get(reverse("consultations:queue")),
        client.get(case_url("case", assigned_case)),
        client.post(case_url("case_note", assigned_case), {"body": ""}),  # an error re-render
    ]
    client = login(professional)
    pages += [
        client.get(reverse("consultations:mine")),
        client.get(case_url("mine_detail", assigned_case)),
        client.post(case_url("mine_message", assigned_case), {"body": ""}),
    ]
    for response in pages:
        assert "Kontakt ikke familien" in response.content.decode(), response.request["PATH_INFO"]


@pytest.mark.django_db
def test_closing_warns_about_a_meeting_that_lies_ahead(
    assigned_case: Consultation, consultant: User, login: Callable[[User], Client]
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from tillid.consultations.models import Meeting

    Meeting.objects.create(
        consultation=assigned_case,
        starts_at=timezone.now() + timedelta(days=2),
        duration_minutes=60,
        created_by=consultant,
    )
    question = (
        login(consultant)
        .post(
            case_url("case_close", assigned_case),
            {"help_types": ["sparring"], "time_spent_minutes": "30"},
        )
        .content.decode()
    )
    assert "Der er planlagt et møde" in question
    assigned_case.refresh_from_db()
    assert assigned_case.status != Status.CLOSED
