"""Login and logout. Two-factor enrolment and verification live in ``two_factor_views``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse, reverse_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tillid.accounts import password_reset, sso
from tillid.accounts.forms import (
    LoginForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from tillid.accounts.models import User
from tillid.accounts.roles import ROLE_DESCRIPTIONS, Role
from tillid.core import access, audit, clock, mail
from tillid.core.navigation import task_links


@access.public
class LoginView(auth_views.LoginView):
    """Password login, and "Log ind med kommunens login" when single sign-on is configured."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if sso.is_configured():
            target = self.get_redirect_url()
            query = f"?{urlencode({'next': target})}" if target else ""
            context["sso_login_url"] = reverse("sso_login") + query
        return context


@access.public
class LogoutView(auth_views.LogoutView):
    """POST only (Django's default), so a link or image cannot log a user out."""


@access.login_required
class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("my_work")

    def form_valid(self, form: auth_forms.PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        user: User = self.request.user  # type: ignore[assignment]
        audit.record(actor=user, action="accounts.user.password_changed", target=user)
        _tell_password_changed(user)
        messages.success(self.request, _("Din adgangskode er ændret."))
        return response


def _tell_password_changed(user: User) -> None:
    """A changed password is announced by mail, so a user notices if it was not them."""
    mail.send_mail(
        to=user.email,
        template="core/email/password_changed",
        context={"name": user.name, "changed_at": clock.now()},
        language=get_language() or settings.LANGUAGE_CODE,
    )


@access.public
class PasswordResetView(auth_views.PasswordResetView):
    """Always answers the same, whether or not the address has an account.

    Rate-limited per address and per client (``password_reset_allowed``); over the limit the
    form says so, in the same words for every address.
    """

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: auth_forms.PasswordResetForm) -> HttpResponse:
        allowed = password_reset.password_reset_allowed(
            email=form.cleaned_data["email"], client_address=get_client_ip_address(self.request)
        )
        if not allowed:
            form.add_error(
                None,
                _(
                    "Der er bedt om for mange nye adgangskoder på kort tid. Vent en time, og "
                    "prøv igen. Har du allerede fået en mail fra Tillid, kan du bruge linket i den."
                ),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)


@access.public
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


@access.public
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: auth_forms.SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(actor=None, action="accounts.user.password_reset", target=form.user)
        _tell_password_changed(form.user)
        return response


@access.public
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this instead of the login view while an account is locked."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@access.login_required
def my_work(request: HttpRequest) -> HttpResponse:
    """Each user's start page: their roles and the tasks the apps offer those roles."""
    user: User = request.user  # type: ignore[assignment]
    roles = [
        (str(role.label), str(ROLE_DESCRIPTIONS.get(role, "")))
        for role in Role
        if role in user.role_names
    ]
    return render(
        request,
        "accounts/my_work.html",
        {"roles": roles, "links": task_links(user.role_names)},
    )
