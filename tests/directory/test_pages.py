"""The public directory pages: list with filters, service, organisation, citizens' page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from tests.directory.factories import (
    LocationFactory,
    PhoneFactory,
    ScheduleExceptionFactory,
    ServiceFactory,
    confidential_location,
    weekday_hours,
)
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.directory import demo
from tillid.directory.models import HoursMode, Location, Schedule, Service, ServiceAtLocation

pytestmark = pytest.mark.django_db


def main(response: object) -> str:
    """The page's <main> element: the header and footer name services of their own."""
    html = response.content.decode()  # type: ignore[attr-defined]
    return html[html.index("<main") : html.index("</main>")]


def make_services(count: int) -> list[Service]:
    services = []
    for index in range(count):
        service = ServiceFactory(types=["raadgivning", "sparring"])
        PhoneFactory(service=service)
        PhoneFactory(service=service, number="70277686", is_verified=False)
        weekday_hours(service)
        ScheduleExceptionFactory(service=service, date=service.created_at.date())
        if index % 2:
            confidential_location(service)
        else:
            location = LocationFactory(organization=service.organization)
            ServiceAtLocation.objects.create(service=service, location=location)
        services.append(service)
    return services


@pytest.mark.parametrize("count", [3, 50])
def test_list_page_query_count_does_not_grow_with_services(
    client: Client, django_assert_max_num_queries: Callable[..., object], count: int
) -> None:
    make_services(count)
    # Services, phones, weekly hours, dated exceptions, types, and the type filter's choices.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("directory:index"), {"aaben": "on"})
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(reverse("directory:index"))
    assert response.content.decode().count('class="tillid-card"') == min(count, 20)


@pytest.mark.parametrize("count", [3, 50])
def test_detail_and_organization_pages_query_count_is_fixed(
    client: Client, django_assert_max_num_queries: Callable[..., object], count: int
) -> None:
    services = make_services(count)
    service = services[1]
    # 9: one more for the actions other apps offer on the page (the team's request form).
    with django_assert_max_num_queries(9):
        assert client.get(reverse("directory:service", args=[service.slug])).status_code == 200
    for other in services[2:]:
        other.organization = service.organization
        other.save()
    with django_assert_max_num_queries(7):
        response = client.get(reverse("directory:organization", args=[service.organization.slug]))
    assert response.status_code == 200


def test_list_shows_demo_services_with_phone_and_status(client: Client) -> None:
    demo.load()
    html = client.get(reverse("directory:index")).content.decode()
    assert "9 tilbud" in html
    assert 'href="tel:+4526779198"' in html
    assert "26 77 91 98" in html
    assert 'href="tel:+4570277686"' in html
    # LOKK, the police's 114 and the social emergency service's example number
    assert html.count("ikke verificeret") == 3
    assert "Åben døgnet rundt" in html


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"hvem": "borgere"}, "LOKK&#x27;s rådgivning", "Etnisk Konsulentteam"),
        ({"hvem": "fagpersoner"}, "Etnisk Konsulentteam", "xx-none-xx"),
        ({"alder": "barn"}, "Etnisk Konsulentteam", "RED Safehouse"),
        ({"type": "opholdssted"}, "RED Safehouse", "Etnisk Konsulentteam"),
        ({"gratis": "on"}, "VISO", "LOKK&#x27;s rådgivning"),
        ({"q": "etnisk ung"}, "RED Rådgivning", "Etnisk Konsulentteam"),
    ],
)
def test_list_filters(client: Client, query: dict[str, str], expected: str, absent: str) -> None:
    demo.load()
    html = main(client.get(reverse("directory:index"), query))
    assert expected in html
    assert absent not in html


def test_open_now_filter_uses_the_clock(client: Client, settings: object) -> None:
    always = ServiceFactory(name="Døgnlinjen", hours_mode=HoursMode.ALWAYS)
    closed = ServiceFactory(name="Aldrig åben", hours_mode=HoursMode.WEEKLY)
    html = client.get(reverse("directory:index"), {"aaben": "on"}).content.decode()
    assert always.name in html
    assert closed.name not in html


def test_bad_filter_values_are_ignored(client: Client) -> None:
    demo.load()
    response = client.get(
        reverse("directory:index"), {"alder": "gammel", "type": "findes-ikke", "side": "-3"}
    )
    assert response.status_code == 200


