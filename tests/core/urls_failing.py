"""A URLconf with a view that fails, to test the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from tillid.core import access


@access.public
def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("secret internal detail")


urlpatterns = [path("boom/", boom)]
handler500 = "tillid.core.views.server_error"
