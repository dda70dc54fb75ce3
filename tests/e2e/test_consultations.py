"""Ask the experts, as people walk it: a professional sends an acute request on a Saturday
evening and is shown the emergency guidance; a consultant logs in with 2FA, takes the case,
writes a note and a message and starts a risk assessment from it; the professional reads the
message. axe-core checks every page visited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import RESULTS, CheckedPage
from tests.factories import TEST_PASSWORD
from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.consultations.models import Consultation, EligibleUnit, Team
from tillid.core import clock as core_clock
from tillid.core.calendar import COPENHAGEN

pytestmark = pytest.mark.django_db(transaction=True)

SATURDAY_22 = datetime(2026, 3, 7, 22, 0, tzinfo=COPENHAGEN)
DESCRIPTION = "En elev på 16 år fortæller, at hun skal giftes i sommerferien."
MESSAGE = "Kontakt ikke familien. Jeg ringer til dig mandag kl. 9."


@pytest.fixture(autouse=True)
def _saturday_evening() -> Iterator[None]:
    core_clock.freeze(SATURDAY_22)
    yield
    core_clock.freeze(None)


@pytest.fixture
def people(make_user: Callable[..., User], settings: Any) -> dict[str, User]:
    from tillid.directory import demo as directory_demo
    from tillid.risk import services as risk_services

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    directory_demo.load()
    risk_services.instruments_load()
    administration = OrgUnit.objects.create(
        name="Børne- og Ungdomsforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION
    )
    school = OrgUnit.objects.create(
        name="Demoskolen", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    team_unit = OrgUnit.objects.create(
        name="Etnisk Konsulentteam", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    EligibleUnit.objects.create(org_unit=administration)
    consultant = make_user(Role.CONSULTANT, name="Karin Konsulent", org_unit=team_unit)
    Team.objects.create(
        name="Etnisk Konsulentteam",
        org_unit=team_unit,
        lead=consultant,
        directory_slug="etnisk-konsulentteam",
    )
    TOTPDevice.objects.create(user=consultant, name="app", confirmed=True)
    professional = make_user(Role.PROFESSIONAL, name="Pia Fagperson", org_unit=school)
    return {"consultant": consultant, "professional": professional}


def _log_in(page: CheckedPage, user: User, next_path: str) -> None:
    page.goto(next_path)
    expect(page.page.locator("h1")).to_have_text("Log ind")
    page.page.get_by_label("E-mail").fill(user.email)
    page.page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()


def _choose(page: Page, label: str) -> None:
    """DKFDS draws its own radio buttons and checkboxes: click the label, as a person does."""
    page.locator("label", has_text=label).first.click()


def _totp_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def _new_page(browser: Browser, live_server: Any) -> CheckedPage:
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    return CheckedPage(context.new_page(), live_server.url)


def test_acute_request_outside_office_hours_through_to_the_consultant_and_back(
    page: CheckedPage, browser: Browser, live_server: Any, people: dict[str, User]
) -> None:
    RESULTS.mkdir(exist_ok=True)
    professional = page
    _log_in(professional, people["professional"], "/konsultation/")
    expect(professional.page.locator("h1")).to_have_text("Spørg Etnisk Konsulentteam")
    guidance = professional.page.locator("#akut-vejledning")
    expect(guidance).to_be_hidden()  # shown the moment "akut" is chosen
    professional.assert_accessible()

    _choose(professional.page, "Sparring")
    _choose(professional.page, "Akut – i dag")
    expect(guidance).to_be_visible()
    expect(guidance).to_contain_text("Etnisk Konsulentteam har lukket nu")
    expect(guidance).to_contain_text("Er nogen i akut fare, så ring 112.")
    expect(guidance).to_contain_text("Den Sociale Døgnvagt")
    professional.assert_accessible()
    professional.page.screenshot(path=str(RESULTS / "consultation-acute-guidance.png"))

    _choose(professional.page, "En konkret sag")
    _choose(professional.page, "Nej – jeg beder om anonym sparring")
    professional.page.get_by_label("Borgerens aldersgruppe").select_option("ung")
    _choose(professional.page, "Tvangsægteskab")
    professional.page.get_by_label("Beskriv situationen").fill(DESCRIPTION)
    _choose(professional.page, "Familien må ikke kontaktes")
    _choose(professional.page, "Besked her i Tillid")
    professional.page.get_by_role("button", name="Send henvendelsen").click()

    expect(professional.page.locator("h1")).to_contain_text("Henvendelse K-")
    main = professional.page.locator("main")
    expect(main).to_contain_text("Kontakt ikke familien")
    expect(main).to_contain_text("Er nogen i akut fare, så ring 112.")
    expect(main).to_contain_text("gemt og markeret som akut")
    professional.assert_accessible()
    case = Consultation.objects.get()
    assert case.is_acute
    assert case.do_not_contact_family

    # The consultant, in a browser of their own, logs in with password and code.
    consultant = _new_page(browser, live_server)
    _log_in(consultant, people["consultant"], "/konsulent/")
    expect(consultant.page.locator("h1")).to_have_text("Bekræft med kode")
    consultant.assert_accessible()
    consultant.page.get_by_label("Kode", exact=True).fill(_totp_code(people["consultant"]))
    consultant.page.get_by_role("button", name="Bekræft").click()

    expect(consultant.page.locator("h1")).to_have_text("Konsulentteamets kø")
    row = consultant.page.locator("tbody tr").first
    expect(row).to_contain_text("Akut – i dag")
    expect(row).to_contain_text("Kontakt ikke familien")
    consultant.assert_accessible()
    row.get_by_role("link").click()

    expect(consultant.page.locator("h1")).to_have_text(f"Henvendelse {case.reference}")
    expect(consultant.page.locator(".consultations-flag")).to_contain_text("Kontakt ikke familien")
    expect(consultant.page.locator("main")).to_contain_text(DESCRIPTION)
    consultant.assert_accessible()
    consultant.page.get_by_role("button", name="Tag sagen").click()
    expect(consultant.page.locator("main")).to_contain_text("Konsulent: Karin Konsulent")
    consultant.assert_accessible()

    # The note form folds away under its section until the consultant opens it.
    consultant.page.get_by_text("Skriv et notat", exact=True).click()
    consultant.page.get_by_label("Internt notat").fill("Tjek om skolen har underrettet.")
    consultant.page.get_by_role("button", name="Gem notat").click()
    expect(consultant.page.locator("#notater ~ .consultations-thread")).to_contain_text(
        "Tjek om skolen har underrettet."
    )
    consultant.page.get_by_role("textbox", name="Besked").fill(MESSAGE)
    consultant.page.get_by_role("button", name="Send besked til fagpersonen").click()
    expect(consultant.page.locator("main")).to_contain_text(MESSAGE)
    consultant.assert_accessible()
    consultant.page.screenshot(path=str(RESULTS / "consultation-case.png"), full_page=True)

    consultant.page.get_by_role("button", name="Start en risikovurdering fra sagen").click()
    expect(consultant.page.locator("main")).to_contain_text(f"Henvendelse {case.reference}")
    consultant.assert_accessible()
    assert "/risikovurdering/" in consultant.page.url
    consultant.page.context.close()

    # The professional reads the message (the mail only said that there is one).
    professional.goto("/konsultation/mine/")
    expect(professional.page.locator("main")).to_contain_text("1 ny besked")
    professional.assert_accessible()
    professional.page.get_by_role("link", name=f"Henvendelse {case.reference}").click()
    expect(professional.page.locator("#beskeder ~ .consultations-thread")).to_contain_text(MESSAGE)
    expect(professional.page.locator("main")).not_to_contain_text("Tjek om skolen")
    expect(professional.page.locator("main")).to_contain_text("Kontakt ikke familien")
    professional.assert_accessible()
