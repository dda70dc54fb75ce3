"""The referral slip: print view and PDF, directory facts only, confidential places left out."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from tests.directory.factories import (
    LocationFactory,
    PhoneFactory,
    ServiceFactory,
    confidential_location,
    weekday_hours,
)
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.directory import demo
from tillid.directory.models import Service, ServiceAtLocation

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def ids(*slugs: str) -> list[int]:
    by_slug = dict(Service.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return [by_slug[slug] for slug in slugs]


def test_print_view_shows_the_chosen_services(client: Client) -> None:
    demo.load()
    response = client.get(
        reverse("directory:referral"),
        {"tilbud": ids("lokk-raadgivning", "red-safehouse")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Her kan du få hjælp" in html
    assert "70 20 30 82" in html
    assert "RED Safehouse" in html
    assert reverse("directory:referral_pdf") + "?tilbud=" in html


def test_only_services_open_to_citizens_can_go_on_the_slip(client: Client) -> None:
    demo.load()
    page = client.get(reverse("directory:referral")).content.decode()
    form = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "LOKK" in form
    assert "Etnisk Konsulentteam" not in form  # for the municipality's employees only
    response = client.get(reverse("directory:referral"), {"tilbud": ids("etnisk-konsulentteam")})
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    assert "26 77 91 98" not in main


def test_pdf_holds_names_numbers_and_hours_on_one_page(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    demo.load()
    professional = make_user(Role.PROFESSIONAL, name="Sara Underviser", email="sara@kk.example")
    login(professional)
    chosen = ids(
        "lokk-raadgivning", "red-safehouse", "politiets-kontaktpersoner", "den-sociale-doegnvagt"
    )
    response = client.get(reverse("directory:referral_pdf"), {"tilbud": chosen})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="henvisning.pdf"' in response["Content-Disposition"]
    pages, text = pdf_text(response.content)
    assert pages == 1
    for expected in (
        "Her kan du få hjælp",
        "Ring 112",
        "LOKK",
        "RED Safehouse",
        "Den Sociale Døgnvagt",
        "99 99 99 99",
        "Eksempelnummer",
        "70 20 30 82",
        "ikke verificeret",
        "Døgnåben",
    ):
        assert expected in text, expected
    # Nothing about the professional (or anyone else) who made it.
    assert "Sara" not in text
    assert "sara@kk.example" not in text


def test_slip_in_english(client: Client) -> None:
    demo.load()
    response = client.get(
        reverse("directory:referral_pdf"), {"tilbud": ids("lokk-raadgivning"), "sprog": "en"}
    )
    assert 'filename="referral-slip.pdf"' in response["Content-Disposition"]
    _pages, text = pdf_text(response.content)
    assert "Where you can get help" in text
    assert "Anonymous advice around the clock" in text


def test_confidential_location_never_reaches_the_slip(client: Client) -> None:
    hidden = ServiceFactory(name="Skjult bosted", for_citizens=True)
    weekday_hours(hidden)
    confidential_location(hidden, area="Storkøbenhavn")
    public = ServiceFactory(name="Åben rådgivning", for_citizens=True)
    PhoneFactory(service=public)
    ServiceAtLocation.objects.create(
        service=public, location=LocationFactory(organization=public.organization)
    )
    query = {"tilbud": [hidden.pk, public.pk]}
    html = client.get(reverse("directory:referral"), query).content.decode()
    _pages, text = pdf_text(client.get(reverse("directory:referral_pdf"), query).content)
    for document in (html, text):
        assert "Skjult bosted" in document
        assert "Rådhuspladsen 1, 1550 København V" in document  # the public address
        assert "Skjult bolig" not in document
        assert "Storkøbenhavn" not in document


def test_more_than_four_services_is_refused(client: Client) -> None:
    demo.load()
    chosen = list(Service.objects.filter(for_citizens=True).values_list("pk", flat=True)[:5])
    response = client.get(reverse("directory:referral_pdf"), {"tilbud": chosen})
    assert response.status_code == 400
    assert "Vælg højst 4 tilbud" in response.content.decode()


def test_unknown_or_inactive_services_are_refused(client: Client) -> None:
    inactive = ServiceFactory(status=Service.Status.INACTIVE)
    for value in ([inactive.pk], ["999999"], ["abc"], []):
        response = client.get(reverse("directory:referral_pdf"), {"tilbud": value, "sprog": "da"})
        assert response.status_code == 400
    html = client.get(reverse("directory:referral"), {"tilbud": ["abc"]}).content.decode()
    assert "Der er problemer" in html
