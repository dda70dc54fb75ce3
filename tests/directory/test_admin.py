"""Editing in Wagtail: who may, validation of hours and phones, confirming facts, CSV views."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.directory.factories import OrganizationFactory, PhoneFactory, ServiceFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.core.refusals import NotPermittedError
from tillid.directory.models import Phone, Service
from tillid.directory.services import service_confirm_facts
from tillid.directory.wagtail_hooks import ServiceViewSet

pytestmark = pytest.mark.django_db

INLINES = [
    "languages",
    "phones",
    "contacts",
    "service_at_locations",
    "schedules",
    "schedule_exceptions",
]


@pytest.fixture
def editor(login: Callable[[User], Client], make_user: Callable[..., User]) -> Client:
    return login(make_user(Role.EDITOR))


def service_form_data(service: Service, **rows: list[dict[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": service.name,
        "slug": service.slug,
        "organization": service.organization_id,
        "status": "active",
        "summary": service.summary,
        "hours_mode": "weekly",
        "holiday_policy": "public_holidays",
        "for_professionals": "on",
    }
    for name in INLINES:
        forms = rows.get(name, [])
        data[f"{name}-TOTAL_FORMS"] = len(forms)
        data[f"{name}-INITIAL_FORMS"] = 0
        data[f"{name}-MIN_NUM_FORMS"] = 0
        data[f"{name}-MAX_NUM_FORMS"] = 1000
        for index, form in enumerate(forms):
            for key, value in form.items():
                data[f"{name}-{index}-{key}"] = value
            data[f"{name}-{index}-ORDER"] = index + 1
    return data


def bound_form(service: Service, **rows: list[dict[str, Any]]) -> Any:
    form_class = ServiceViewSet.edit_handler.bind_to_model(Service).get_form_class()
    return form_class(service_form_data(service, **rows), instance=service, for_user=None)


def test_editor_reaches_the_directory_in_wagtail(editor: Client) -> None:
    service = ServiceFactory()
    for url in (
        reverse("wagtailsnippets_directory_service:list"),
        reverse("wagtailsnippets_directory_service:edit", args=[service.pk]),
        reverse("wagtailsnippets_directory_organization:list"),
        reverse("directory_admin:unconfirmed"),
        reverse("directory_admin:csv_import"),
        reverse("directory_admin:confirm", args=[service.pk]),
    ):
        assert editor.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.COURSE_ADMINISTRATOR])
def test_other_roles_do_not(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User], role: str
) -> None:
    service = ServiceFactory()
    login(make_user(role))
    for url in (
        reverse("wagtailsnippets_directory_service:list"),
        reverse("directory_admin:unconfirmed"),
        reverse("directory_admin:csv_export"),
    ):
        assert client.get(url).status_code in {302, 403}, url
    response = client.post(reverse("directory_admin:confirm", args=[service.pk]))
    assert response.status_code in {302, 403}
    service.refresh_from_db()
    assert service.assured_date is None


def test_anonymous_is_sent_to_login(client: Client) -> None:
    response = client.get(reverse("directory_admin:csv_export"))
    assert response.status_code == 302


def test_form_refuses_overlapping_and_inverted_hours() -> None:
    service = ServiceFactory()
    form = bound_form(
        service,
        schedules=[
            {"weekday": 0, "opens_at": "09:00", "closes_at": "12:00"},
            {"weekday": 0, "opens_at": "11:00", "closes_at": "15:00"},
            {"weekday": 1, "opens_at": "15:00", "closes_at": "09:00"},
        ],
    )
    assert not form.is_valid()
    errors = " ".join(form.non_field_errors())
    assert "Mandag: tiderne 9–12 og 11–15 overlapper." in errors
    child_errors = str(form.formsets["schedules"].errors)
    assert "Lukketiden skal ligge efter åbningstiden" in child_errors


def test_form_accepts_touching_hours_and_a_night_to_midnight() -> None:
    service = ServiceFactory()
    form = bound_form(
        service,
        schedules=[
            {"weekday": 0, "opens_at": "09:00", "closes_at": "12:00"},
            {"weekday": 0, "opens_at": "12:00", "closes_at": "00:00"},
        ],
    )
    assert form.is_valid(), form.errors


def test_form_normalises_danish_phone_numbers_and_refuses_bad_ones() -> None:
    service = ServiceFactory()
    phone = {"type": "voice", "hours_mode": "service"}
    good = bound_form(service, phones=[{**phone, "number": "+45 26 77 91 98"}])
    assert good.is_valid(), good.formsets["phones"].errors
    good.save()
    assert list(service.phones.values_list("number", flat=True)) == ["26779198"]
    for number in ("1234", "12345678", "+46 26 77 91 98", "26 77 91 9x"):
        bad = bound_form(service, phones=[{**phone, "number": number}])
        assert not bad.is_valid(), number


def test_form_refuses_bad_urls_and_inverted_ages() -> None:
    service = ServiceFactory()
    data = service_form_data(service)
    data.update(url="not a url", minimum_age=30, maximum_age=16)
    form_class = ServiceViewSet.edit_handler.bind_to_model(Service).get_form_class()
    form = form_class(data, instance=service, for_user=None)
    assert not form.is_valid()
    assert "url" in form.errors
    assert "maximum_age" in form.errors


def test_phone_choices_on_hours_are_the_services_own() -> None:
    service = ServiceFactory()
    own = PhoneFactory(service=service)
    other = PhoneFactory(number="70277686")
    form = bound_form(service)
    choices = form.formsets["schedules"].empty_form.fields["phone"].queryset
    assert list(choices) == [own]
    assert other not in choices


def test_confirm_action_sets_the_assured_date_and_audits(editor: Client) -> None:
    service = ServiceFactory()
    response = editor.post(reverse("directory_admin:confirm", args=[service.pk]))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.assured_date == timezone.localdate()
    entry = AuditEntry.objects.get(action="directory.service.confirmed")
    assert entry.target_id == str(service.pk)


def test_confirming_facts_is_for_editors_only(make_user: Callable[..., User]) -> None:
    """The service checks the role itself, whoever calls it."""
    service = ServiceFactory(assured_date=None)
    for actor in (None, make_user(Role.PROFESSIONAL), make_user(Role.EDITOR, is_active=False)):
        with pytest.raises(NotPermittedError):
            service_confirm_facts(actor=actor, service=service)
    service.refresh_from_db()
    assert service.assured_date is None
    assert not AuditEntry.objects.filter(action="directory.service.confirmed").exists()


def test_unconfirmed_list_shows_services_not_confirmed_for_six_months(
    editor: Client, make_user: Callable[..., User]
) -> None:
    today = timezone.localdate()
    never = ServiceFactory(name="Aldrig bekræftet")
    old = ServiceFactory(name="Gammel bekræftelse", assured_date=today - timedelta(days=200))
    fresh = ServiceFactory(name="Frisk", assured_date=today - timedelta(days=10))
    ServiceFactory(name="Nedlagt", status=Service.Status.DEFUNCT)
    html = editor.get(reverse("directory_admin:unconfirmed")).content.decode()
    assert html.index(never.name) < html.index(old.name)
    assert fresh.name not in html
    assert "Nedlagt" not in html
    service_confirm_facts(actor=make_user(Role.EDITOR), service=old, today=date.today())
    assert old.name not in editor.get(reverse("directory_admin:unconfirmed")).content.decode()


def test_csv_views(editor: Client) -> None:
    OrganizationFactory(slug="kk")
    ServiceFactory(name="Eksporteret")
    response = editor.get(reverse("directory_admin:csv_export"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeffslug;organization;".encode())  # core's dialect
    assert "Eksporteret" in response.content.decode("utf-8-sig")
    bad = io.BytesIO(b"slug;organization;name;summary\nny;kk;Ny;\n")
    bad.name = "tilbud.csv"
    response = editor.post(reverse("directory_admin:csv_import"), {"file": bad})
    assert response.status_code == 400
    assert "Intet er gemt" in response.content.decode()
    assert not Service.objects.filter(slug="ny").exists()
    good = io.BytesIO("slug;organization;name;summary\nny;kk;Ny;Hjælp\n".encode())
    good.name = "tilbud.csv"
    response = editor.post(reverse("directory_admin:csv_import"), {"file": good})
    assert response.status_code == 302
    assert Service.objects.filter(slug="ny").exists()


def test_editor_role_has_the_snippet_permissions(make_user: Callable[..., User]) -> None:
    editor = make_user(Role.EDITOR)
    for codename in ("add_service", "change_service", "delete_service", "change_organization"):
        assert editor.has_perm(f"directory.{codename}")
    assert not make_user(Role.PROFESSIONAL).has_perm("directory.change_service")
    assert Phone.objects.count() == 0
