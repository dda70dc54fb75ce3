"""A case worker (2FA) makes an action plan with a citizen: creates it, links a risk assessment,
records a meeting and the citizen's agreement, finalises, revises, compares the two versions,
downloads the PDF and opens the citizen's summary. axe on every page visited."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.actionplans.conftest import adult_assessment
from tests.e2e.conftest import RESULTS, CheckedPage
from tests.factories import TEST_PASSWORD
from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan
from tillid.risk import services as risk_services

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def versions_deletable_by_the_flush() -> Iterator[None]:
    """The database trigger refuses to delete a frozen version of a live plan, so the flush that
    ends a transactional test would fail: close and anonymise the plans first, as retention
    does."""
    yield
    now = timezone.now()
    ActionPlan.objects.update(status=ActionPlan.Status.CLOSED, closed_at=now, anonymised_at=now)


def shot(page: CheckedPage, name: str) -> None:
    RESULTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(RESULTS / f"actionplans-{name}.png"), full_page=True)


def _code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def _fill_the_rest(worker: User, plan: ActionPlan) -> None:
    """The parts other than the risk assessment, the meeting and the agreement."""
    today = timezone.localdate()
    services.draft_set_situation(
        actor=worker,
        plan=plan,
        situation={
            "housing": "Bor hos forældrene",
            "work": "Ingen arbejde",
            "education": "Går på VUC",
            "relatives": "Brødrene holder øje med hende",
        },
    )
    services.draft_add_support(
        actor=worker,
        plan=plan,
        area="bolig",
        service_id=None,
        text="Krisecenter",
        purpose="Tryghed",
    )
    services.draft_add_other_support(
        actor=worker, plan=plan, text="Psykolog", law="", purpose="Bearbejde oplevelser"
    )
    services.draft_set_goals(
        actor=worker, plan=plan, goals="Egen bolig", citizen_words="Jeg vil fri"
    )
    services.draft_add_action(
        actor=worker,
        plan=plan,
        who="Sofie",
        what="Søg bolig",
        due=today + timedelta(days=14),
        status="planlagt",
    )
    services.draft_set_review_date(actor=worker, plan=plan, review_date=today + timedelta(days=30))


def _agree(page: CheckedPage) -> None:
    page.page.get_by_role("link", name="Rediger – Borgerens enighed eller uenighed").click()
    expect(page.page.locator("h1")).to_have_text("Borgerens enighed eller uenighed")
    page.assert_accessible()
    page.page.get_by_label("Borgerens stillingtagen").select_option("enig")
    page.page.get_by_label("Dato").fill(timezone.localdate().isoformat())
    page.page.get_by_label("Hvordan").select_option("papir")
    page.page.get_by_role("button", name="Gem").click()


def test_a_case_worker_makes_revises_compares_and_prints_a_plan(
    page: CheckedPage, make_user: Callable[..., User], settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    risk_services.instruments_load()
    root = OrgUnit.objects.create(name="Socialforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)
    team = OrgUnit.objects.create(name="Team Nord", kind=OrgUnit.Kind.UNIT, parent=root)
    worker = make_user(Role.CASE_WORKER, name="Sofie Sagsbehandler", org_unit=team)
    TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    assessment = adult_assessment(worker)

    page.goto("/handleplaner/")
    page.page.get_by_label("E-mail").fill(worker.email)
    page.page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()
    expect(page.page.locator("h1")).to_have_text("Bekræft med kode")
    page.page.get_by_label("Kode", exact=True).fill(_code(worker))
    page.page.get_by_role("button", name="Bekræft").click()
    expect(page.page.locator("h1")).to_have_text("Handleplaner for voksne")
    page.assert_accessible()

    # Create the plan.
    page.page.get_by_role("link", name="Start en ny handleplan").click()
    expect(page.page.locator("h1")).to_have_text("Ny handleplan")
    page.assert_accessible()
    page.page.get_by_label("Borgerens navn").fill("Aisha Hansen")
    page.page.get_by_label("Fødselsdato").fill("1995-05-17")
    page.page.get_by_role("button", name="Opret handleplan").click()
    expect(page.page.locator("h1")).to_have_text(
        "Handleplan nr. " + str(ActionPlan.objects.get().pk)
    )
    page.assert_accessible()
    plan = ActionPlan.objects.get()

    # Link the risk assessment.
    page.page.get_by_role("link", name="Rediger – 1. Risikovurdering").click()
    expect(page.page.locator("h1")).to_have_text("1. Risikovurdering")
    page.assert_accessible()
    page.page.get_by_label("Afsluttet risikovurdering").select_option(str(assessment.pk))
    page.page.get_by_role("button", name="Gem").click()
    expect(page.page.locator("#risk")).to_contain_text(f"Risikovurdering nr. {assessment.pk}")
    _fill_the_rest(worker, plan)

    # Record a meeting with an interpreter.
    page.goto(f"/handleplaner/{plan.pk}/del/moeder/")
    expect(page.page.locator("h1")).to_have_text("Møder med borgeren")
    page.assert_accessible()
    page.page.get_by_label("Dato").fill(timezone.localdate().isoformat())
    page.page.get_by_label("Hvem deltog").fill("Aisha, Sofie og tolk")
    page.page.locator("label", has_text="Der var tolk").click()
    page.page.get_by_role("textbox", name="Sprog (valgfrit)").fill("arabisk")
    page.page.get_by_role("button", name="Tilføj").click()
    expect(page.page.locator(".actionplan-items")).to_contain_text("Tolk på arabisk")
    page.assert_accessible()

    # The citizen's agreement, then finalise version 1.
    page.page.get_by_role("link", name="Tilbage til handleplan").click()
    _agree(page)
    shot(page, "1-draft")
    page.page.get_by_role("button", name="Afslut version 1").click()
    expect(page.page.locator("h1")).to_have_text(f"Handleplan nr. {plan.pk}, version 1")
    page.assert_accessible()

    # Revise: a new draft; change the housing, agree again, finalise version 2.
    page.page.get_by_role("link", name="Tilbage til handleplan").click()
    page.page.get_by_role("button", name="Revider planen (ny kladde)").click()
    page.page.get_by_role("link", name="Rediger – 2. Borgerens aktuelle situation").click()
    page.assert_accessible()
    page.page.get_by_label("Bolig").fill("Bor på krisecenter")
    page.page.get_by_role("button", name="Gem").click()
    _agree(page)
    page.page.get_by_role("button", name="Afslut version 2").click()
    expect(page.page.locator("h1")).to_have_text(f"Handleplan nr. {plan.pk}, version 2")

    # Compare the two versions side by side.
    page.page.get_by_role("link", name="Tilbage til handleplan").click()
    page.assert_accessible()
    page.page.get_by_role("button", name="Sammenlign").click()
    expect(page.page.locator("h1")).to_have_text("Version 1 og version 2 side om side")
    expect(page.page.locator("del").first).to_contain_text("Bor hos forældrene")
    expect(page.page.locator("ins").first).to_contain_text("Bor på krisecenter")
    page.assert_accessible()
    shot(page, "2-compare")

    # Download the PDF of version 2 and read it.
    page.goto(f"/handleplaner/{plan.pk}/version/2/")
    with page.page.expect_download() as download_info:
        page.page.get_by_role("link", name="Hent som PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"handleplan-{plan.pk}-version-2.pdf"
    path = download.path()
    assert path is not None
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    headings = ["1. Risikovurdering", "2. Borgerens", "3. Støttemuligheder", "4. Andre"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    assert "FORTROLIGT" in text

    # The citizen's summary, to print.
    page.page.get_by_role("link", name="Borgerens udgave til udskrift").click()
    expect(page.page.locator("h1")).to_have_text("Din handleplan")
    expect(page.page.locator("main")).not_to_contain_text("Risikovurdering")
    page.assert_accessible()
    shot(page, "3-summary")
