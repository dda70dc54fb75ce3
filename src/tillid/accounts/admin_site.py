"""The Django admin, for administrators only, behind Tillid's own login and second factor."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from tillid.accounts.roles import Role, has_role


class TillidAdminSite(admin.AdminSite):
    site_header = "Tillid · administration"
    site_title = "Tillid"
    index_title = "Brugere, roller og enheder"

    def has_permission(self, request: HttpRequest) -> bool:
        """The administrator role (not Django's is_staff flag) and a verified second factor."""
        user: Any = request.user
        return has_role(user, Role.ADMINISTRATOR) and bool(user.is_verified())

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """One login for all of Tillid: password, then the second factor."""
        target = request.GET.get("next") or reverse("admin:index")
        if request.user.is_authenticated:
            return redirect_to_login(target, login_url=reverse("accounts:two_factor"))
        return redirect_to_login(target)
