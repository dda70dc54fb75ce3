"""A professional assesses risk step by step: a red flag, "Høj" suggested, "Akut" recorded with a
justification, the emergency steps at once, and the PDF downloaded and read. axe on every step."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import RESULTS, CheckedPage
from tests.factories import TEST_PASSWORD
from tillid.accounts.roles import Role
from tillid.risk import services

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER_INDEX = {"ja": 0, "delvist": 1, "nej": 2, "ved_ikke": 3}


def choose(page: CheckedPage, code: str, period: str, answer: str) -> None:
    page.page.locator(f"label[for='id_{code}_{period}_{ANSWER_INDEX[answer]}']").click()


def shot(page: CheckedPage, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(RESULTS / f"risk-{name}.png"), full_page=True)


def continue_(page: CheckedPage) -> None:
    page.page.get_by_role("button", name="Gem og fortsæt").click()
    page.page.wait_for_load_state("load")


def test_professional_records_acute_over_a_high_suggestion_and_downloads_the_pdf(
    page: CheckedPage, make_user, tmp_path: Path
) -> None:
    services.instruments_load()
    user = make_user(Role.PROFESSIONAL, name="Sara Fagperson")

    page.goto("/konto/log-ind/?next=/risikovurdering/")
    page.page.get_by_label("E-mail").fill(user.email)
    page.page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()
    expect(page.page.locator("h1")).to_have_text("Risikovurderinger")
    page.assert_accessible()

    page.page.get_by_role("link", name="Start en ny risikovurdering").click()
    expect(page.page.locator("h1")).to_have_text("Person")
    page.assert_accessible()
    shot(page, "1-person")
    page.page.get_by_label("Reference til personen").fill("A. i 9.b")
    page.page.get_by_text("Ung, 15–17 år").click()
    continue_(page)

    # Three groups of items: answer one, skip the rest (allowed outside the red flags).
    expect(page.page.locator("h1")).to_have_text("Volden og kontrollen")
    page.assert_accessible()
    shot(page, "2-items")
    choose(page, "V2", "nu", "delvist")
    page.page.locator("#id_V2_grundlag").fill("Borgeren fortalte det selv i frikvarteret.")
    continue_(page)
    for title in ("Familien og netværket", "Borgerens sårbarhed"):
        expect(page.page.locator("h1")).to_have_text(title)
        page.assert_accessible()
        continue_(page)

    # The red flags cannot be skipped.
    expect(page.page.locator("h1")).to_have_text("Konkrete faretegn")
    continue_(page)
    expect(page.page.locator("#error-summary")).to_contain_text("kan ikke springes over")
    page.assert_accessible()
    shot(page, "3-red-flags-error")
    choose(page, "F1", "nu", "ja")
    choose(page, "F1", "tidligere", "nej")
    for code in ("F2", "F3", "F4", "F5"):
        choose(page, code, "nu", "nej")
        choose(page, code, "tidligere", "ved_ikke" if code == "F5" else "nej")
    continue_(page)

    expect(page.page.locator("h1")).to_have_text("Beskyttende faktorer")
    page.assert_accessible()
    page.page.get_by_text("Borgeren ønsker selv hjælp").click()
    continue_(page)

    expect(page.page.locator("h1")).to_have_text("Risikoscenarier")
    page.assert_accessible()
    page.page.get_by_label("Hvad kan der ske?").fill("Sendes på 'ferie' og gift bort.")
    page.page.get_by_label("Hvor snart kan det ske?").select_option("uger")
    page.page.get_by_label("Hvor alvorligt kan det blive?").select_option("livstruende")
    continue_(page)

    # The suggestion and its reasons; the professional decides.
    expect(page.page.locator("h1")).to_have_text("Samlet vurdering")
    suggestion = page.page.locator(".risk-suggestion")
    expect(suggestion.locator("h2")).to_contain_text("Høj")
    expect(suggestion).to_contain_text("Mindst ét konkret faretegn er til stede nu.")
    expect(suggestion).to_contain_text("F1. Er der planer om en rejse til udlandet")
    page.assert_accessible()
    emergency = page.page.locator("#akut-hjaelp")
    expect(emergency).to_be_hidden()
    page.page.get_by_text("Akut", exact=True).click()
    expect(emergency).to_be_visible()  # the emergency steps appear at once
    expect(emergency).to_contain_text("ring 112")
    page.assert_accessible()
    shot(page, "4-judgement")
    continue_(page)
    expect(page.page.locator("#error-summary")).to_contain_text("afviger fra forslaget")
    page.assert_accessible()
    page.page.get_by_label("Begrundelse").fill("Rejsen er planlagt til i morgen tidlig.")
    continue_(page)

    expect(page.page.locator("h1")).to_have_text("Næste skridt og afslutning")
    expect(page.page.locator(".risk-emergency").first).to_contain_text("Akut fare: gør dette nu")
    page.assert_accessible()
    shot(page, "5-next-steps")
    page.page.get_by_label("Aftalte næste skridt").fill("Ringer til Den Sociale Døgnvagt nu.")
    page.page.get_by_role("button", name="Afslut vurderingen").click()

    expect(page.page.locator("h1")).to_have_text("Risikovurdering: Akut")
    page.assert_accessible()
    shot(page, "6-result")
    with page.page.expect_download() as download_info:
        page.page.get_by_role("link", name="Hent som PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("risikovurdering-")
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(page_.extract_text() for page_ in reader.pages).split())
    assert "FORTROLIGT" in text
    assert "Tillids risikovurdering ved æresrelaterede konflikter, version 1" in text
    assert "Faglig vurdering: Akut" in text
    assert "Instrumentets forslag: Høj" in text
    assert "Rejsen er planlagt til i morgen tidlig." in text
    assert "A. i 9.b" in text

    page.page.get_by_role("link", name="Historik for personen").click()
    expect(page.page.locator("h1")).to_contain_text("Historik")
    expect(page.page.locator("table.risk-history")).to_contain_text("Akut")
    page.assert_accessible()
    shot(page, "7-history")
