"""Courses in the browser: a full session, the waiting list, an emailed cancel link, promotion.

Every page visited gets an axe-core scan. The emailed link is read from the outbox, where
``send_mail`` stored the mail that the task worker would send.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from tests.courses.factories import CourseSessionFactory
from tests.e2e.conftest import RESULTS, CheckedPage
from tests.factories import TEST_PASSWORD
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import OutgoingMail
from tillid.courses import services
from tillid.courses.models import CourseSession

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: CheckedPage, user: User) -> None:
    page.goto("/konto/log-ind/")
    page.page.get_by_label("E-mail").fill(user.email)
    page.page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()
    expect(page.page.locator("h1")).to_have_text("Mit arbejde")


def cancel_path_for(email: str) -> str:
    mail = OutgoingMail.objects.get(to=email, template="courses/email/registration_confirmed")
    match = re.search(r"https?://[^/\s]+(/kurser/tilmelding/afmeld/[^\s]+/)", mail.body_text)
    assert match, mail.body_text
    return match.group(1)


@pytest.fixture
def full_session(make_user: Callable[..., User], settings: Any) -> CourseSession:
    session: CourseSession = CourseSessionFactory(
        capacity=1,
        course__title="Den gode samtale med unge",
        course__slug="den-gode-samtale",
    )
    holder = make_user(Role.PROFESSIONAL, name="Ali Khan", email="ali.khan@kk.dk", password=None)
    services.registration_create_for_user(session_id=session.pk, user=holder)
    return session


def test_waiting_list_promotion_after_an_emailed_cancel_link(
    page: CheckedPage,
    browser: Browser,
    live_server: Any,
    make_user: Callable[..., User],
    full_session: CourseSession,
) -> None:
    sara = make_user(Role.PROFESSIONAL, name="Sara Nielsen", email="sara.nielsen@kk.dk")
    log_in(page, sara)

    page.page.get_by_role("link", name="Kurser", exact=True).first.click()
    expect(page.page.locator("h1")).to_have_text("Kurser og workshops")
    expect(page.page.locator(".courses-session")).to_contain_text("Venteliste")
    page.assert_accessible()

    page.page.get_by_role("link", name="Den gode samtale med unge").click()
    expect(page.page.locator("h1")).to_have_text("Den gode samtale med unge")
    page.assert_accessible()

    page.page.get_by_role("link", name=re.compile("Skriv dig på ventelisten")).click()
    expect(page.page.locator("h1")).to_have_text("Tilmelding")
    page.assert_accessible()
    page.page.get_by_label("Særlige behov").fill("Vegetar")
    page.page.get_by_role("button", name="Skriv mig på ventelisten").click()

    expect(page.page.locator("h1")).to_have_text("Mine kurser")
    expect(page.page.get_by_role("status").first).to_contain_text("ventelisten som nr. 1")
    expect(page.page.locator("main")).to_contain_text("På venteliste som nr. 1")
    expect(page.page.locator("main")).not_to_contain_text("Rådhuspladsen")
    page.assert_accessible()

    # The participant with the seat cancels through the link in their mail, without logging in.
    context = browser.new_context(locale="da-DK")
    other = CheckedPage(context.new_page(), live_server.url)
    other.goto(cancel_path_for("ali.khan@kk.dk"))
    expect(other.page.locator("h1")).to_have_text("Afmeld kursus")
    other.assert_accessible()
    other.page.get_by_role("button", name="Afmeld mig").click()
    expect(other.page.locator("h1")).to_have_text("Du er afmeldt")
    other.assert_accessible()
    context.close()

    page.page.reload()
    expect(page.page.locator("main")).to_contain_text("Tilmeldt")
    expect(page.page.locator("main")).to_contain_text("Rådhuspladsen 1")
    page.assert_accessible()
    assert OutgoingMail.objects.filter(
        to="sara.nielsen@kk.dk", template="courses/email/registration_promoted"
    ).exists()
    RESULTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(RESULTS / "courses-my-courses.png"), full_page=True)


def test_course_administrator_sees_participants_and_marks_attendance_on_a_phone(
    browser: Browser,
    live_server: Any,
    make_user: Callable[..., User],
    full_session: CourseSession,
) -> None:
    admin = make_user(Role.COURSE_ADMINISTRATOR, name="Mads Holm")
    context = browser.new_context(locale="da-DK", viewport={"width": 390, "height": 844})
    page = CheckedPage(context.new_page(), live_server.url)
    log_in(page, admin)

    page.page.get_by_role("link", name="Kursusadministration").click()
    expect(page.page.locator("h1")).to_have_text("Kursusadministration")
    page.assert_accessible()
    page.page.locator(".table a").first.click()
    expect(page.page.locator("h1")).to_have_text("Den gode samtale med unge")
    expect(page.page.locator("main")).to_contain_text("Ali Khan")
    page.assert_accessible()

    page.page.get_by_role("link", name="Registrér fremmøde").click()
    expect(page.page.locator("h1")).to_have_text("Fremmøde")
    page.assert_accessible()
    page.page.get_by_role("link", name="Tilbage til holdet").click()
    page.page.get_by_role("link", name="Skriv til deltagerne").click()
    expect(page.page.locator("h1")).to_have_text("Skriv til deltagerne")
    page.assert_accessible()
    page.page.get_by_role("button", name="Send beskeden").click()
    expect(page.page.locator(".error-summary")).to_be_visible()
    page.assert_accessible()
    context.close()
