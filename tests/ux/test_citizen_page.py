"""The citizens' page /hjaelp/: plain chrome, only services open to citizens, and languages
(Danish and English complete; Arabic and Urdu as marked drafts, right to left)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
DRAFT = "Udkast – ikke godkendt af translatør."


def soup_of(client: Client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_citizen_page_has_its_own_plain_chrome(client: Client, directory_demo: None) -> None:
    page = soup_of(client, reverse("directory:citizen_help"))
    text = page.get_text(" ")
    assert page.select_one("nav.navigation-menu") is None  # no professionals' menu
    assert "Log ind" not in text
    assert page.select_one(".tillid-tags") is None  # no tags on the cards
    assert page.select_one("[data-quick-exit]") is not None
    assert "Tryk på knappen" in text  # said on touch screens (CSS shows one of the two hints)
    assert DRAFT not in text


def test_only_services_open_to_citizens_are_listed(client: Client, directory_demo: None) -> None:
    names = [h.get_text(strip=True) for h in soup_of(client, "/hjaelp/").select("main h3")]
    assert "LOKK's rådgivning" in names
    assert "Etnisk Konsulentteam" not in names
    assert "RED Rådgivning" not in names


def test_english_is_complete_and_not_a_draft(client: Client, directory_demo: None) -> None:
    page = soup_of(client, "/en/hjaelp/")
    assert page.html["lang"] == "en"
    assert page.html["dir"] == "ltr"
    assert page.h1.get_text(strip=True) == "Get help"
    assert DRAFT not in page.get_text(" ")


@pytest.mark.parametrize(
    ("code", "heading"), [("ar", "احصل على المساعدة"), ("ur", "مدد حاصل کریں")]
)
def test_arabic_and_urdu_are_right_to_left_drafts(
    client: Client, directory_demo: None, code: str, heading: str
) -> None:
    page = soup_of(client, f"/hjaelp/?sprog={code}")
    assert page.html["lang"] == code
    assert page.html["dir"] == "rtl"
    assert page.h1.get_text(strip=True) == heading
    assert DRAFT in page.get_text(" ")
    assert page.select_one('.tillid-acute a[href="tel:112"]') is not None
    switch = {link.get("hreflang") for link in page.select(".tillid-citizen-languages a")}
    assert {"da", "en"} <= switch


def test_an_unknown_language_falls_back_to_danish(client: Client, directory_demo: None) -> None:
    page = soup_of(client, "/hjaelp/?sprog=xx")
    assert page.html["lang"] == "da"
    assert page.h1.get_text(strip=True) == "Få hjælp"
