"""Wagtail's page tree: the catch-all that must come last in the URLconf.

Wagtail's own ``wagtail.urls`` is not included: it would add a second login page. Pages
restricted to logged-in users send visitors to Tillid's login instead (``wagtailcore_login``).
"""

from django.urls import path, re_path
from wagtail import views as wagtail_views

from tillid.core.page_cache import cached_for_visitors
from tillid.knowledge import views

urlpatterns = [
    path("_util/login/", views.page_login_redirect, name="wagtailcore_login"),
    re_path(r"^((?:[\w\-]+/)*)$", cached_for_visitors(wagtail_views.serve), name="wagtail_serve"),
]
