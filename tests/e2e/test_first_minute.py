"""The professional's first minute, in a browser at phone and desktop widths, axe-checked:
acute help one tap away at 22:00 on a Sunday, the request form one click from the home page,
confirmation before cancelling a registration or closing a case, and the CMS from Mit arbejde."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.conftest import FrozenClock
from tests.consultations.conftest import request_data
from tests.e2e.conftest import CheckedPage
from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.consultations import services as consultation_services
from tillid.consultations.models import EligibleUnit, Meeting, Status, Team
from tillid.core.calendar import COPENHAGEN
from tillid.courses import services as course_services
from tillid.courses.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)

SUNDAY_22 = datetime(2026, 3, 8, 22, 0, tzinfo=COPENHAGEN)
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def log_in_browser(page: CheckedPage, user: User, live_server: Any) -> None:
    """Reuse a test client's session (with a verified second factor where the role needs one)."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    page.page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def people(make_user: Callable[..., User], settings: Any) -> dict[str, Any]:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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
    team = Team.objects.create(
        name="Etnisk Konsulentteam",
        org_unit=team_unit,
        lead=consultant,
        directory_slug="etnisk-konsulentteam",
    )
    TOTPDevice.objects.create(user=consultant, name="app", confirmed=True)
    teacher = make_user(Role.PROFESSIONAL, name="Pia Lærer", org_unit=school)
    return {"consultant": consultant, "teacher": teacher, "team": team}


@pytest.mark.parametrize("width", WIDTHS)
def test_acute_help_from_the_home_page_at_22_on_a_sunday_in_one_step(
    page: CheckedPage, width: str, clock: FrozenClock
) -> None:
    from tillid.directory import demo

    demo.load()
    clock.set(SUNDAY_22)
    page.page.set_viewport_size(WIDTHS[width])
    page.goto("/")
    acute = page.page.get_by_role("link", name="Er det akut?")
    expect(acute).to_be_in_viewport()  # on a phone too, without scrolling
    expect(
        page.page.get_by_role("link", name="Bed Etnisk Konsulentteam om sparring")
    ).to_be_visible()
    expect(page.page.get_by_role("link", name="Hvad skal jeg gøre?")).to_be_visible()
    page.assert_accessible()

    acute.click()
    box = page.page.locator(".tillid-acute")
    expect(box.locator('a[href="tel:112"]')).to_be_visible()
    expect(box.locator('a[href="tel:+4570203082"]')).to_be_visible()  # LOKK, open round the clock
    emergency = box.locator('a[href="tel:+4599999999"]')
    expect(emergency).to_contain_text("Den Sociale Døgnvagt")
    expect(box).to_contain_text("Eksempelnummer – ikke et rigtigt nummer")
    expect(box.locator('a[href="tel:112"]')).to_be_in_viewport()
    page.assert_accessible()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_teacher_reaches_the_request_form_from_the_home_page_in_one_click(
    page: CheckedPage, live_server: Any, people: dict[str, Any], width: str
) -> None:
    log_in_browser(page, people["teacher"], live_server)
    page.page.set_viewport_size(WIDTHS[width])
    page.goto("/")
    page.page.get_by_role("link", name="Bed Etnisk Konsulentteam om sparring").click()
    expect(page.page.locator("h1")).to_have_text("Spørg Etnisk Konsulentteam")
    page.assert_accessible()


def test_cancelling_a_registration_asks_first(
    page: CheckedPage, live_server: Any, people: dict[str, Any]
) -> None:
    from tests.courses.factories import CourseSessionFactory

    session = CourseSessionFactory(capacity=5)
    placement = course_services.registration_create_for_user(
        session_id=session.pk, user=people["teacher"]
    )
    log_in_browser(page, people["teacher"], live_server)
    page.goto("/kurser/mine/")
    page.page.get_by_role("button", name="Afmeld").first.click()
    expect(page.page.locator("h1")).to_contain_text("Afmeld")
    expect(page.page.locator("main")).to_contain_text("Det kan ikke fortrydes.")
    page.assert_accessible()
    assert Registration.objects.get(pk=placement.registration.pk).status == "confirmed"
    page.page.get_by_role("button", name="Ja, afmeld mig").click()
    expect(page.page.locator(".alert-success")).to_contain_text("Du er afmeldt")
    assert Registration.objects.get(pk=placement.registration.pk).status != "confirmed"


def test_closing_a_case_asks_first_and_warns_about_a_meeting_ahead(
    page: CheckedPage, live_server: Any, people: dict[str, Any]
) -> None:
    consultant = people["consultant"]
    case, _created = consultation_services.consultation_submit(
        actor=people["teacher"], token=uuid.uuid4(), data=request_data()
    )
    Meeting.objects.create(
        consultation=case,
        starts_at=datetime.now(tz=COPENHAGEN) + timedelta(days=3),
        place="Skolen",
        created_by=consultant,
    )
    log_in_browser(page, consultant, live_server)
    page.goto(f"/konsulent/sager/{case.pk}/")
    form = page.page.locator("#afslut ~ form")
    form.locator("label", has_text="Sparring").first.click()
    form.get_by_label("Tidsforbrug i alt (minutter)").fill("45")
    form.get_by_role("button", name="Afslut sagen").click()
    expect(page.page.locator("h1")).to_contain_text("Afslut henvendelse")
    expect(page.page.locator("main")).to_contain_text("Der er planlagt et møde")
    page.assert_accessible()
    case.refresh_from_db()
    assert case.status != Status.CLOSED
    page.page.get_by_role("button", name="Ja, afslut sagen").click()
    expect(page.page.locator(".alert-success")).to_contain_text("Sagen er afsluttet")
    case.refresh_from_db()
    assert case.status == Status.CLOSED


def test_an_editor_reaches_the_cms_from_mit_arbejde(
    page: CheckedPage, live_server: Any, make_user: Callable[..., User]
) -> None:
    editor = make_user(Role.EDITOR, name="Eva Redaktør")
    log_in_browser(page, editor, live_server)
    page.goto("/mit-arbejde/")
    page.assert_accessible()
    page.page.get_by_role("link", name="Redigér indhold").click()
    expect(page.page).to_have_url(f"{live_server.url}/cms/")
