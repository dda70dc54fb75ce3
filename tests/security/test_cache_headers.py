"""Cache-Control: no-store on every response to a logged-in user (issue 17: course participant
lists and exports, the audit trail and its CSV and "Mine kurser" could be kept by a cache)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.courses.factories import CourseSessionFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role

pytestmark = pytest.mark.django_db


def assert_not_stored(response: object) -> None:
    assert response.status_code == 200, response.status_code  # type: ignore[attr-defined]
    directives = {part.strip() for part in response["Cache-Control"].split(",")}  # type: ignore[index]
    assert {"no-store", "private"} <= directives


def test_course_participant_lists_and_exports_are_not_stored(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.COURSE_ADMINISTRATOR, password=None))
    session = CourseSessionFactory()
    for name in (
        "courses:manage_session",
        "courses:manage_export_csv",
        "courses:manage_export_xlsx",
    ):
        assert_not_stored(client.get(reverse(name, kwargs={"pk": session.pk})))


def test_the_audit_trail_and_its_export_are_not_stored(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.ADMINISTRATOR, password=None))
    assert_not_stored(client.get(reverse("core:audit_log")))
    assert_not_stored(client.get(reverse("core:audit_log_export")))


def test_my_courses_and_public_pages_seen_by_a_user_are_not_stored(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.PROFESSIONAL, password=None))
    assert_not_stored(client.get(reverse("courses:mine")))
    # A public page shows the user's name in the header once they are logged in.
    assert_not_stored(client.get(reverse("courses:index")))


def test_public_pages_stay_cacheable_for_anonymous_visitors(client: Client) -> None:
    for url in (reverse("courses:index"), reverse("directory:index"), "/robots.txt"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response.get("Cache-Control", "")


def test_a_page_declared_cacheable_for_everyone_stays_so_for_users(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.PROFESSIONAL, password=None))
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
