"""Server errors found by fuzzing are now form errors with a clear message (issue 17): an extreme
date in the audit filter, a huge key in the course form, and the same in every form."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django import forms
from django.test import Client
from django.urls import reverse

from tests.courses.factories import CourseFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations.forms import MeetingForm
from tillid.core.forms import DkfdsFormMixin
from tillid.courses.models import Course

pytestmark = pytest.mark.django_db

HUGE_KEYS = ["9223372036854775808", "9" * 30, "-9223372036854775809"]


@pytest.mark.parametrize(
    "query",
    ["since=0001-01-01", "until=0001-01-01", "since=9999-12-31", "until=9999-12-31", "since=x"],
)
def test_an_impossible_audit_filter_is_a_clear_400(
    query: str, make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    client = login(make_user(Role.ADMINISTRATOR, password=None))
    page = client.get(f"{reverse('core:audit_log')}?{query}")
    assert page.status_code == 400
    assert "Angiv en dato mellem 1900 og 2100." in page.content.decode() or "Indtast" in (
        page.content.decode()
    )
    export = client.get(f"{reverse('core:audit_log_export')}?{query}")
    assert export.status_code == 400
    assert export.content.decode().startswith("Filteret kan ikke bruges:")


@pytest.mark.parametrize("key", HUGE_KEYS)
def test_a_huge_topic_key_in_the_course_form_is_a_form_error(
    key: str, make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    course = CourseFactory()
    client = login(make_user(Role.COURSE_ADMINISTRATOR, password=None))
    response = client.post(
        reverse("courses:manage_course_edit", kwargs={"pk": course.pk}),
        {
            "title": "Nyt navn",
            "slug": course.slug,
            "kind": course.kind,
            "summary": "Resumé",
            "description": "Beskrivelse",
            "audience": "Lærere",
            "eligibility": course.eligibility,
            "organiser": "Etnisk Konsulentteam",
            "topics": [key],
        },
    )
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed." in response.content.decode()
    course.refresh_from_db()
    assert course.title != "Nyt navn"
    assert Course.objects.count() == 1


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_dates_far_outside_any_use_are_refused_in_every_form(day: str) -> None:
    form = MeetingForm({"date": day, "time": "10:00", "duration_minutes": "60", "place": "Her"})
    assert not form.is_valid()
    assert form.errors["date"] == ["Angiv en dato mellem 1900 og 2100."]
    assert MeetingForm(
        {"date": "2030-01-01", "time": "10:00", "duration_minutes": "60", "place": "Her"}
    ).is_valid()


def test_whole_numbers_without_bounds_get_the_database_range() -> None:
    class Unbounded(DkfdsFormMixin, forms.Form):
        count = forms.IntegerField()

    assert not Unbounded({"count": str(2**31)}).is_valid()
    assert not Unbounded({"count": str(-(2**31) - 1)}).is_valid()
    assert Unbounded({"count": str(2**31 - 1)}).is_valid()
