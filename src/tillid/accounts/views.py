"""Login and logout. Two-factor enrolment and verification live in ``two_factor_views``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from tillid.accounts.forms import LoginForm, PasswordChangeForm
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core import access, audit
from tillid.core.navigation import task_links


@access.public
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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
        audit.record(
            actor=self.request.user,
            action="accounts.user.password_changed",
            target=self.request.user,
        )
        messages.success(self.request, _("Din adgangskode er ændret."))
        return response


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
    roles = [str(role.label) for role in Role if role in user.role_names]
    return render(
        request,
        "accounts/my_work.html",
        {"roles": roles, "links": task_links(user.role_names)},
    )
