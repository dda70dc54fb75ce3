"""First flows: home page, language switch, 404 page, and the skip link by keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import RESULTS, CheckedPage

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_page_is_dkfds_styled_and_accessible(page: CheckedPage) -> None:
    page.goto("/")
    expect(page.page.locator("h1")).to_have_text("For fagpersoner")
    # DKFDS's stylesheet is loaded and applied (IBM Plex Sans is its typeface).
    font = page.page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "IBM Plex Sans" in font
    page.assert_accessible()
    RESULTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(RESULTS / "home.png"), full_page=True)


def test_language_switch_to_english_and_back(page: CheckedPage) -> None:
    page.goto("/")
    page.page.get_by_role("link", name="English").click()
    expect(page.page.locator("html")).to_have_attribute("lang", "en")
    # The page text (a Wagtail page) is Danish only, marked lang="da" and said so in English.
    expect(page.page.locator("h1")).to_have_text("For fagpersoner")
    expect(page.page.locator(".tillid-page")).to_have_attribute("lang", "da")
    expect(page.page.locator(".tillid-language-note")).to_be_visible()
    assert page.page.url.endswith("/en/")
    page.assert_accessible()
    page.page.get_by_role("link", name="Dansk").click()
    expect(page.page.locator("h1")).to_have_text("For fagpersoner")


def test_404_page_is_accessible(page: CheckedPage) -> None:
    response = page.goto("/denne-side-findes-ikke/")
    assert response.status == 404
    expect(page.page.locator("h1")).to_have_text("Siden findes ikke")
    page.assert_accessible()


def test_skip_link_moves_keyboard_focus_to_main_content(page: CheckedPage) -> None:
    page.goto("/")
    page.page.keyboard.press("Tab")
    skip = page.page.locator("a.skipnav")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.page.keyboard.press("Enter")
    expect(page.page.locator("#main-content")).to_be_focused()
    page.page.keyboard.press("Tab")
    focused_inside_main = page.page.evaluate(
        "document.getElementById('main-content').contains(document.activeElement)"
    )
    assert focused_inside_main
