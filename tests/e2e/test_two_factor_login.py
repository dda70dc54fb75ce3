"""A consultant logs in, is made to enrol two-factor login, and reaches their start page."""

from __future__ import annotations

import base64

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import expect

from tests.e2e.conftest import RESULTS, CheckedPage
from tests.factories import TEST_PASSWORD
from tillid.accounts.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)


def _code_for(secret_b32: str) -> str:
    return f"{TOTP(base64.b32decode(secret_b32), step=30, t0=0, digits=6).token():06d}"


def test_consultant_enrols_two_factor_and_reaches_start_page(page: CheckedPage, make_user) -> None:
    user = make_user(Role.CONSULTANT, name="Karin Konsulent")
    page.goto("/")
    page.assert_accessible()
    page.page.get_by_role("link", name="Log ind").click()
    expect(page.page.locator("h1")).to_have_text("Log ind")
    page.assert_accessible()

    page.page.get_by_label("E-mail").fill(user.email)
    page.page.get_by_label("Adgangskode").fill("forkert-adgangskode")
    page.page.get_by_role("button", name="Log ind").click()
    expect(page.page.locator(".error-summary")).to_contain_text(
        "E-mail eller adgangskode er forkert"
    )
    page.assert_accessible()

    page.page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()

    # Forced to enrol before any page of the role.
    expect(page.page.locator("h1")).to_have_text("Slå totrinsbekræftelse til")
    assert "/konto/totrin/" in page.page.url
    page.assert_accessible()
    RESULTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(RESULTS / "two-factor-enrolment.png"), full_page=True)

    secret = page.page.locator("#totp-secret").get_attribute("data-secret")
    assert secret
    page.page.get_by_label("Kode fra appen").fill(_code_for(secret))
    page.page.get_by_role("button", name="Bekræft").click()

    expect(page.page.locator("h1")).to_have_text("Dine backupkoder")
    expect(page.page.locator("#backup-codes li")).to_have_count(10)
    page.assert_accessible()
    page.page.get_by_role("link", name="Jeg har gemt koderne – fortsæt").click()

    expect(page.page.locator("h1")).to_have_text("Mit arbejde")
    expect(page.page.locator("main")).to_contain_text("Konsulent (Etnisk Konsulentteam)")
    expect(page.page.locator("main")).to_contain_text("Totrinsbekræftelse er slået til")
    page.assert_accessible()
    page.page.screenshot(path=str(RESULTS / "consultant-start-page.png"), full_page=True)
