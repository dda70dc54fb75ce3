"""Demo data, the contact card for the knowledge portal, the site search source, phone numbers."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.directory.factories import PhoneFactory, ServiceFactory, weekday_hours
from tillid.core import search
from tillid.directory import demo
from tillid.directory.models import Phone, Schedule, Service
from tillid.directory.opening_hours import COPENHAGEN
from tillid.directory.phones import format_danish_phone, normalize_danish_phone, tel_uri
from tillid.directory.selectors import service_contact_card

TUESDAY_10 = datetime(2026, 11, 24, 10, 0, tzinfo=COPENHAGEN)


@pytest.mark.django_db
def test_demo_holds_the_seed_services_exactly_and_is_idempotent() -> None:
    demo.load()
    counts = (Service.objects.count(), Phone.objects.count(), Schedule.objects.count())
    demo.load()
    assert (Service.objects.count(), Phone.objects.count(), Schedule.objects.count()) == counts
    ek = Service.objects.get(slug="etnisk-konsulentteam")
    assert ek.employer_restriction == "Københavns Kommune"
    assert ek.is_free
    assert set(ek.service_types.values_list("code", flat=True)) == {
        "sparring",
        "raadgivning",
        "risikovurdering",
        "konfliktmaegling",
        "undervisning",
    }
    red = Service.objects.get(slug="red-raadgivning")
    assert red.alternate_name == "Etnisk Ung"
    assert sorted(red.schedules.values_list("weekday", flat=True)) == [0, 1, 2, 3, 4]
    safehouse = Service.objects.get(slug="red-safehouse")
    assert (safehouse.minimum_age, safehouse.maximum_age, safehouse.hours_mode) == (
        16,
        30,
        "always",
    )
    location = safehouse.service_at_locations.get().location
    assert location.is_confidential
    assert location.address_1 == ""
    # Only the seed page's two numbers are verified.
    verified = set(Phone.objects.filter(is_verified=True).values_list("number", flat=True))
    assert verified == {"26779198", "70277686"}
    assert set(Phone.objects.filter(is_verified=False).values_list("number", flat=True)) == {
        "70203082",
        "114",
        "99999999",  # Den Sociale Døgnvagt: an example number, marked as one
    }
    for slug in ("lokk-raadgivning", "viso", "maerk", "sikkerhedskonsulenterne"):
        assert Service.objects.filter(slug=slug).exists()


@pytest.mark.django_db
def test_contact_card_for_the_knowledge_portal() -> None:
    service = ServiceFactory(name="Linjen", assured_date=TUESDAY_10.date())
    PhoneFactory(service=service, label="Rådgivning")
    weekday_hours(service)
    card = service_contact_card(service_id=service.pk, now=TUESDAY_10)
    assert card is not None
    assert card.name == "Linjen"
    assert card.url == f"/find-hjaelp/{service.slug}/"
    assert [(phone.number, phone.label) for phone in card.phones] == [("26 77 91 98", "Rådgivning")]
    assert card.opening_hours_summary == "Åben nu · lukker kl. 15"
    assert card.is_verified
    PhoneFactory(service=service, number="70277686", is_verified=False)
    assert not service_contact_card(service_id=service.pk, now=TUESDAY_10).is_verified
    assert service_contact_card(service_id=service.pk) is not None  # real clock by default


@pytest.mark.django_db
def test_contact_card_is_none_for_missing_or_inactive_services() -> None:
    inactive = ServiceFactory(status=Service.Status.INACTIVE)
    assert service_contact_card(service_id=inactive.pk, now=TUESDAY_10) is None
    assert service_contact_card(service_id=987654, now=TUESDAY_10) is None


@pytest.mark.django_db
def test_site_search_source_finds_active_services() -> None:
    demo.load()
    source = next(source for source in search.sources() if source.name == "directory")
    hits = source.search(query="etnisk", topic=None, audience=None, limit=5)
    assert {hit.title for hit in hits} == {"Etnisk Konsulentteam", "RED Rådgivning"}
    ek = next(hit for hit in hits if hit.title == "Etnisk Konsulentteam")
    assert ek.url == "/find-hjaelp/etnisk-konsulentteam/"
    assert ek.extra["phone"] == "26 77 91 98"
    assert source.search(query="safehouse", topic=None, audience="boern", limit=5) == []
    assert source.search(query="safehouse", topic=None, audience="unge", limit=5)
    assert source.search(query="rådgivning", topic="tvangsaegteskab", audience=None, limit=5) == []
    assert len(source.search(query="rådgivning", topic=None, audience=None, limit=2)) == 2
    hit = source.search(query="<b>sparring", topic=None, audience=None, limit=5)
    assert all("<b>" not in h.snippet for h in hit)


@pytest.mark.parametrize(
    ("raw", "digits"),
    [
        ("26 77 91 98", "26779198"),
        ("+45 26 77 91 98", "26779198"),
        ("0045-26779198", "26779198"),
        ("70.27.76.86", "70277686"),
        ("112", "112"),
        ("+45 114", "114"),
    ],
)
def test_danish_phone_numbers_are_normalised(raw: str, digits: str) -> None:
    assert normalize_danish_phone(raw) == digits


@pytest.mark.parametrize(
    "raw", ["", "1234", "123456789", "02779198", "12779198", "+46 26779198", "26 77 91 9O", "118"]
)
def test_malformed_phone_numbers_get_a_clear_message(raw: str) -> None:
    with pytest.raises(ValidationError) as error:
        normalize_danish_phone(raw)
    assert "telefonnummer" in str(error.value).lower()


def test_phone_display_and_tel_uri() -> None:
    assert format_danish_phone("26779198") == "26 77 91 98"
    assert tel_uri("26779198") == "tel:+4526779198"
    assert tel_uri("112") == "tel:112"
