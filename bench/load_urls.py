"""Tillid's URLs plus ``/bench/ok/``: a view that returns "ok" behind the same middleware.

Used by bench/load.py only (through load_settings): the ceiling every page is compared with.
It is not part of the application.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tillid.core import access
from tillid.urls import urlpatterns as tillid_urlpatterns


@access.public
def ok(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok/", ok), *tillid_urlpatterns]
