"""Find hjælp in a browser: a professional answers the guide, picks two services and downloads a
referral slip; a citizen leaves the help page with the quick exit (button and Escape key)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Route, expect
from pypdf import PdfReader

from tests.e2e.conftest import CheckedPage
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.directory import demo

pytestmark = pytest.mark.django_db(transaction=True)


def log_in_browser(page: CheckedPage, user: User, live_server: Any) -> None:
    """Reuse a test client's session in the browser (the login form has its own tests)."""
    client = Client()
    client.force_login(user)
    page.page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_professional_uses_the_guide_and_downloads_a_referral_slip(
    page: CheckedPage, live_server: Any, make_user: Callable[..., User]
) -> None:
    demo.load()
    log_in_browser(page, make_user(Role.PROFESSIONAL, name="Sara Lærer"), live_server)
    page.goto("/find-hjaelp/")
    page.assert_accessible()
    page.page.get_by_role("link", name="Hvem skal jeg ringe til? Svar på fire spørgsmål").click()
    expect(page.page.locator("h1")).to_have_text("Hvem skal jeg ringe til?")
    page.assert_accessible()

    guide = page.page
    guide.get_by_role("group", name="Er nogen i akut fare lige nu?").get_by_label("Nej").check()
    guide.get_by_role("group", name="Er du ansat i Københavns Kommune?").get_by_label("Ja").check()
    guide.get_by_label("Ung, 15–17 år").check()
    guide.get_by_label("Hjælp, som borgeren selv kan bruge").check()
    guide.get_by_role("button", name="Vis hvem jeg kan ringe til").click()
    expect(guide.get_by_role("heading", name="Ring i denne rækkefølge")).to_be_visible()
    first = guide.locator(".tillid-guide-list > li").first
    expect(first.locator("h4")).to_have_text("RED Safehouse")
    page.assert_accessible()

    # Only services open to citizens can go on the slip handed to a citizen.
    guide.get_by_label("Sæt RED Safehouse på henvisningssedlen").check()
    guide.get_by_label("Sæt LOKK's rådgivning på henvisningssedlen").check()
    guide.get_by_role("button", name="Lav henvisningsseddel").click()
    expect(guide.locator("h1")).to_have_text("Henvisningsseddel")
    slip = guide.locator(".tillid-slip")
    expect(slip).to_contain_text("RED Safehouse")
    expect(slip).to_contain_text("70 20 30 82")
    page.assert_accessible()

    with guide.expect_download() as download_info:
        guide.get_by_role("link", name="Hent som PDF").click()
    download = download_info.value
    assert download.suggested_filename == "henvisning.pdf"
    with open(download.path(), "rb") as pdf:
        reader = PdfReader(io.BytesIO(pdf.read()))
    text = "\n".join(page_.extract_text() for page_ in reader.pages)
    assert len(reader.pages) == 1
    for expected in ("RED Safehouse", "LOKK", "70 20 30 82", "Døgnåben"):
        assert expected in text
    assert "Sara" not in text  # nothing about the professional


def neutral_site(route: Route) -> None:
    route.fulfill(
        status=200,
        content_type="text/html",
        body="<!DOCTYPE html><html lang='da'><title>Vejret</title><h1>Vejret</h1></html>",
    )


@pytest.mark.parametrize("how", ["button", "escape"])
def test_quick_exit_leaves_the_help_page(page: CheckedPage, how: str) -> None:
    demo.load()
    page.page.route("https://www.dmi.dk/**", neutral_site)  # never the real internet
    page.goto("/hjaelp/")
    expect(page.page.locator("h1")).to_have_text("Få hjælp")
    page.assert_accessible()
    if how == "button":
        page.page.get_by_role("link", name="Forlad siden hurtigt").click()
    else:
        page.page.keyboard.press("Escape")
    page.page.wait_for_url("https://www.dmi.dk/")
    expect(page.page.locator("h1")).to_have_text("Vejret")
    # location.replace(): the help page is not in the history to go back to.
    page.page.go_back()
    assert "/hjaelp/" not in page.page.url
