"""The course calendar's place in the rest of Tillid: search, start page, home page, demo data."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db.models import Count, Q
from django.test import Client

from tests.courses.factories import CourseFactory, CourseSessionFactory, in_days
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core import search
from tillid.courses import selectors
from tillid.courses.models import Course, CourseSession, Registration

pytestmark = pytest.mark.django_db


def test_courses_are_a_search_source_of_published_courses() -> None:
    from tillid.taxonomy.models import Topic

    topic, _created = Topic.objects.get_or_create(slug="samtalen", defaults={"name": "Samtalen"})
    found = CourseFactory(title="Den gode samtale", summary="Øv samtalen med unge.")
    found.topics.add(topic)
    CourseSessionFactory(course=found, starts_at=in_days(12))
    CourseFactory(title="Skjult samtale", is_published=False)
    CourseFactory(title="Noget helt andet")
    [source] = [source for source in search.sources() if source.name == "courses"]

    hits = source.search(query="samtale unge", topic=None, audience=None, limit=10)

    assert [hit.title for hit in hits] == ["Den gode samtale"]
    assert hits[0].url == f"/kurser/{found.slug}/"
    assert hits[0].topics == (topic.name,)
    assert hits[0].extra["next"].startswith("Næste hold")
    assert source.search(query="samtale", topic="andet-emne", audience=None, limit=10) == []
    assert source.search(query="  ", topic=None, audience=None, limit=10) == []


def test_start_page_links_by_role(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    login(make_user(Role.PROFESSIONAL, password=None))
    page = client.get("/mit-arbejde/").content.decode()
    assert 'href="/kurser/mine/"' in page
    assert 'href="/kurser/administration/"' not in page
    client.logout()
    login(make_user(Role.COURSE_ADMINISTRATOR, password=None))
    assert 'href="/kurser/administration/"' in client.get("/mit-arbejde/").content.decode()


def test_next_sessions_for_the_home_page(django_assert_max_num_queries: object) -> None:
    course = CourseFactory(title="Introduktion")
    soon = CourseSessionFactory(
        course=course, starts_at=in_days(3), registration_deadline=in_days(2), capacity=3
    )
    CourseSessionFactory(course=course, starts_at=in_days(5), status=CourseSession.Status.CANCELLED)
    later = CourseSessionFactory(course=course, starts_at=in_days(9))
    CourseSessionFactory(course=course, starts_at=in_days(-1))

    with django_assert_max_num_queries(1):  # type: ignore[operator]
        upcoming = selectors.session_list_upcoming(limit=3)

    assert upcoming == [soon, later]
    assert upcoming[0].title == "Introduktion"
    assert upcoming[0].url == f"/kurser/{course.slug}/#hold-{soon.pk}"
    assert upcoming[0].availability.label == "3 ledige pladser"  # type: ignore[attr-defined]


def test_demo_courses_load_once_with_consistent_seats(make_user: Callable[..., User]) -> None:
    from tillid.core import demo
    from tillid.courses import demo as courses_demo

    assert "courses" in {loader.name for loader in demo.loaders()}
    make_user(Role.PROFESSIONAL, email="fagperson@tillid.example", password=None)
    courses_demo.load()
    first = Course.objects.filter(is_demo=True).count()
    courses_demo.load()

    assert first == Course.objects.filter(is_demo=True).count() == 5
    organisers = set(Course.objects.values_list("organiser", flat=True))
    assert any("Etnisk Konsulentteam" in organiser for organiser in organisers)
    assert "RED Safehouse" in organisers
    holders = Q(registrations__status__in=["confirmed", "attended", "no_show"])
    for session in CourseSession.objects.annotate(holding=Count("registrations", filter=holders)):
        assert session.seats_taken == session.holding  # type: ignore[attr-defined]
        assert session.seats_taken <= session.capacity
    assert Registration.objects.filter(status=Registration.Status.WAITING).exists()
    assert Registration.objects.filter(email="fagperson@tillid.example").exists()
