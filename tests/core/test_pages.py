"""The site-wide pages: home, statements, languages, errors and the health check."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_shows_the_seed_page_in_danish(client: Client, django_assert_max_num_queries) -> None:
    # The home page is a Wagtail page (tests/knowledge checks its blocks and phone numbers).
    with django_assert_max_num_queries(15):
        response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da"' in html
    assert "For fagpersoner" in html
    assert "26 77 91 98" in html  # the footer's contact line
    assert "aldrig skal inddrage vedkommendes" in html


def test_home_in_english_under_en_prefix(client: Client) -> None:
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Accessibility statement" in html
    # The page text is Danish only: it says so, and marks the text as Danish for screen readers.
    assert "tillid-language-note" in html
    assert '<div class="tillid-page" lang="da">' in html


def test_language_switch_links_point_to_the_same_page(client: Client) -> None:
    html = client.get("/privatliv/").content.decode()
    assert 'href="/en/privatliv/" lang="en" hreflang="en"' in html
    html = client.get("/en/privatliv/").content.decode()
    assert 'href="/privatliv/" lang="da" hreflang="da"' in html


@pytest.mark.parametrize("name", ["core:accessibility", "core:privacy", "core:data_protection"])
def test_footer_pages_are_public_and_linked_from_every_page(client: Client, name: str) -> None:
    url = reverse(name)
    assert client.get(url).status_code == 200
    assert f'href="{url}"' in client.get("/").content.decode()


def test_main_navigation_shows_only_sections_that_exist(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'aria-label="Hovedmenu"' in html
    assert "Log ind" in html
    assert 'aria-current="page"' in html  # "Viden" is the current section on the home page


def test_unknown_url_gets_the_danish_404_page(client: Client) -> None:
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Siden findes ikke" in html
    assert 'class="skipnav"' in html  # the full layout, not Django's plain page


def test_unknown_url_under_en_gets_the_english_404_page(client: Client) -> None:
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_healthz_reports_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_says_503_when_the_database_is_down(client: Client) -> None:
    with mock.patch("tillid.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_server_error_shows_the_500_page_without_details(client: Client, settings) -> None:
    settings.ROOT_URLCONF = "tests.core.urls_failing"
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Der opstod en fejl på serveren" in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html