def test_service_page_shows_hours_eligibility_and_what_to_expect(client: Client) -> None:
    demo.load()
    html = client.get(reverse("directory:service", args=["etnisk-konsulentteam"])).content.decode()
    assert "<h1>Etnisk Konsulentteam</h1>" in html
    assert "mandag–torsdag 8–16, fredag 8–15" in html
    assert "De næste 7 dage" in html
    assert "Kun ansatte i Københavns Kommune" in html
    assert "Konsulenterne kan både rådgive dig" in html
    assert "Oplysningerne er bekræftet" in html
    html = client.get(reverse("directory:service", args=["viso"])).content.decode()
    assert "Oplysningerne er ikke bekræftet" in html


def test_inactive_and_unknown_services_are_not_found(client: Client) -> None:
    service = ServiceFactory(status=Service.Status.INACTIVE)
    assert client.get(reverse("directory:service", args=[service.slug])).status_code == 404
    assert client.get(reverse("directory:service", args=["findes-ikke"])).status_code == 404
    assert client.get(reverse("directory:organization", args=["findes-ikke"])).status_code == 404
    assert service.name not in client.get(reverse("directory:index")).content.decode()


def test_confidential_location_shows_only_its_area(client: Client) -> None:
    service = ServiceFactory()
    confidential_location(service, area="Storkøbenhavn")
    public = LocationFactory(organization=service.organization, name="Kontoret")
    ServiceAtLocation.objects.create(service=service, location=public)
    for url in (
        reverse("directory:service", args=[service.slug]),
        reverse("directory:organization", args=[service.organization.slug]),
    ):
        html = client.get(url).content.decode()
        assert "Hemmelig adresse · Område: Storkøbenhavn" in html
        assert "Rådhuspladsen 1, 1550 København V" in html  # the public one


def test_a_confidential_location_cannot_hold_an_address() -> None:
    service = ServiceFactory()
    location = confidential_location(service)
    location.address_1 = "Hemmeligvej 7"
    with pytest.raises(Exception, match="hemmelig adresse"):
        location.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.filter(pk=location.pk).update(address_1="Hemmeligvej 7")
    with pytest.raises(IntegrityError), transaction.atomic():
        Location.objects.filter(pk=location.pk).update(latitude=55.67)


def test_citizen_help_page_has_quick_exit_and_no_cache(client: Client, settings: object) -> None:
    demo.load()
    response = client.get(reverse("directory:citizen_help"))
    page = response.content.decode()  # the quick exit sits in the page's own plain header
    html = main(response)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "data-quick-exit" in page
    assert 'href="https://www.dmi.dk/"' in page
    assert "directory/quick-exit.js" in page
    assert 'rel="noreferrer"' in page
    assert "<script>" not in page  # CSP: no inline script
    assert "LOKK" in html
    assert "Etnisk Konsulentteam" not in html


def test_pages_are_public_for_every_role(
    client: Client, login: Callable[[User], Client], make_user: Callable[..., User]
) -> None:
    demo.load()
    urls = [
        reverse("directory:index"),
        reverse("directory:service", args=["red-raadgivning"]),
        reverse("directory:organization", args=["red"]),
        reverse("directory:guide"),
        reverse("directory:referral"),
        reverse("directory:citizen_help"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200
    login(make_user(Role.PROFESSIONAL))
    for url in urls:
        assert client.get(url).status_code == 200
    assert client.post(reverse("directory:index")).status_code == 405


def test_english_pages(client: Client) -> None:
    demo.load()
    response = client.get("/en/find-hjaelp/red-raadgivning/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()
    assert "Free professional case consultation" in response.content.decode()


def test_phone_only_hours_are_shown_on_the_phone(client: Client) -> None:
    service = ServiceFactory(hours_mode=HoursMode.ALWAYS)
    phone = PhoneFactory(service=service, hours_mode="weekly")
    Schedule.objects.create(
        service=service, phone=phone, weekday=0, opens_at=time(9), closes_at=time(12)
    )
    html = client.get(reverse("directory:service", args=[service.slug])).content.decode()
    assert "Telefon 26 77 91 98: de næste 7 dage" in html
    assert "mandag 9–12" in html
