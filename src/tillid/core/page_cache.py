"""The page cache: public pages kept for anonymous visitors in Django's shared cache.

When a newsletter goes out, hundreds of professionals open the same page in the same minute; each
anonymous request for a declared public page is answered from the cache instead of being rendered
again. Rules (tested on the file cache and on Redis in ``tests/core/test_page_cache.py``):

- **Declared views only.** A view is cached when it is wrapped in ``@cached_for_visitors``: the
  Wagtail page tree, the directory's and the course calendar's public pages. Everything else is
  rendered every time (deny by default).
- **Anonymous visitors only.** A request is served from or stored into the cache only when it is
  a GET (or HEAD) without a session cookie, a messages cookie or an ``Authorization`` header:
  a logged-in user, or a visitor with a message waiting, always gets a fresh rendering (and
  ``tillid.core.cache_headers`` keeps logged-in users' pages out of browser caches).
- **Nothing personal is stored.** A response is stored only with status 200, not streaming, and
  only if rendering it set no cookie (session, CSRF, messages), used no CSRF token (a form) and
  showed or queued no message.
- **Keyed** by the host, scheme, active language (``/en/`` pages differ from Danish ones) and the
  full path with its query string.
- **Invalidated** by a new *generation*: every key includes the current generation token, and
  ``invalidate()`` replaces it, so every stored page is dropped at once in every process and on
  every machine that shares the cache. Saving or deleting anything in the apps that public pages
  show (``INVALIDATING_APPS``: the CMS's pages, documents, images and redirects, the directory,
  the courses and the taxonomy), and Wagtail's publish, unpublish and move signals, invalidate
  immediately and again after the transaction commits (so that a page rendered from the old data
  in between is dropped as well).
- **Lifetimes** end at ``TILLID_PAGE_CACHE_SECONDS`` or at the next moment a page's content
  changes by itself, whichever comes first: apps register their next such moment with
  ``register_expiry`` (the directory: the next time any service opens or closes, and midnight,
  when "i dag" becomes another day; the courses: the next registration deadline, start or end of
  a session). Expiry is decided on Tillid's clock (``tillid.core.clock``), so tests move time.

Fragments of logged-in pages that hold nothing personal (the menu of a role, a teaser) use
``fragment()``: the same generation and expiry, keyed by what the fragment depends on.

If the cache cannot be reached, pages are rendered as if nothing were cached and the error is
logged; a lost invalidation is logged as an error.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.checks import CheckMessage, Tags, Warning, register
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import translation
from wagtail.signals import page_published, page_unpublished, post_page_move

from tillid.core import clock

logger = logging.getLogger(__name__)

ViewT = TypeVar("ViewT", bound=Callable[..., Any])
T = TypeVar("T")

VIEW_ATTRIBUTE = "tillid_cached_for_visitors"
GENERATION_KEY = "page-cache:generation"
STATUS_HEADER = "X-Page-Cache"  # "hit" or "miss", on declared pages for anonymous visitors
# Apps whose rows public pages show; a save or delete in any of them invalidates every page.
INVALIDATING_APPS = frozenset(
    {
        "knowledge",
        "directory",
        "courses",
        "taxonomy",
        "wagtailcore",
        "wagtaildocs",
        "wagtailimages",
        "wagtailredirects",
    }
)

ExpirySource = Callable[[datetime], datetime | None]
_expiry_sources: dict[str, ExpirySource] = {}
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def cached_for_visitors(view: ViewT) -> ViewT:
    """Declare that ``view`` answers every anonymous visitor alike: the page cache may keep it."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return view(request, *args, **kwargs)

    setattr(wrapped, VIEW_ATTRIBUTE, True)
    return wrapped  # type: ignore[return-value]


