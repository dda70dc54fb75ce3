"""Acute help as a rule: every acute surface shows 112, the services open now and the social
emergency service at the top as tap-to-call links, also at 22:00 on a Sunday; and an acute
service cannot be published without a phone number."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from tests.conftest import FrozenClock
from tillid.accounts.models import User
from tillid.core.calendar import COPENHAGEN
from tillid.directory import csv_io
from tillid.directory.acute_selectors import acute_help
from tillid.directory.demo import DEMO_EXAMPLE_LABEL
from tillid.directory.models import Phone, Service
from tillid.directory.services import import_services, validate_acute_service_phone
from tillid.risk import services as risk_services

SUNDAY_22 = datetime(2026, 3, 8, 22, 0, tzinfo=COPENHAGEN)
MONDAY_10 = datetime(2026, 3, 9, 10, 0, tzinfo=COPENHAGEN)
EXAMPLE_TEL = "tel:+4599999999"

pytestmark = pytest.mark.django_db


def first_tel_links(html: str) -> tuple[list[str], list[str]]:
    """(tel: links of the first acute box in <main>, every tel: link in <main> in order)."""
    main = BeautifulSoup(html, "html.parser").find("main")
    assert main is not None
    box = main.select_one(".tillid-acute")
    assert box is not None, "no acute box on the page"
    in_box = [link["href"] for link in box.select('a[href^="tel:"]')]
    everywhere = [link["href"] for link in main.select('a[href^="tel:"]')]
    return in_box, everywhere


def assert_callable_at_top(html: str) -> None:
    in_box, everywhere = first_tel_links(html)
    assert in_box[0] == "tel:112"
    assert EXAMPLE_TEL in in_box, "the social emergency service is missing"
    # Nothing callable comes before the acute box: it is the first thing one can press.
    assert everywhere[: len(in_box)] == in_box


def test_acute_help_on_sunday_night_holds_112_the_24_hour_line_and_the_emergency_service(
    directory_demo: None,
) -> None:
    help_ = acute_help(now=SUNDAY_22)
    assert help_.emergency.tel == "tel:112"
    assert [number.name for number in help_.open_now] == ["LOKK's rådgivning"]
    assert [(n.name, n.number, n.label) for n in help_.after_hours] == [
        ("Den Sociale Døgnvagt", "99 99 99 99", DEMO_EXAMPLE_LABEL)
    ]
    assert not help_.after_hours[0].is_verified


def test_acute_help_on_a_weekday_names_the_open_office_first(directory_demo: None) -> None:
    names = [number.name for number in acute_help(now=MONDAY_10).open_now]
    assert names[0] == "Etnisk Konsulentteam"
    assert "LOKK's rådgivning" not in names  # office-hours specialists before the 24-hour line


def test_citizens_see_only_services_open_to_citizens(directory_demo: None) -> None:
    names = [number.name for number in acute_help(now=MONDAY_10, audience="citizens").numbers]
    assert "Etnisk Konsulentteam" not in names  # for professionals only
    assert "Den Sociale Døgnvagt" in names


def test_every_acute_surface_at_22_on_a_sunday_shows_a_callable_number_first(
    knowledge_demo: None,
    professional: User,
    client: Client,
    clock: FrozenClock,
) -> None:
    clock.set(SUNDAY_22)
    surfaces = {
        "guide": reverse("directory:guide") + "?akut=ja",
        "citizens": reverse("directory:citizen_help"),
        "legislation": "/lovgivning/",
    }
    for name, url in surfaces.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_callable_at_top(response.content.decode())

    client.force_login(professional)
    request_page = client.get(reverse("consultations:request")).content.decode()
    soup = BeautifulSoup(request_page, "html.parser")
    acute_box = soup.select_one("#akut-vejledning")  # shown when "Akut - i dag" is chosen
    assert acute_box is not None
    assert_callable_at_top(f"<main>{acute_box}</main>")

    risk_services.instruments_load()
    draft = risk_services.assessment_create(actor=professional, reference="Elev", age_group="ung")
    judgement = client.get(reverse("risk:step", args=[draft.pk, "vurdering"])).content.decode()
    box = BeautifulSoup(judgement, "html.parser").select_one(".risk-emergency")
    assert box is not None
    assert_callable_at_top(f"<main>{box}</main>")


def test_the_demo_marks_the_example_number_wherever_it_is_shown(
    directory_demo: None, client: Client
) -> None:
    html = client.get(reverse("directory:service", args=["den-sociale-doegnvagt"])).content
    assert DEMO_EXAMPLE_LABEL in html.decode()


# ---------------------------------------------------------------- the rule behind it


def test_an_active_acute_service_needs_a_callable_phone() -> None:
    with pytest.raises(ValidationError, match="telefonnummer"):
        validate_acute_service_phone(status="active", type_codes=["akut"], phone_types=[])
    with pytest.raises(ValidationError):
        validate_acute_service_phone(status="active", type_codes=["akut"], phone_types=["text"])
    validate_acute_service_phone(status="active", type_codes=["akut"], phone_types=["voice"])
    validate_acute_service_phone(status="inactive", type_codes=["akut"], phone_types=[])
    validate_acute_service_phone(status="active", type_codes=["raadgivning"], phone_types=[])


def test_csv_import_refuses_an_acute_service_without_a_phone(
    directory_demo: None, make_user: Callable[..., User]
) -> None:
    export = io.StringIO()
    csv_io.export_services(export)
    text = export.getvalue()
    lines = text.splitlines()
    header = lines[0].lstrip("\ufeff").split(";")
    rows = [line for line in lines[1:] if "den-sociale-doegnvagt" in line]
    cells = rows[0].split(";")
    cells[header.index("phones")] = ""
    upload = io.BytesIO(("\ufeff" + ";".join(header) + "\n" + ";".join(cells) + "\n").encode())
    result = import_services(actor=make_user("editor"), upload=upload)
    assert any("akut hjælp" in error for error in result.errors), result.errors
    assert Phone.objects.filter(service__slug="den-sociale-doegnvagt").exists()


def test_the_cms_form_refuses_to_publish_an_acute_service_without_a_phone(
    directory_demo: None, make_user: Callable[..., User], client: Client
) -> None:
    editor = make_user("editor", is_superuser=True)
    client.force_login(editor)
    service = Service.objects.get(slug="den-sociale-doegnvagt")
    url = reverse("wagtailsnippets_directory_service:edit", args=[service.pk])
    page = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    form = next(form for form in page.select("form") if form.select_one('[name="slug"]'))
    data: dict[str, list[str]] = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or field.get("type") in {"submit", "button", "file"}:
            continue
        if field.get("type") in {"checkbox", "radio"} and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = [option.get("value", "") for option in field.select("option[selected]")]
            data.setdefault(name, []).extend(chosen or [])
            continue
        value = field.text if field.name == "textarea" else field.get("value", "")
        data.setdefault(name, []).append(value)
    data["phones-0-DELETE"] = ["1"]
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "Et tilbud om akut hjælp skal have et telefonnummer" in response.content.decode()
    assert Phone.objects.filter(service=service).exists()
