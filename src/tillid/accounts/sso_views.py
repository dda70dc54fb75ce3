"""The two pages of the municipality's login: the start (to the provider) and its callback.

Both are mozilla-django-oidc's views with Tillid's rules: 404 while single sign-on is not
configured; a failure (the provider refused, a token failed a check, the provider could not be
reached, a deactivated account) ends on the login page with a Danish message and an audit entry;
on success the user is logged in (a new session key), and when the provider's token says a
second factor was used (``sso.second_factor_done``) the session is verified too, so Tillid's own
TOTP step is skipped. Otherwise the access policy sends a user whose roles need it to the TOTP
step, as after a password login.
"""

from __future__ import annotations

from typing import Any

import requests
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from tillid.accounts import services, sso
from tillid.core import access, audit


@access.public
class ProviderLoginView(OIDCAuthenticationRequestView):
    """Sends the browser to the municipality's login (state, nonce and PKCE in the session)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso.is_configured():
            raise Http404
        return super().get(request)


@access.public
class ProviderCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back with a code (or an error)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso.is_configured():
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation:
            return self._fail("token")
        except requests.RequestException:
            return self._fail("unreachable")

    def login_failure(self) -> HttpResponse:
        reason = "refused" if self.request.GET.get("error") else "invalid"
        user = getattr(self, "user", None)
        if user is not None and not user.is_active:
            reason = "inactive"
        return self._fail(reason)

    def _fail(self, reason: str) -> HttpResponse:
        audit.record(actor=None, action="accounts.sso.login_failed", reason=reason)
        if reason == "unreachable":
            text = _("Kommunens login svarer ikke lige nu. Prøv igen om lidt.")
        elif reason == "inactive":
            text = _("Din konto er deaktiveret. Kontakt Tillids administrator.")
        else:
            text = _(
                "Du blev ikke logget ind med kommunens login. Prøv igen, og kontakt Tillids "
                "administrator, hvis det bliver ved."
            )
        messages.error(self.request, text)
        return HttpResponseRedirect(reverse("accounts:login"))

    def login_success(self) -> Any:
        response = super().login_success()
        outcome: sso.ProviderLogin | None = getattr(self.user, sso.PROVIDER_LOGIN_ATTRIBUTE, None)
        if outcome is not None and outcome.second_factor:
            services.provider_second_factor_login(request=self.request, user=self.user)
        return response
