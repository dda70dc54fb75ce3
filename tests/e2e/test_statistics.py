"""A manager opens the statistics from "Mit arbejde": the page, its tables and charts pass axe."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from tests.e2e.conftest import RESULTS, CheckedPage
from tests.e2e.test_courses import log_in
from tests.stats import data
from tillid.accounts.models import User
from tillid.accounts.roles import Role


def test_manager_sees_accessible_figures_and_charts(
    page: CheckedPage, make_user: Callable[..., User]
) -> None:
    root = data.unit("Socialforvaltningen")
    centre = data.unit("Center for Udsatte", root)
    team = data.team(data.unit("Etnisk Konsulentteam", centre))
    data.consultations(team, 9, at=data.moment(2026, 3, 3), administration=root)
    data.consultations(team, 6, at=data.moment(2026, 5, 5), urgency="akut")
    author = make_user(Role.PROFESSIONAL, org_unit=centre)
    data.assessments(author, 6, at=data.moment(2026, 2, 2), suggested="lav", final="lav")
    data.course_session(
        at=data.moment(2026, 5, 5), capacity=20, attended=8, no_show=5, waiting=6, ratings=[4] * 6
    )
    manager = make_user(Role.MANAGER, org_unit=root)
    log_in(page, manager)
    page.page.get_by_role("link", name="Statistik").click()
    expect(page.page.locator("h1")).to_have_text("Statistik")
    page.page.get_by_label("År", exact=True).select_option("2026")
    page.page.get_by_role("button", name="Vis tal").click()
    expect(page.page.locator("#tabel-henvendelser-hjaelp")).to_contain_text("Marts 2026")
    assert page.page.locator("svg[role=img]").count() >= 6
    expect(page.page.locator("#tabel-kurser")).to_contain_text("65,0 %")
    page.assert_accessible()
    RESULTS.mkdir(exist_ok=True)
    page.page.screenshot(path=str(RESULTS / "statistics.png"), full_page=True)
    page.page.get_by_label("Område").select_option(label="– Center for Udsatte")
    page.page.get_by_role("button", name="Vis tal").click()
    expect(page.page.locator("h2").first).to_contain_text("Center for Udsatte, 2026")
    page.assert_accessible()
