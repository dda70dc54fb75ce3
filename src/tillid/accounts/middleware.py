"""End idle sessions of users who can reach case data (the roles that need 2FA)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from tillid.core import audit, clock

LAST_ACTIVITY_KEY = "tillid_last_activity"


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.requires_two_factor:
            now = clock.now()
            last = request.session.get(LAST_ACTIVITY_KEY)
            limit = timedelta(minutes=settings.TILLID_IDLE_TIMEOUT_MINUTES)
            if last is not None and now - datetime.fromisoformat(last) > limit:
                audit.record(actor=user, action="accounts.session.expired", target=user)
                logout(request)
                messages.info(
                    request, _("Du er logget ud, fordi du ikke har været aktiv et stykke tid.")
                )
                return redirect_to_login(request.get_full_path())
            request.session[LAST_ACTIVITY_KEY] = now.isoformat()
        return self.get_response(request)
