"""Declared public views that break one page-cache rule each, for tests/core/test_page_cache.py."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from tillid.core import access
from tillid.core.page_cache import cached_for_visitors

COUNTER = {"renders": 0}


def _rendered(text: str) -> HttpResponse:
    COUNTER["renders"] += 1
    return HttpResponse(f"<p>{text} #{COUNTER['renders']}</p>")


@access.public
@cached_for_visitors
def plain(request: HttpRequest) -> HttpResponse:
    return _rendered("plain")


@access.public
@cached_for_visitors
def sets_cookie(request: HttpRequest) -> HttpResponse:
    response = _rendered("cookie")
    response.set_cookie("seen", "1")
    return response


@access.public
@cached_for_visitors
def with_form(request: HttpRequest) -> HttpResponse:
    token = get_token(request)
    return _rendered(f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">')


@access.public
@cached_for_visitors
def with_message(request: HttpRequest) -> HttpResponse:
    messages.info(request, "Tak for din tilmelding")
    return _rendered(" ".join(str(message) for message in messages.get_messages(request)))


@access.public
@cached_for_visitors
def session_write(request: HttpRequest) -> HttpResponse:
    request.session["visited"] = True
    return _rendered("session")


@access.public
@cached_for_visitors
def not_found(request: HttpRequest) -> HttpResponse:
    COUNTER["renders"] += 1
    return HttpResponse("missing", status=404)


@access.public
def undeclared(request: HttpRequest) -> HttpResponse:
    return _rendered("undeclared")


urlpatterns = [
    path("plain/", plain),
    path("cookie/", sets_cookie),
    path("form/", with_form),
    path("message/", with_message),
    path("session/", session_write),
    path("missing/", not_found),
    path("undeclared/", undeclared),
]
