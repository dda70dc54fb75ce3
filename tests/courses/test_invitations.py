"""Course emails on a real SMTP server on loopback, with calendar invitations parsed by icalendar.

Mail goes through the outbox and django-tasks' real ``db_worker`` (see tests/core/test_mail.py);
``django_capture_on_commit_callbacks`` plays the commit that hands each mail to the worker.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from tests.core.test_mail import Inbox, clock_at, run_worker
from tillid.accounts.models import User
from tillid.core.models import OutgoingMail
from tillid.courses import services
from tillid.courses.models import CourseSession, Registration

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """Run a block as if its transaction committed, then let the worker deliver the mail."""

    @contextmanager
    def block() -> Iterator[None]:
        with django_capture_on_commit_callbacks(execute=True):
            yield
        run_worker()

    return block


def invitation(message: EmailMessage) -> Calendar:
    [part] = [
        part for part in message.iter_attachments() if part.get_filename() == "invitation.ics"
    ]
    assert part.get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(part.get_content())
    assert part.get_param("method") == str(calendar["METHOD"])
    return calendar


def body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def link(message: EmailMessage, path: str) -> str:
    match = re.search(rf"http://testserver({re.escape(path)}[^\s]+/)", body(message))
    assert match, body(message)
    return match.group(1)


@pytest.fixture(autouse=True)
def _base_url(settings: Any) -> None:
    settings.TILLID_BASE_URL = "http://testserver"


def test_confirmation_carries_an_invitation_that_updates_and_cancels_in_place(
    inbox: Inbox,
    committed: Callable[[], Any],
    session: CourseSession,
    professional: User,
    course_admin: User,
) -> None:
    with committed():
        services.registration_create_for_user(session_id=session.pk, user=professional)

    [message] = inbox.messages
    assert message["To"] == "sara.nielsen@kk.dk"
    assert message["Subject"] == f"Du er tilmeldt: {session.course.title}"
    assert "Rådhuspladsen 1" in body(message)  # the venue, for someone with a seat
    calendar = invitation(message)
    assert calendar["METHOD"] == "REQUEST"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Copenhagen"
    [event] = calendar.walk("VEVENT")
    uid = str(event["UID"])
    assert event["SEQUENCE"] == 0
    assert event["SUMMARY"] == session.course.title
    start = event.decoded("DTSTART")
    assert start == session.starts_at
    assert start.tzinfo.key == "Europe/Copenhagen"  # type: ignore[union-attr]
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert event.decoded("DTEND") == session.ends_at
    assert str(event["ATTENDEE"]) == "mailto:sara.nielsen@kk.dk"
    assert str(event["ORGANIZER"]) == "mailto:tillid@kk.dk"
    assert "Rådhuspladsen 1" in str(event["LOCATION"])
    assert "RRULE" not in event

    moved = services.SessionData(
        starts_at=session.starts_at + timedelta(days=1),
        ends_at=session.ends_at + timedelta(days=1),
        registration_deadline=session.registration_deadline,
        capacity=session.capacity,
        place=session.place,
        venue=session.venue,
    )
    with committed():
        services.session_update(session_id=session.pk, actor=course_admin, data=moved)
    update = invitation(inbox.messages[1])
    [event] = update.walk("VEVENT")
    assert update["METHOD"] == "REQUEST"
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == moved.starts_at
    assert inbox.messages[1]["Subject"].startswith("Ændret tid eller sted")

    with committed():
        services.session_cancel(session_id=session.pk, actor=course_admin, reason="Sygdom")
    cancel = invitation(inbox.messages[2])
    [event] = cancel.walk("VEVENT")
    assert cancel["METHOD"] == "CANCEL"
    assert str(event["UID"]) == uid
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CANCELLED"
    assert "Sygdom" in body(inbox.messages[2])


def test_the_emailed_cancel_link_frees_the_seat_for_the_first_waiting(
    inbox: Inbox,
    committed: Callable[[], Any],
    make_session: Callable[..., CourseSession],
    make_professional: Callable[[str], User],
    client: Client,
) -> None:
    session = make_session(capacity=1)
    seated, waiting = make_professional("Ada Aa"), make_professional("Bo Bb")
    with committed():
        services.registration_create_for_user(session_id=session.pk, user=seated)
        services.registration_create_for_user(session_id=session.pk, user=waiting)
    confirmation, on_list = inbox.messages
    assert "ventelisten som nr. 1" in body(on_list)
    assert "Mødested" not in body(on_list)  # no venue without a seat
    assert not list(on_list.iter_attachments())
    cancel_path = link(confirmation, "/kurser/tilmelding/afmeld/")

    page = client.get(cancel_path)
    assert page.status_code == 200
    assert "Afmeld mig" in page.content.decode()
    assert Registration.objects.filter(status=Registration.Status.CANCELLED).count() == 0
    with committed():
        response = client.post(cancel_path)
    assert response.status_code == 200
    assert "Du er afmeldt" in response.content.decode()

    by_recipient = {message["To"]: message for message in inbox.messages[2:]}
    withdrawal = invitation(by_recipient["ada.aa@kk.dk"])
    first_uid = str(invitation(confirmation).walk("VEVENT")[0]["UID"])
    [event] = withdrawal.walk("VEVENT")
    assert withdrawal["METHOD"] == "CANCEL"
    assert str(event["UID"]) == first_uid
    assert event["SEQUENCE"] == 1  # above the invitation it withdraws
    promoted = by_recipient["bo.bb@kk.dk"]
    assert promoted["Subject"].startswith("Du har fået en plads")
    assert invitation(promoted)["METHOD"] == "REQUEST"
    assert "Rådhuspladsen 1" in body(promoted)

    again = client.post(cancel_path)
    assert again.status_code == 400
    assert "allerede afmeldt" in again.content.decode()


def test_a_forged_or_expired_cancel_link_changes_nothing(
    session: CourseSession, professional: User, client: Client
) -> None:
    from tillid.courses import tokens

    registration = services.registration_create_for_user(
        session_id=session.pk, user=professional
    ).registration
    token = tokens.cancel_token(registration.public_id)
    forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    response = client.post(f"/kurser/tilmelding/afmeld/{forged}/")
    assert response.status_code == 400
    assert "Linket er ugyldigt" in response.content.decode()

    with clock_at(session.starts_at + timedelta(minutes=1)):
        response = client.post(f"/kurser/tilmelding/afmeld/{token}/")
    assert response.status_code == 400
    assert "udløbet, fordi holdet er begyndt" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_a_session_over_two_days_repeats_daily_in_the_invitation(
    inbox: Inbox,
    committed: Callable[[], Any],
    make_session: Callable[..., CourseSession],
    professional: User,
) -> None:
    start = timezone.localtime() + timedelta(days=20)
    session_start = start.replace(hour=9, minute=0, second=0, microsecond=0)
    session = make_session(
        starts_at=session_start,
        ends_at=session_start + timedelta(days=1, hours=6),
        online_url="https://moede.example/kursus",
        venue="",
    )
    with committed():
        services.registration_create_for_user(session_id=session.pk, user=professional)
    [event] = invitation(inbox.messages[0]).walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    assert event["RRULE"]["COUNT"] == [2]
    assert event.decoded("DTEND") == session_start + timedelta(hours=6)
    assert str(event["LOCATION"]) == "https://moede.example/kursus"
    assert "alle dage" in body(inbox.messages[0])


def test_external_registration_is_confirmed_by_the_emailed_link(
    inbox: Inbox, committed: Callable[[], Any], session: CourseSession, client: Client
) -> None:
    with committed():
        response = client.post(
            f"/kurser/{session.course.slug}/{session.pk}/tilmelding/",
            {"name": "Lise Holm", "email": "lise.holm@kk.dk", "organisation": "Skolen"},
        )
    assert response.status_code == 200
    assert "Se din indbakke" in response.content.decode()
    [request] = inbox.messages
    assert not list(request.iter_attachments())
    confirm_path = link(request, "/kurser/tilmelding/bekraeft/")

    assert client.get(confirm_path).status_code == 200  # a mail scanner's visit changes nothing
    assert Registration.objects.get().status == Registration.Status.PENDING
    with committed():
        response = client.post(confirm_path)
    assert "Du er tilmeldt" in response.content.decode()
    assert invitation(inbox.messages[1])["METHOD"] == "REQUEST"


def test_an_smtp_outage_delays_the_confirmation_but_keeps_the_registration(
    start_smtp: Callable[[], Inbox],
    committed: Callable[[], Any],
    session: CourseSession,
    professional: User,
) -> None:
    with committed():
        placement = services.registration_create_for_user(session_id=session.pk, user=professional)
    mail = OutgoingMail.objects.get()
    assert mail.status == OutgoingMail.Status.QUEUED
    assert mail.attempts == 1
    assert Registration.objects.get().pk == placement.registration.pk

    inbox = start_smtp()
    assert mail.next_attempt_at is not None
    with clock_at(mail.next_attempt_at + timedelta(seconds=1)):
        run_worker()
    [message] = inbox.messages
    assert invitation(message)["METHOD"] == "REQUEST"


def test_reminders_go_out_once_two_days_before(
    inbox: Inbox,
    committed: Callable[[], Any],
    session: CourseSession,
    make_professional: Callable[[str], User],
) -> None:
    ada, bo = make_professional("Ada Aa"), make_professional("Bo Bb")
    with committed():
        services.registration_create_for_user(session_id=session.pk, user=ada)
        services.registration_create_for_user(session_id=session.pk, user=bo)
        registration = Registration.objects.get(user=bo)
        services.registration_cancel(registration_id=registration.pk, actor=bo)
    sent_before = len(inbox.messages)

    three_days_before = session.starts_at - timedelta(days=3)
    with committed(), clock_at(three_days_before):
        call_command("send_course_reminders", stdout=io.StringIO())
    assert len(inbox.messages) == sent_before

    two_days_before = session.starts_at - timedelta(days=2) + timedelta(minutes=5)
    for _run in range(2):  # the second run finds nothing left to send
        with committed(), clock_at(two_days_before):
            call_command("send_course_reminders", stdout=io.StringIO())
    reminders = [m for m in inbox.messages if m["Subject"].startswith("Påmindelse")]
    assert [message["To"] for message in reminders] == ["ada.aa@kk.dk"]
    assert "Rådhuspladsen 1" in body(reminders[0])
    assert "/kurser/tilmelding/afmeld/" in body(reminders[0])


def test_the_reminder_task_is_queued_for_when_the_reminder_falls_due(
    committed: Callable[[], Any], session: CourseSession, course_admin: User
) -> None:
    from django_tasks_db.models import DBTaskResult

    data = services.SessionData(
        starts_at=session.starts_at + timedelta(days=7),
        ends_at=session.ends_at + timedelta(days=7),
        registration_deadline=session.registration_deadline,
        capacity=session.capacity,
        place=session.place,
    )
    with committed():
        created = services.session_create(
            course_id=session.course_id, actor=course_admin, data=data
        )
    [task] = DBTaskResult.objects.filter(task_path__endswith="send_session_reminders")
    assert task.args_kwargs == {"args": [created.pk], "kwargs": {}}
    assert task.run_after == created.starts_at - timedelta(days=2)


def test_a_message_reaches_everyone_with_a_seat(
    inbox: Inbox,
    committed: Callable[[], Any],
    make_session: Callable[..., CourseSession],
    make_professional: Callable[[str], User],
    course_admin: User,
) -> None:
    session = make_session(capacity=1)
    with committed():
        for name in ("Ada Aa", "Bo Bb"):
            services.registration_create_for_user(
                session_id=session.pk, user=make_professional(name)
            )
    with committed():
        count = services.session_message(
            session_id=session.pk,
            actor=course_admin,
            subject="Husk madpakke",
            body="Kantinen har lukket.",
        )
    assert count == 1
    message = inbox.messages[-1]
    assert message["To"] == "ada.aa@kk.dk"
    assert message["Subject"] == f"{session.course.title}: Husk madpakke"
    assert "Kantinen har lukket." in body(message)
