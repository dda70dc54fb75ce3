"""A concern report as people walk it: a teacher files an acute report on a Monday at 22:00
(injected time) and is shown 112 and the social emergency service at once; an intake worker logs
in with 2FA, finds it first in the queue with both clocks, assesses it and sends the receipt; the
teacher sees the status and downloads the PDF copy. axe-core checks every page visited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import RESULTS, CheckedPage
from tests.e2e.test_consultations import _log_in, _new_page, _totp_code
from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.concerns.models import IntakeUnit, Report
from tillid.core import clock as core_clock
from tillid.core.calendar import COPENHAGEN
from tillid.directory import demo as directory_demo

pytestmark = pytest.mark.django_db(transaction=True)

MONDAY_22 = datetime(2026, 3, 2, 22, 0, tzinfo=COPENHAGEN)
OBSERVATIONS = "I dag kl. 14 sagde eleven, at hun bliver sendt til udlandet i morgen."


@pytest.fixture(autouse=True)
def _monday_evening() -> Iterator[None]:
    core_clock.freeze(MONDAY_22)
    yield
    core_clock.freeze(None)


@pytest.fixture
def people(make_user: Callable[..., User], settings: Any) -> dict[str, User]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    directory_demo.load()
    administration = OrgUnit.objects.create(
        name="Børne- og Ungdomsforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION
    )
    school = OrgUnit.objects.create(
        name="Demoskolen", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    intake = OrgUnit.objects.create(
        name="Børnefamilieenheden", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    IntakeUnit.objects.create(org_unit=intake, name="Modtagelsen")
    worker = make_user(Role.INTAKE_WORKER, name="Ida Modtager", org_unit=intake)
    TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    professional = make_user(Role.PROFESSIONAL, name="Pia Lærer", org_unit=school)
    return {"worker": worker, "professional": professional}


def _continue(page: CheckedPage) -> None:
    page.page.get_by_role("button", name="Gem og fortsæt").click()


def test_acute_report_at_night_through_the_intake_and_back(
    page: CheckedPage, browser: Browser, live_server: Any, people: dict[str, User]
) -> None:
    RESULTS.mkdir(exist_ok=True)
    teacher = page
    _log_in(teacher, people["professional"], "/underretning/")
    expect(teacher.page.locator("h1")).to_have_text("Underret om et barn")
    teacher.assert_accessible()
    teacher.page.get_by_role("button", name="Start en ny underretning").click()

    expect(teacher.page.locator("h1")).to_have_text("Akut fare")
    teacher.assert_accessible()
    teacher.page.locator("label[for=id_acute_0]").click()
    _continue(teacher)

    expect(teacher.page.locator("h1")).to_have_text("Barnet")
    help_box = teacher.page.locator("#akut-hjaelp")
    expect(help_box).to_contain_text("Ring 112")
    expect(help_box).to_contain_text("Kommunens modtagelse har lukket")
    expect(help_box).to_contain_text("Den Sociale Døgnvagt")
    expect(help_box.locator("a[href^='tel:']").nth(1)).to_be_visible()
    teacher.assert_accessible()
    teacher.page.screenshot(path=str(RESULTS / "concern-acute-guidance.png"), full_page=True)
    teacher.page.get_by_label("Barnets navn").fill("Amira Testbarn")
    teacher.page.get_by_label("CPR-nummer").fill("050514-4234")
    teacher.page.get_by_label("Skole eller institution").fill("Demoskolen, 6.a")
    _continue(teacher)

    expect(teacher.page.locator("h1")).to_have_text("Bekymringen")
    teacher.assert_accessible()
    teacher.page.get_by_label("Hvad har du konkret set og hørt").fill(OBSERVATIONS)
    teacher.page.locator("label", has_text="Genopdragelsesrejse").click()
    _continue(teacher)

    expect(teacher.page.locator("h1")).to_have_text("Familien")
    expect(teacher.page.locator(".concerns-flag")).to_contain_text("Kontakt ikke familien")
    teacher.assert_accessible()
    teacher.page.locator("label[for=id_parents_told_1]").click()
    teacher.page.locator("label[for=id_child_wish_1]").click()
    teacher.page.locator("label[for=id_family_suspected_0]").click()
    _continue(teacher)

    expect(teacher.page.locator("h1")).to_have_text("Det er gjort")
    teacher.assert_accessible()
    _continue(teacher)

    expect(teacher.page.locator("h1")).to_have_text("Dig som underretter")
    teacher.assert_accessible()
    teacher.page.get_by_label("Din relation til barnet").fill("Klasselærer")
    _continue(teacher)

    expect(teacher.page.locator("h1")).to_have_text("Gennemse og send")
    expect(teacher.page.locator("main")).to_contain_text("050514-XXXX")
    teacher.assert_accessible()
    teacher.page.get_by_role("button", name="Send underretningen").click()

    report = Report.objects.get()
    expect(teacher.page.locator("h1")).to_have_text(f"Underretning {report.reference}")
    expect(teacher.page.locator("main")).to_contain_text("Kvittering på skærmen")
    teacher.assert_accessible()

    # The intake worker, in a browser of their own, logs in with password and code.
    worker = _new_page(browser, live_server)
    _log_in(worker, people["worker"], "/modtagelse/")
    expect(worker.page.locator("h1")).to_have_text("Bekræft med kode")
    worker.page.get_by_label("Kode", exact=True).fill(_totp_code(people["worker"]))
    worker.page.get_by_role("button", name="Bekræft").click()

    expect(worker.page.locator("h1")).to_have_text("Modtagne underretninger")
    row = worker.page.locator("tbody tr").first
    expect(row).to_contain_text(f"Underretning {report.reference}")
    expect(row).to_contain_text("24 timer: 24 t 0 min tilbage")
    expect(row).to_contain_text("Kvittering: 6 hverdage tilbage")
    expect(row).to_contain_text("Kontakt ikke familien")
    worker.assert_accessible()
    worker.page.screenshot(path=str(RESULTS / "concern-queue.png"), full_page=True)
    row.get_by_role("link").click()

    expect(worker.page.locator("h1")).to_have_text(f"Underretning {report.reference}")
    expect(worker.page.locator("main")).to_contain_text(OBSERVATIONS)
    worker.assert_accessible()
    worker.page.locator("label[for=id_health_in_danger_0]").click()
    worker.page.locator("label[for=id_urgent_measures_0]").click()
    worker.page.locator("label[for=id_next_step_1]").click()
    worker.page.get_by_label("Begrundelse").fill("Risiko for bortførelse; politiet er kontaktet.")
    worker.page.get_by_role("button", name="Gem vurderingen").click()
    expect(worker.page.locator("body")).to_contain_text("Vurderingen er gemt")
    worker.assert_accessible()
    worker.page.get_by_role("button", name="Send kvittering").click()
    expect(worker.page.locator("body")).to_contain_text("Kvitteringen er sendt til underretteren")
    worker.assert_accessible()
    worker.page.screenshot(path=str(RESULTS / "concern-intake.png"), full_page=True)
    worker.page.context.close()

    teacher.goto(f"/underretning/{report.pk}/status/")
    main = teacher.page.locator("main")
    expect(main).to_contain_text("vurderet")
    expect(main).to_contain_text("sendt 2. marts 2026")
    expect(main).not_to_contain_text("bortførelse")
    teacher.assert_accessible()
    with teacher.page.expect_download() as download_info:
        teacher.page.get_by_role("link", name="Hent en kopi af underretningen (PDF)").click()
    path = download_info.value.path()
    assert path is not None
    with open(path, "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
    teacher.page.screenshot(path=str(RESULTS / "concern-status.png"), full_page=True)
