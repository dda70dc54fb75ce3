"""The page cache's rules (tillid.core.page_cache), on the local file cache and on Redis.

Every test runs twice: on the file cache ``scripts/run`` uses and on a real ``redis-server``
(Django's built-in Redis backend), which ``scripts/test`` starts and names in
``TILLID_TEST_REDIS_URL``; without it only the Redis half is skipped.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime, time, timedelta
from typing import Any

import pytest
from django.test import Client
from wagtail.models import Page

from tests.core import urls_page_cache
from tests.courses.factories import CourseSessionFactory
from tests.directory.factories import ScheduleFactory, ServiceFactory
from tillid.core import page_cache
from tillid.directory.opening_hours import COPENHAGEN
from tillid.knowledge import services as knowledge_services
from tillid.knowledge.models import ContentPage, HomePage, ToolboxArticlePage, ToolboxIndexPage

HEADER = page_cache.STATUS_HEADER


def redis_url() -> str:
    return os.environ.get("TILLID_TEST_REDIS_URL", "")


@pytest.fixture(params=["file", "redis"])
def shared_cache(request: pytest.FixtureRequest, tmp_path: Any, settings: Any) -> str:
    """The page cache on, on the file cache or on Redis (a key prefix of its own per test)."""
    if request.param == "redis":
        if not redis_url():
            # Like Chromium for the browser tests: never silently skipped.
            pytest.fail("TILLID_TEST_REDIS_URL is not set (scripts/test starts redis-server)")
        backend = {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    else:
        backend = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    settings.CACHES = {"default": backend}
    settings.TILLID_PAGE_CACHE_SECONDS = 300
    return request.param


@pytest.fixture
def home(db: None) -> HomePage:
    return knowledge_services.site_ensure()


def get(client: Client, url: str) -> tuple[str, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get(HEADER, ""), response.content.decode()


def test_a_page_is_served_from_the_cache_without_a_query(
    shared_cache: str, home: HomePage, client: Client, django_assert_num_queries: Any
) -> None:
    state, first = get(client, "/")
    assert state == "miss"
    with django_assert_num_queries(0):
        state, again = get(client, "/")
    assert (state, again) == ("hit", first)


def test_publishing_unpublishing_and_moving_a_page_invalidate(
    shared_cache: str, home: HomePage, client: Client
) -> None:
    toolbox = ToolboxIndexPage.objects.child_of(home).get()
    article = ToolboxArticlePage(title="Kontrol i familien", summary="<p>Kort.</p>")
    toolbox.add_child(instance=article)
    article.save_revision().publish()
    url = article.url
    assert "Kontrol i familien" in get(client, toolbox.url)[1]
    assert get(client, url)[0] == "miss"
    assert get(client, url)[0] == "hit"

    article.title = "Kontrol i hjemmet"
    article.save_revision().publish()
    state, body = get(client, url)
    assert state == "miss"
    assert "Kontrol i hjemmet" in body
    assert "Kontrol i hjemmet" in get(client, toolbox.url)[1]

    article.unpublish()
    assert client.get(url).status_code == 404
    assert "Kontrol i hjemmet" not in get(client, toolbox.url)[1]

    article.refresh_from_db()
    article.save_revision().publish()
    assert get(client, url)[0] == "miss"
    assert get(client, url)[0] == "hit"
    elsewhere = ContentPage.objects.live().child_of(home).first() or home
    Page.objects.get(pk=article.pk).move(elsewhere, pos="last-child")
    moved = client.get(url)  # Wagtail's automatic redirect to the new address, not the old page
    assert moved.status_code == 301
    assert moved["Location"] == Page.objects.get(pk=article.pk).url


def test_languages_are_kept_apart(shared_cache: str, home: HomePage, client: Client) -> None:
    get(client, "/")
    get(client, "/en/")
    danish_state, danish = get(client, "/")
    english_state, english = get(client, "/en/")
    assert (danish_state, english_state) == ("hit", "hit")
    assert '<html lang="da"' in danish
    assert '<html lang="en"' in english


@pytest.mark.urls("tests.core.urls_page_cache")
@pytest.mark.parametrize(
    "url", ["/cookie/", "/form/", "/message/", "/session/", "/missing/", "/undeclared/"]
)
def test_responses_that_set_a_cookie_hold_a_form_or_show_a_message_are_never_stored(
    shared_cache: str, db: None, client: Client, url: str
) -> None:
    before = urls_page_cache.COUNTER["renders"]
    first = client.get(url)
    second = client.get(url)
    assert urls_page_cache.COUNTER["renders"] == before + 2, "rendered twice, never stored"
    assert second.get(HEADER) != "hit"
    assert first.content != second.content or first.status_code == 404


@pytest.mark.urls("tests.core.urls_page_cache")
def test_visitors_with_a_session_or_a_message_waiting_and_users_are_never_served_cached_pages(
    shared_cache: str, client: Client, make_user: Any, login: Any
) -> None:
    client.get("/plain/")
    assert client.get("/plain/")[HEADER] == "hit"
    for name in ("messages", "sessionid"):
        visitor = Client()
        visitor.cookies[name] = "something"
        response = visitor.get("/plain/")
        assert HEADER not in response
        assert response.content != client.get("/plain/").content
    user = login(make_user("professional"))
    assert HEADER not in user.get("/plain/")


def test_pages_expire_when_opening_hours_turn_open_into_closed(
    shared_cache: str, db: None, client: Client, clock: Any
) -> None:
    service = ServiceFactory(name="Rådgivningen i Valby", slug="raadgivningen-i-valby")
    ScheduleFactory(service=service, weekday=0, opens_at=time(9), closes_at=time(15))
    url = f"/find-hjaelp/{service.slug}/"
    clock.set(datetime(2026, 11, 30, 14, 57, tzinfo=COPENHAGEN))  # a Monday
    state, body = get(client, url)
    assert state == "miss"
    assert "Åben nu" in body
    clock.set(datetime(2026, 11, 30, 14, 59, 59, tzinfo=COPENHAGEN))
    assert get(client, url)[0] == "hit"
    clock.set(datetime(2026, 11, 30, 15, 0, tzinfo=COPENHAGEN))
    state, body = get(client, url)
    assert state == "miss"
    assert "Åben nu" not in body
    assert "Lukket" in body


def test_directory_and_course_changes_invalidate(
    shared_cache: str, db: None, client: Client
) -> None:
    service = ServiceFactory(name="Rådgivningen i Valby", slug="raadgivningen-i-valby")
    session = CourseSessionFactory(course__is_published=True, capacity=10)
    pages = [f"/find-hjaelp/{service.slug}/", f"/kurser/{session.course.slug}/"]
    for url in pages:
        get(client, url)
        assert get(client, url)[0] == "hit"
    service.name = "Rådgivningen i Vanløse"
    service.save()
    assert "Rådgivningen i Vanløse" in get(client, pages[0])[1]
    session.capacity = 17
    session.save()
    state, body = get(client, pages[1])
    assert state == "miss"
    assert "17 ledige pladser" in body


def test_a_course_page_expires_when_registration_closes(
    shared_cache: str, db: None, client: Client, clock: Any
) -> None:
    session = CourseSessionFactory(course__is_published=True, capacity=10)
    url = f"/kurser/{session.course.slug}/"
    clock.set(session.registration_deadline - timedelta(minutes=2))
    assert "10 ledige pladser" in get(client, url)[1]
    clock.set(session.registration_deadline)
    assert get(client, url)[0] == "hit"
    clock.set(session.registration_deadline + timedelta(seconds=1))
    state, body = get(client, url)
    assert state == "miss"
    assert "Tilmeldingen er lukket" in body


def test_fragments_are_kept_until_an_invalidation(shared_cache: str, db: None) -> None:
    built: list[int] = []

    def build() -> str:
        built.append(1)
        return f"menu {len(built)}"

    assert page_cache.fragment("menu", build, "editor") == "menu 1"
    assert page_cache.fragment("menu", build, "editor") == "menu 1"
    assert page_cache.fragment("menu", build, "professional") == "menu 2"
    page_cache.invalidate("knowledge")
    assert page_cache.fragment("menu", build, "editor") == "menu 3"