def register_expiry(app_label: str, source: ExpirySource) -> None:
    """Register the app's "next moment after ``now`` when a public page changes by itself".

    ``source(now)`` may be slow (the directory looks at every service's hours): its answer is
    kept until that moment or until a row of ``app_label`` changes, not just until the next
    invalidation, so a burst of course registrations does not recompute the directory's.
    """
    _expiry_sources[app_label] = source


def enabled() -> bool:
    """``TILLID_PAGE_CACHE_SECONDS=0`` turns the page and fragment cache off."""
    return int(settings.TILLID_PAGE_CACHE_SECONDS) > 0


# ---------------------------------------------------------------- generation and expiry


def _generation(key: str = GENERATION_KEY) -> str:
    token = cache.get(key)
    if token is None:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        token = cache.get(key)
    return str(token)


def _app_generation_key(app_label: str) -> str:
    return f"{GENERATION_KEY}:{app_label}"


def _invalidate_now(app_label: str | None) -> None:
    tokens = {GENERATION_KEY: uuid.uuid4().hex}
    if app_label in _expiry_sources:
        tokens[_app_generation_key(app_label)] = uuid.uuid4().hex
    try:
        cache.set_many(tokens, timeout=None)
    except Exception:
        logger.exception("The page cache could not be invalidated; pages may be stale.")


def invalidate(app_label: str | None = None) -> None:
    """Drop every cached page and fragment, now and once more after the transaction commits.

    ``app_label`` names the app whose rows changed, so that its expiry source is asked again.
    """
    _invalidate_now(app_label)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(functools.partial(_invalidate_now, app_label))


def _until_key(token: str) -> str:
    return f"page-cache:{token}:until"


def next_midnight(now: datetime) -> datetime:
    """Dates on pages ("i dag", "i morgen", this month's courses) change at local midnight."""
    local = now.astimezone(COPENHAGEN)
    tomorrow = local.date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0, 0), COPENHAGEN)


def _source_moment(
    app_label: str, source: ExpirySource, now: datetime, limit: datetime
) -> datetime:
    key = f"page-cache:{app_label}:{_generation(_app_generation_key(app_label))}:next"
    known = cache.get(key)
    if isinstance(known, tuple) and known[0] <= now < known[1]:
        return known[1]
    moment = source(now)
    if moment is None or moment <= now:
        moment = limit
    cache.set(key, (now, moment), timeout=_seconds(now, moment))
    return moment


def next_change(now: datetime) -> datetime:
    """The first moment after ``now`` at which some public page changes by itself."""
    limit = now + timedelta(seconds=settings.TILLID_PAGE_CACHE_SECONDS)
    moments = [
        _source_moment(label, source, now, limit) for label, source in _expiry_sources.items()
    ]
    return min([*moments, next_midnight(now), limit])


def _expires_at(token: str, now: datetime, known: Any) -> datetime:
    """``next_change(now)``, computed once per generation until that moment has come."""
    if isinstance(known, tuple) and known[0] <= now < known[1]:
        return known[1]
    until = next_change(now)
    cache.set(_until_key(token), (now, until), timeout=_seconds(now, until))
    return until


def _seconds(now: datetime, until: datetime) -> int:
    """The backend's own timeout: never beyond the page cache's longest lifetime."""
    remaining = math.ceil((until - now).total_seconds())
    return max(1, min(remaining, settings.TILLID_PAGE_CACHE_SECONDS))


# ---------------------------------------------------------------- pages


def _eligible(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _page_key(token: str, request: HttpRequest, host: str) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    address = f"{request.scheme}://{host}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{token}:page:{language}:{digest}"


@dataclass(frozen=True)
class _Slot:
    token: str
    key: str
    now: datetime
    expires_at: datetime


def _storable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # a CSRF token was rendered: a form that belongs to one visitor
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage._queued_messages or storage._loaded_messages):
        return False
    content = getattr(response, "content", b"")
    return b"csrfmiddlewaretoken" not in content


