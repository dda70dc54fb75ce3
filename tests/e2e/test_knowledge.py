"""The knowledge portal in a browser: the editorial workflow end to end, and an axe scan of
every public page type with the demo content."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from playwright.sync_api import Browser, expect

from tests.e2e.conftest import RESULTS, CheckedPage
from tests.factories import TEST_PASSWORD
from tests.knowledge.conftest import DUMMY_TASKS, IMMEDIATE_TASKS, index_all_pages
from tillid.accounts.roles import Role
from tillid.knowledge import services
from tillid.knowledge.models import ToolboxArticlePage, ToolboxIndexPage

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: CheckedPage, email: str) -> None:
    page.goto("/konto/log-ind/")
    page.page.get_by_label("E-mail").fill(email)
    page.page.get_by_label("Adgangskode").fill(TEST_PASSWORD)
    page.page.get_by_role("button", name="Log ind").click()
    expect(page.page.locator("h1")).to_have_text("Mit arbejde")


def test_editor_writes_an_article_and_an_approver_publishes_it(
    page: CheckedPage, browser: Browser, live_server: Any, make_user, settings
) -> None:
    settings.TASKS = IMMEDIATE_TASKS  # the search index is updated at once (no worker here)
    services.site_ensure()
    toolbox = ToolboxIndexPage.objects.get()
    editor = make_user(Role.EDITOR, name="Erik Redaktør")
    approver = make_user(Role.EDITOR, name="Gitte Godkender")
    approver.groups.add(Group.objects.get(name=services.APPROVER_GROUP))

    log_in(page, editor.email)
    page.goto(f"/cms/pages/add/knowledge/toolboxarticlepage/{toolbox.pk}/")
    page.page.locator("#id_title").fill("Trivselssamtaler i skolen")
    summary = page.page.locator(".Draftail-Editor .public-DraftEditor-content").first
    expect(summary).to_be_editable()  # Draftail has started
    summary.click()
    summary.press_sequentially("Spørg eleven alene og i ro om frihed i fritiden.")
    # Draftail writes its JSON to the hidden input the form posts; wait for it.
    expect(page.page.locator("input[name=summary]")).to_have_value(re.compile("Spørg eleven"))
    page.page.locator("button[name=action-submit]").dispatch_event("click")
    expect(page.page.locator(".messages")).to_contain_text("Trivselssamtaler i skolen")
    article = ToolboxArticlePage.objects.get(title="Trivselssamtaler i skolen")
    assert not article.live
    assert page.csp_violations == []

    reviewer = CheckedPage(browser.new_context(locale="da-DK").new_page(), live_server.url)
    log_in(reviewer, approver.email)
    reviewer.goto(f"/cms/pages/{article.pk}/edit/")
    approve = reviewer.page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    )
    approve.dispatch_event("click")
    expect(reviewer.page.locator(".messages")).to_contain_text("Trivselssamtaler i skolen")
    assert reviewer.csp_violations == []
    article.refresh_from_db()
    assert article.live

    page.goto("/vaerktoejskasse/")
    expect(page.page.get_by_role("link", name="Trivselssamtaler i skolen")).to_be_visible()
    page.goto("/soeg/?q=trivselssamtaler")
    expect(page.page.locator("#results-knowledge")).to_be_visible()
    expect(page.page.get_by_role("link", name="Trivselssamtaler i skolen")).to_be_visible()
    page.assert_accessible()
    reviewer.page.context.close()


def test_every_public_page_type_passes_axe(page: CheckedPage, settings) -> None:
    from tillid.directory import demo as directory_demo
    from tillid.knowledge import demo as knowledge_demo

    with override_settings(TASKS=DUMMY_TASKS):
        services.site_ensure()
        directory_demo.load()
        knowledge_demo.load()
    index_all_pages()
    for url in (
        "/",
        "/vaerktoejskasse/",
        "/vaerktoejskasse/tvangsaegteskab/",
        "/vaerktoejskasse/digital-kontrol/",  # the accordion
        "/lovgivning/",
        "/forskning/",
        "/forskning/demo-unges-hverdag-med-kontrol/",
        "/inspiration/",
        "/inspiration/hvem-bestemmer-over-mit-liv/",
        "/om-tillid/",
        "/privatliv/",
        "/tilgaengelighed/",
        "/soeg/?q=familien",
        "/soeg/?q=og",
        "/en/vaerktoejskasse/samtalen/",
    ):
        response = page.goto(url)
        assert response.status == 200, url
        page.assert_accessible()
    page.goto("/vaerktoejskasse/digital-kontrol/")
    button = page.page.locator(".accordion-button").first
    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    RESULTS.mkdir(exist_ok=True)
    page.goto("/")
    page.page.screenshot(path=str(RESULTS / "knowledge-home.png"), full_page=True)
