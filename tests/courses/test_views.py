"""The pages: who may open them, what they show, how many queries they cost."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar
from openpyxl import load_workbook

from tests.courses.factories import CourseFactory, CourseSessionFactory, in_days
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.courses import services
from tillid.courses.models import Course, CourseSession, Registration

pytestmark = pytest.mark.django_db


def html(response: Any) -> str:
    return str(response.content.decode())


class TestCalendar:
    def test_lists_upcoming_sessions_with_seats_left_in_constant_queries(
        self, client: Client, django_assert_max_num_queries: Any
    ) -> None:
        course = CourseFactory(title="Samtalen med unge", kind=Course.Kind.WORKSHOP)
        CourseSessionFactory(course=course, capacity=3)
        full = CourseSessionFactory(course=course, capacity=1, starts_at=in_days(20))
        CourseSession.objects.filter(pk=full.pk).update(seats_taken=1)
        CourseSessionFactory(course=course, starts_at=in_days(-3))  # past: not listed
        CourseSessionFactory(course=CourseFactory(is_published=False))  # hidden course
        with django_assert_max_num_queries(8):
            response = client.get("/kurser/")
        page = html(response)
        assert page.count("Samtalen med unge") == 2
        assert "3 ledige pladser" in page
        assert "Venteliste" in page
        assert "Rådhuspladsen" not in page  # the venue is for participants only

        for index in range(10):
            CourseSessionFactory(starts_at=in_days(30 + index))
        with django_assert_max_num_queries(8):
            assert client.get("/kurser/").status_code == 200

    def test_filters_by_type_topic_month_and_free_seats(self, client: Client) -> None:
        from tillid.taxonomy.models import Topic

        topic, _created = Topic.objects.get_or_create(
            slug="tvangsaegteskab", defaults={"name": "Tvangsægteskab"}
        )
        workshop = CourseFactory(title="Værkstedet", kind=Course.Kind.WORKSHOP)
        workshop.topics.add(topic)
        theme_day = CourseFactory(title="Temadagen", kind=Course.Kind.THEME_DAY)
        CourseSessionFactory(course=workshop, starts_at=in_days(5))
        full = CourseSessionFactory(course=theme_day, capacity=1, starts_at=in_days(40))
        CourseSession.objects.filter(pk=full.pk).update(seats_taken=1)

        assert "Temadagen" not in html(client.get("/kurser/?type=workshop"))
        only_topic = html(client.get("/kurser/?emne=tvangsaegteskab"))
        assert "Værkstedet" in only_topic
        assert "Temadagen" not in only_topic
        free = html(client.get("/kurser/?ledige=on"))
        assert "Værkstedet" in free
        assert "Temadagen" not in free
        # 35 days apart, so always in different months.
        month = html(client.get(f"/kurser/?maaned={in_days(40).strftime('%Y-%m')}"))
        assert "Temadagen" in month
        assert "Værkstedet" not in month
        # Nonsense in the query string is ignored, not an error.
        assert client.get("/kurser/?maaned=2026-99&type=x&emne=<b>").status_code == 200

    def test_the_feed_is_icalendar_with_the_public_place_only(
        self, client: Client, session: CourseSession
    ) -> None:
        CourseSession.objects.filter(pk=session.pk).update(sequence=3)
        response = client.get("/kurser/kalender.ics")
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = Calendar.from_ical(response.content)
        assert calendar["METHOD"] == "PUBLISH"
        [event] = calendar.walk("VEVENT")
        assert str(event["UID"]) == f"session-{session.uid}@tillid.kurser"
        assert event["SEQUENCE"] == 3
        assert str(event["LOCATION"]) == "København V"
        assert b"R\xc3\xa5dhuspladsen" not in response.content
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Copenhagen"


class TestCoursePage:
    def test_shows_sessions_and_the_venue_only_to_a_participant_with_a_seat(
        self,
        client: Client,
        login: Callable[[User], Client],
        session: CourseSession,
        professional: User,
        django_assert_max_num_queries: Any,
    ) -> None:
        url = f"/kurser/{session.course.slug}/"
        with django_assert_max_num_queries(6):
            page = html(client.get(url))
        assert "2 ledige pladser" in page
        assert "Tilmeld dig" in page
        assert "Rådhuspladsen" not in page

        services.registration_create_for_user(session_id=session.pk, user=professional)
        login(professional)
        with django_assert_max_num_queries(12):
            page = html(client.get(url))
        assert "Du er tilmeldt dette hold." in page
        assert "Rådhuspladsen 1" in page

    def test_unknown_or_hidden_course_is_404(self, client: Client) -> None:
        hidden = CourseFactory(is_published=False)
        assert client.get("/kurser/findes-ikke/").status_code == 404
        assert client.get(f"/kurser/{hidden.slug}/").status_code == 404


class TestRegistrationPages:
    def test_a_professional_registers_in_one_step_and_lands_on_my_courses(
        self,
        client: Client,
        login: Callable[[User], Client],
        session: CourseSession,
        professional: User,
    ) -> None:
        login(professional)
        url = f"/kurser/{session.course.slug}/{session.pk}/tilmelding/"
        form = html(client.get(url))
        assert "Du tilmelder dig som Sara Nielsen" in form
        response = client.post(url, {"needs": "Vegetar"}, follow=True)
        assert response.redirect_chain[-1][0] == "/kurser/mine/"
        page = html(response)
        assert "Du er tilmeldt." in page
        assert "Rådhuspladsen 1" in page
        registration = Registration.objects.get()
        assert registration.needs == "Vegetar"

        again = html(client.post(url, {"needs": ""}))
        assert "Du er allerede tilmeldt dette hold." in again
        assert Registration.objects.count() == 1

    def test_a_full_session_puts_the_professional_on_the_waiting_list(
        self,
        client: Client,
        login: Callable[[User], Client],
        make_session: Callable[..., CourseSession],
        make_professional: Callable[[str], User],
        professional: User,
    ) -> None:
        session = make_session(capacity=1)
        services.registration_create_for_user(
            session_id=session.pk, user=make_professional("Ada Aa")
        )
        login(professional)
        url = f"/kurser/{session.course.slug}/{session.pk}/tilmelding/"
        assert "Skriv mig på ventelisten" in html(client.get(url))
        page = html(client.post(url, {}, follow=True))
        assert "ventelisten som nr. 1" in page
        assert "På venteliste som nr. 1" in page
        assert "Rådhuspladsen" not in page

    def test_outsiders_are_refused_on_a_staff_only_course_with_a_clear_message(
        self, client: Client, session: CourseSession
    ) -> None:
        url = f"/kurser/{session.course.slug}/{session.pk}/tilmelding/"
        page = html(
            client.post(url, {"name": "Ole", "email": "ole@firma.dk", "organisation": "Firmaet"})
        )
        assert "Kurset er kun for ansatte i Københavns Kommune" in page
        assert not Registration.objects.exists()

    def test_after_the_deadline_the_form_says_so(
        self, client: Client, make_session: Callable[..., CourseSession]
    ) -> None:
        starts = in_days(1)
        session = make_session(starts_at=starts, registration_deadline=starts - timedelta(days=2))
        page = html(client.get(f"/kurser/{session.course.slug}/{session.pk}/tilmelding/"))
        assert "Tilmeldingen er lukket" in page
        assert "tager ikke imod tilmeldinger" in page

    def test_my_courses_needs_login_and_shows_only_my_registrations(
        self,
        client: Client,
        login: Callable[[User], Client],
        session: CourseSession,
        professional: User,
        make_professional: Callable[[str], User],
        django_assert_max_num_queries: Any,
    ) -> None:
        assert client.get("/kurser/mine/").status_code == 302
        other = make_professional("Ada Aa")
        mine = services.registration_create_for_user(session_id=session.pk, user=professional)
        theirs = services.registration_create_for_user(session_id=session.pk, user=other)
        login(professional)
        with django_assert_max_num_queries(10):
            page = html(client.get("/kurser/mine/"))
        assert session.course.title in page
        # Someone else's registration cannot be cancelled from my account.
        response = client.post(f"/kurser/mine/{theirs.registration.pk}/afmeld/")
        assert response.status_code == 404
        # The first post asks for confirmation (no JavaScript needed) and changes nothing.
        question = html(client.post(f"/kurser/mine/{mine.registration.pk}/afmeld/"))
        assert "Din plads går videre til den første på ventelisten." in question
        assert 'name="bekraeftet" value="1"' in question
        assert Registration.objects.get(pk=mine.registration.pk).status == "confirmed"
        response = client.post(
            f"/kurser/mine/{mine.registration.pk}/afmeld/", {"bekraeftet": "1"}, follow=True
        )
        assert "Du er afmeldt" in html(response)
        assert Registration.objects.get(pk=theirs.registration.pk).status == "confirmed"


MANAGE_URLS = [
    ("courses:manage_index", {}),
    ("courses:manage_course_create", {}),
    ("courses:manage_course_edit", {"pk": "course"}),
    ("courses:manage_session_create", {"pk": "course"}),
    ("courses:manage_session", {"pk": "session"}),
    ("courses:manage_session_edit", {"pk": "session"}),
    ("courses:manage_attendance", {"pk": "session"}),
    ("courses:manage_message", {"pk": "session"}),
    ("courses:manage_session_cancel", {"pk": "session"}),
    ("courses:manage_export_csv", {"pk": "session"}),
    ("courses:manage_export_xlsx", {"pk": "session"}),
]
MANAGE_POSTS = [
    "courses:manage_evaluation_invite",
    "courses:manage_registration_attendance",
    "courses:manage_registration_promote",
    "courses:manage_registration_remove",
]


def _url(name: str, kwargs: dict[str, str], session: CourseSession) -> str:
    objects = {"course": session.course_id, "session": session.pk}
    return reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})


class TestAdministration:
    @pytest.mark.parametrize(("name", "kwargs"), MANAGE_URLS)
    def test_only_course_administrators_get_in(
        self,
        client: Client,
        login: Callable[[User], Client],
        make_user: Callable[..., User],
        session: CourseSession,
        name: str,
        kwargs: dict[str, str],
    ) -> None:
        url = _url(name, kwargs, session)
        assert client.get(url).status_code == 302  # anonymous: to login
        login(make_user(Role.PROFESSIONAL, password=None))
        assert client.get(url).status_code == 403
        client.logout()
        login(make_user(Role.COURSE_ADMINISTRATOR, password=None))
        assert client.get(url).status_code == 200

    def test_no_other_role_reaches_a_participant_list(
        self,
        client: Client,
        login: Callable[[User], Client],
        make_user: Callable[..., User],
        any_role: str,
        session: CourseSession,
    ) -> None:
        login(make_user(any_role, password=None))
        response = client.get(reverse("courses:manage_session", kwargs={"pk": session.pk}))
        assert response.status_code == (200 if any_role == Role.COURSE_ADMINISTRATOR else 403)

    @pytest.mark.parametrize("name", MANAGE_POSTS)
    def test_actions_refuse_everyone_else(
        self,
        client: Client,
        login: Callable[[User], Client],
        professional: User,
        session: CourseSession,
        name: str,
    ) -> None:
        registration = services.registration_create_for_user(
            session_id=session.pk, user=professional
        ).registration
        pk = session.pk if name == "courses:manage_evaluation_invite" else registration.pk
        url = reverse(name, kwargs={"pk": pk})
        assert client.post(url).status_code == 302
        login(professional)
        assert client.post(url).status_code == 403
        assert Registration.objects.get().status == Registration.Status.CONFIRMED

    def test_participant_list_is_audited_and_costs_constant_queries(
        self,
        client: Client,
        login: Callable[[User], Client],
        course_admin: User,
        make_session: Callable[..., CourseSession],
        make_professional: Callable[[str], User],
        django_assert_max_num_queries: Any,
    ) -> None:
        session = make_session(capacity=2)
        for name in ("Ada Aa", "Bo Bb", "Cy Cc"):
            services.registration_create_for_user(
                session_id=session.pk, user=make_professional(name)
            )
        login(course_admin)
        url = reverse("courses:manage_session", kwargs={"pk": session.pk})
        with django_assert_max_num_queries(20):
            page = html(client.get(url))
        for name in ("Di Dd", "Ed Ee", "Fi Ff"):
            services.registration_create_for_user(
                session_id=session.pk, user=make_professional(name)
            )
        with django_assert_max_num_queries(20):
            client.get(url)
        assert "Ada Aa" in page
        assert "Ryk op" in page
        assert "2 af 2 pladser optaget · 1 på venteliste" in page
        entries = AuditEntry.objects.filter(action="courses.session.participants_viewed")
        assert entries.count() == 2
        assert entries.first().actor_id == course_admin.pk  # type: ignore[union-attr]

    def test_exports_are_safe_from_formulas_and_audited(
        self,
        client: Client,
        login: Callable[[User], Client],
        course_admin: User,
        session: CourseSession,
        make_user: Callable[..., User],
    ) -> None:
        attacker = make_user(
            Role.PROFESSIONAL, name='=HYPERLINK("http://evil.example","klik")', password=None
        )
        services.registration_create_for_user(
            session_id=session.pk, user=attacker, needs="+cmd|' /C calc'!A0"
        )
        login(course_admin)

        response = client.get(reverse("courses:manage_export_csv", kwargs={"pk": session.pk}))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        assert response.content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][:4] == ["Navn", "E-mail", "Arbejdsplads", "Status"]
        assert rows[1][0] == '\'=HYPERLINK("http://evil.example","klik")'
        assert rows[1][6] == "'+cmd|' /C calc'!A0"

        response = client.get(reverse("courses:manage_export_xlsx", kwargs={"pk": session.pk}))
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert sheet is not None
        assert sheet["A2"].value == '\'=HYPERLINK("http://evil.example","klik")'
        assert sheet["A2"].data_type == "s"
        assert sheet["G2"].value == "'+cmd|' /C calc'!A0"

        exports = AuditEntry.objects.filter(action="courses.session.participants_exported")
        assert sorted(entry.details["format"] for entry in exports) == ["csv", "xlsx"]

    def test_create_a_course_and_a_session(
        self, client: Client, login: Callable[[User], Client], course_admin: User
    ) -> None:
        login(course_admin)
        response = client.post(
            reverse("courses:manage_course_create"),
            {
                "title": "Æresrelaterede konflikter i skolen",
                "slug": "",
                "kind": "kursus",
                "summary": "Kort.",
                "description": "Lang.",
                "audience": "Lærere",
                "eligibility": "municipality",
                "organiser": "Etnisk Konsulentteam",
                "is_published": "on",
            },
        )
        course = Course.objects.get()
        assert course.slug == "aeresrelaterede-konflikter-i-skolen"
        assert response["Location"] == reverse(
            "courses:manage_session_create", kwargs={"pk": course.pk}
        )
        day = in_days(30).date()
        response = client.post(
            response["Location"],
            {
                "first_day": day.isoformat(),
                "last_day": (day + timedelta(days=1)).isoformat(),
                "start_time": "09:00",
                "end_time": "15:00",
                "deadline_day": (day - timedelta(days=7)).isoformat(),
                "deadline_time": "12:00",
                "capacity": "20",
                "place": "København V",
                "venue": "Rådhuset",
                "online_url": "",
                "language": "da",
                "status": "open",
            },
        )
        session = CourseSession.objects.get()
        assert response.status_code == 302
        assert session.day_count == 2
        assert session.starts_at.astimezone().hour in (8, 9)  # shown as 9.00 in Copenhagen
        assert AuditEntry.objects.filter(action="courses.session.created").exists()

    def test_the_session_form_refuses_impossible_times(
        self,
        client: Client,
        login: Callable[[User], Client],
        course_admin: User,
        session: CourseSession,
    ) -> None:
        login(course_admin)
        day = in_days(30).date()
        page = html(
            client.post(
                reverse("courses:manage_session_edit", kwargs={"pk": session.pk}),
                {
                    "first_day": day.isoformat(),
                    "start_time": "15:00",
                    "end_time": "09:00",
                    "deadline_day": (day + timedelta(days=1)).isoformat(),
                    "deadline_time": "12:00",
                    "capacity": "0",
                    "place": "København",
                    "language": "da",
                    "status": "open",
                },
            )
        )
        assert "Sluttidspunktet skal ligge efter starttidspunktet." in page
        assert "Fristen skal ligge før holdets start." in page
        session.refresh_from_db()
        assert session.capacity == 2

    def test_attendance_with_htmx_returns_the_row(
        self,
        client: Client,
        login: Callable[[User], Client],
        course_admin: User,
        make_session: Callable[..., CourseSession],
        professional: User,
    ) -> None:
        starts = in_days(0, hour=0) + timedelta(minutes=1)
        session = make_session(
            starts_at=starts,
            ends_at=starts + timedelta(hours=23),
            registration_deadline=starts,
        )
        registration = Registration.objects.create(
            session=session,
            user=professional,
            name=professional.name,
            email=professional.email,
            status=Registration.Status.CONFIRMED,
            arrival_number=1,
        )
        CourseSession.objects.filter(pk=session.pk).update(seats_taken=1, arrivals=1)
        login(course_admin)
        url = reverse("courses:manage_registration_attendance", kwargs={"pk": registration.pk})
        response = client.post(url, {"attended": "1"}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert html(response).startswith(f'<li id="deltager-{registration.pk}">')
        assert "Deltog" in html(response)
        registration.refresh_from_db()
        assert registration.status == Registration.Status.ATTENDED