def _from_entry(entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response[STATUS_HEADER] = "hit"
    return response


class PageCacheMiddleware:
    """Serve and store declared public pages for anonymous visitors (see the module docstring).

    Place it right after ``NoStoreForUsersMiddleware``: its response step then sees every cookie
    the inner middleware (sessions, CSRF, messages) sets, and ``process_view`` runs once the
    language of the request is known.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        slot: _Slot | None = getattr(request, "_tillid_page_cache_slot", None)
        if slot is None:
            return response
        response[STATUS_HEADER] = "miss"
        if request.method == "GET" and _storable(request, response):
            entry = {
                "content": response.content,  # type: ignore[attr-defined]
                "status": response.status_code,
                "headers": [(k, v) for k, v in response.items() if k != STATUS_HEADER],
                "stored_at": slot.now,
                "expires_at": slot.expires_at,
            }
            try:
                cache.set(slot.key, entry, timeout=_seconds(slot.now, slot.expires_at))
            except Exception:
                logger.warning("The page cache could not store a page.", exc_info=True)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponseBase | None:
        if not (getattr(view_func, VIEW_ATTRIBUTE, False) and enabled() and _eligible(request)):
            return None
        now = clock.now()
        address = request.get_host()  # an unknown Host header fails here, as it would anyway
        try:
            token = _generation()
            key = _page_key(token, request, address)
            found = cache.get_many([key, _until_key(token)])
            expires_at = _expires_at(token, now, found.get(_until_key(token)))
        except Exception:
            logger.warning("The page cache could not be read.", exc_info=True)
            return None
        entry = found.get(key)
        if entry is not None and entry["stored_at"] <= now < entry["expires_at"]:
            return _from_entry(entry)
        request._tillid_page_cache_slot = _Slot(token, key, now, expires_at)  # type: ignore[attr-defined]
        return None


# ---------------------------------------------------------------- fragments


def fragment(name: str, build: Callable[[], T], *depends_on: object) -> T:
    """``build()``, kept until the next invalidation or change (nothing personal, ever: the
    key holds only ``name``, the language and ``depends_on``, e.g. a role's name)."""
    if not enabled():
        return build()
    now = clock.now()
    try:
        token = _generation()
        parts = ":".join(str(part) for part in depends_on)
        key = f"page-cache:{token}:fragment:{name}:{translation.get_language()}:{parts}"
        found = cache.get_many([key, _until_key(token)])
        expires_at = _expires_at(token, now, found.get(_until_key(token)))
    except Exception:
        logger.warning("The fragment cache could not be read.", exc_info=True)
        return build()
    entry = found.get(key)
    if entry is not None and entry[0] <= now < entry[1]:
        return entry[2]
    value = build()
    try:
        cache.set(key, (now, expires_at, value), timeout=_seconds(now, expires_at))
    except Exception:
        logger.warning("The fragment cache could not store %s.", name, exc_info=True)
    return value


# ---------------------------------------------------------------- invalidation


def _on_model_change(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in INVALIDATING_APPS:
        invalidate(meta.app_label)


def _on_page_event(sender: Any, **kwargs: Any) -> None:
    invalidate("wagtailcore")


def connect_invalidation() -> None:
    """Called once from ``CoreConfig.ready``."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"page_cache.{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_event, dispatch_uid=f"page_cache.page.{id(signal)}")


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """Production keeps the page cache in Redis: a file cache is one machine's alone."""
    backend = str(settings.CACHES.get("default", {}).get("BACKEND", ""))
    if settings.TILLID_ENV != "production" or backend.endswith("RedisCache"):
        return []
    return [
        Warning(
            "TILLID_REDIS_URL is not set: the page cache and the password-reset limits use a "
            "file cache on this machine only.",
            hint="Set TILLID_REDIS_URL (redis://host:6379/0) when more than one app server runs "
            "Tillid, or another server's publish would leave this one serving stale pages.",
            id="tillid.W001",
        )
    ]
