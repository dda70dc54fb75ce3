"""Fixtures of the knowledge portal: the standing page tree, demo content and a search index.

The test database is migrated, so post_migrate has already created the home page, the sections
and the editors' permissions (a transactional test's flush runs it again).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings
from modelsearch import index
from wagtail.models import Page

from tillid.knowledge import demo as knowledge_demo
from tillid.knowledge import services
from tillid.knowledge.models import HomePage, ToolboxArticlePage, ToolboxIndexPage

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def _immediate_tasks(settings: Any) -> None:
    """Run Wagtail's search-index tasks at once: tests have no task worker."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def home(db: None) -> HomePage:
    return services.site_ensure()


@pytest.fixture
def toolbox(home: HomePage) -> ToolboxIndexPage:
    return ToolboxIndexPage.objects.child_of(home).get()


def index_all_pages() -> None:
    """Index the pages post_migrate created before the tasks ran at once."""
    for page in Page.objects.filter(depth__gt=1).specific():
        index.insert_or_update_object(page)


@pytest.fixture(scope="module")
def _demo_in_module(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Load the demo once per test module inside a transaction that is rolled back at the end;
    each test runs in a savepoint within it (pytest-django's ``db``), so tests stay isolated."""
    from tillid.directory import demo as directory_demo

    media = tmp_path_factory.mktemp("media")  # the demo's documents
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(MEDIA_ROOT=media):
        with override_settings(TASKS=DUMMY_TASKS):  # index once below, not page by page
            services.site_ensure()
            directory_demo.load()
            knowledge_demo.load()
        index_all_pages()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_in_module: None, home: HomePage) -> HomePage:
    """The directory's and the knowledge portal's demo content, indexed for search."""
    return home


@pytest.fixture
def make_article(toolbox: ToolboxIndexPage) -> Callable[..., ToolboxArticlePage]:
    def make(title: str, *, summary: str = "<p>Kort fortalt.</p>", **fields: Any) -> Any:
        article = ToolboxArticlePage(title=title, summary=summary, **fields)
        toolbox.add_child(instance=article)
        article.save_revision().publish()
        return article

    return make
