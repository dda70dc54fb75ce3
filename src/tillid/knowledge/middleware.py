"""The Wagtail admin under /cms/: who gets in, and the Content-Security-Policy it runs under.

Public pages keep Tillid's strict policy (no inline script or style). Wagtail's admin still
writes inline styles and a few inline scripts (wagtail/wagtail#1288), so under /cms/ only the
policy allows them, frames from the same origin (the live preview) and blob: images (uploads).
A preview keeps the strict policy except that the admin may frame it.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse

from tillid.accounts.roles import Role, has_role

CMS_PREFIX = "/cms/"
CMS_POLICY_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
}
CMS_POLICY_REPLACE = {"frame-ancestors": [SELF]}
CMS_LOGIN_PATHS = (f"{CMS_PREFIX}login/", f"{CMS_PREFIX}password_reset/")


def is_cms_path(request: HttpRequest) -> bool:
    return request.path_info.startswith(CMS_PREFIX)


def is_cms_preview(request: HttpRequest) -> bool:
    """Wagtail renders a page preview through the middleware with a dummy request for the page's
    own address; the admin shows it in a frame, so only the framing rule is relaxed for it."""
    return bool(getattr(request, "is_dummy", False))


class CmsAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware (subclassed as its docs invite) with the /cms/ relaxation."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if is_cms_path(request):
            parts.update = {**CMS_POLICY_UPDATE, **(parts.update or {})}
        if is_cms_path(request) or is_cms_preview(request):
            parts.replace = {**CMS_POLICY_REPLACE, **(parts.replace or {})}
        return parts


class CmsGateMiddleware:
    """Only the editor role reaches /cms/, through Tillid's own login and second factor.

    Wagtail checks its own permissions (``wagtailadmin.access_admin`` and the page rights) on
    top; this gate makes the role, not a stray permission or superuser flag, the key.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_cms_path(request):
            return self.get_response(request)
        user = request.user
        login_url = reverse("accounts:login")
        if request.path_info.startswith(CMS_LOGIN_PATHS):  # Wagtail's own login: not used
            if user.is_authenticated:
                return HttpResponseRedirect(CMS_PREFIX)
            return redirect_to_login(CMS_PREFIX, login_url=login_url)
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), login_url=login_url)
        is_verified = getattr(user, "is_verified", None)  # set by django-otp's middleware
        if getattr(user, "requires_two_factor", False) and not (is_verified and is_verified()):
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse(settings.TILLID_TWO_FACTOR_URL)}?{query}")
        if not has_role(user, Role.EDITOR):
            raise PermissionDenied
        return self.get_response(request)
