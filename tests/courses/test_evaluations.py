"""Anonymous evaluations: single-use links, no way back to the person, results only in groups."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tillid.accounts.models import User
from tillid.core.models import AuditEntry, OutgoingMail
from tillid.courses import selectors, services
from tillid.courses.models import (
    CourseSession,
    EvaluationInvitation,
    EvaluationResponse,
    Registration,
)
from tillid.courses.services import CourseActionRefusedError

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended_session(
    make_session: Callable[..., CourseSession], make_professional: Callable[[str], User]
) -> CourseSession:
    session = make_session(capacity=5)
    for index, name in enumerate(("Ada Aa", "Bo Bb", "Cy Cc", "Di Dd")):
        Registration.objects.create(
            session=session,
            user=make_professional(name),
            name=name,
            email=f"{name.lower().replace(' ', '.')}@kk.dk",
            status=Registration.Status.ATTENDED if index < 3 else Registration.Status.NO_SHOW,
            arrival_number=index + 1,
        )
    CourseSession.objects.filter(pk=session.pk).update(seats_taken=4, arrivals=4)
    return session


def tokens_from_outbox() -> list[str]:
    mails = OutgoingMail.objects.filter(template="courses/email/evaluation_invitation")
    return [re.search(r"/kurser/evaluering/([^/\s]+)/", mail.body_text).group(1) for mail in mails]  # type: ignore[union-attr]


def test_attendees_are_invited_once_after_the_session_ends(
    ended_session: CourseSession, course_admin: User
) -> None:
    with pytest.raises(CourseActionRefusedError, match="når holdet er slut"):
        services.evaluation_invite_attendees(session_id=ended_session.pk, actor=course_admin)

    after = ended_session.ends_at + timedelta(hours=1)
    invited = services.evaluation_invite_attendees(
        session_id=ended_session.pk, actor=course_admin, now=after
    )
    again = services.evaluation_invite_attendees(
        session_id=ended_session.pk, actor=course_admin, now=after
    )

    assert (invited, again) == (3, 0)
    assert EvaluationInvitation.objects.count() == 3
    assert len(tokens_from_outbox()) == 3
    stored = set(EvaluationInvitation.objects.values_list("token_hash", flat=True))
    assert not stored & set(tokens_from_outbox())  # only hashes are stored
    assert AuditEntry.objects.get(action="courses.evaluation.invited").details["invited"] == 3


def test_the_command_invites_attendees_of_recently_ended_sessions(
    ended_session: CourseSession,
) -> None:
    from tests.core.test_mail import clock_at

    with clock_at(ended_session.ends_at + timedelta(hours=2)):
        call_command("send_course_reminders", stdout=io.StringIO())
        call_command("send_course_reminders", stdout=io.StringIO())
    assert len(tokens_from_outbox()) == 3


def test_an_answer_uses_up_its_link_and_holds_nothing_personal(
    ended_session: CourseSession, course_admin: User, client: Client
) -> None:
    after = ended_session.ends_at + timedelta(hours=1)
    services.evaluation_invite_attendees(session_id=ended_session.pk, actor=course_admin, now=after)
    token = tokens_from_outbox()[0]
    url = reverse("courses:evaluate", kwargs={"token": token})

    assert "Hvordan var kurset samlet set?" in client.get(url).content.decode()
    response = client.post(url, {"rating": "4", "comment": "Godt kursus"})
    assert "Tak for din evaluering" in response.content.decode()
    again = client.post(url, {"rating": "1", "comment": "Igen"})
    assert again.status_code == 400
    assert "allerede besvaret" in again.content.decode()

    [answer] = EvaluationResponse.objects.all()
    assert (answer.rating, answer.comment) == (4, "Godt kursus")
    assert EvaluationInvitation.objects.count() == 2
    # Structure: an answer points to its session and nothing else, and carries no time of day.
    relations = {field.name for field in EvaluationResponse._meta.get_fields() if field.is_relation}
    assert relations == {"session"}
    invitation_fields = {field.name for field in EvaluationInvitation._meta.get_fields()}
    assert invitation_fields == {"id", "session", "token_hash"}
    assert not AuditEntry.objects.filter(action__startswith="courses.evaluation.answer").exists()


def test_a_cpr_number_or_a_bad_rating_is_refused(
    ended_session: CourseSession, course_admin: User
) -> None:
    services.evaluation_invite_attendees(
        session_id=ended_session.pk,
        actor=course_admin,
        now=ended_session.ends_at + timedelta(hours=1),
    )
    token = tokens_from_outbox()[0]
    with pytest.raises(CourseActionRefusedError, match="CPR"):
        services.evaluation_submit(token=token, rating=3, comment="Jeg er 010203-1234")
    with pytest.raises(CourseActionRefusedError, match="1 til 5"):
        services.evaluation_submit(token=token, rating=6)
    assert EvaluationInvitation.objects.count() == 3


def test_results_show_only_from_three_answers(
    ended_session: CourseSession, course_admin: User
) -> None:
    services.evaluation_invite_attendees(
        session_id=ended_session.pk,
        actor=course_admin,
        now=ended_session.ends_at + timedelta(hours=1),
    )
    tokens = tokens_from_outbox()
    services.evaluation_submit(token=tokens[0], rating=5, comment="Fint")
    services.evaluation_submit(token=tokens[1], rating=3)
    hidden = selectors.evaluation_summary(session=ended_session)
    assert hidden.shown is False
    assert hidden.answers == 2
    assert hidden.comments == ()

    services.evaluation_submit(token=tokens[2], rating=4, comment="Lærerigt")
    summary = selectors.evaluation_summary(session=ended_session)
    assert summary.shown is True
    assert summary.average == 4.0
    assert dict(summary.distribution) == {5: 1, 4: 1, 3: 1, 2: 0, 1: 0}
    assert sorted(summary.comments) == ["Fint", "Lærerigt"]


def test_an_unknown_link_is_refused(client: Client) -> None:
    response = client.get(reverse("courses:evaluate", kwargs={"token": "ukendt"}))
    assert response.status_code == 400
    assert "Linket er ugyldigt" in response.content.decode()
