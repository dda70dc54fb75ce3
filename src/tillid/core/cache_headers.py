"""Nothing a logged-in user sees is kept by a browser or proxy cache unless declared public.

Pages for logged-in users carry their name and often case data (participant lists, the audit
trail, exports); a shared or back-button cache must not keep them. ``NoStoreForUsersMiddleware``
marks every response to a logged-in user ``Cache-Control: no-store, private``; a view whose
responses are the same for everybody and hold nothing personal opts out with
``@cacheable_for_everyone``. Anonymous visitors' pages are left alone, so public pages stay
cacheable.

The server-side page cache for anonymous visitors (``tillid.core.page_cache``) is the other half
of the same rule: a page declared ``@cached_for_visitors`` is shared only among requests with no
session, and a logged-in user's page is never stored there.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

CACHEABLE_ATTRIBUTE = "tillid_cacheable_for_everyone"

ViewT = TypeVar("ViewT", bound=Callable[..., Any])


def cacheable_for_everyone(view: ViewT) -> ViewT:
    """Declare that ``view`` answers everybody alike, with nothing personal in it."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, CACHEABLE_ATTRIBUTE, True)
        return response

    return wrapped  # type: ignore[return-value]


class NoStoreForUsersMiddleware:
    """Place it early in MIDDLEWARE, so that it has the last word on the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        if getattr(response, CACHEABLE_ATTRIBUTE, False):
            return response
        patch_cache_control(response, no_store=True, private=True)
        return response
