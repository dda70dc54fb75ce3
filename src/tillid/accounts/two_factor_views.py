"""Two-factor login: enrol a TOTP app (QR code and backup codes) or verify a code."""

from __future__ import annotations

import base64
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from tillid.accounts import services
from tillid.accounts.forms import EnrolmentForm, SecondFactorForm
from tillid.accounts.models import User
from tillid.core import access


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("my_work")


def _qr_data_uri(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode()


@access.first_factor_only
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enrol when the user has no app yet, otherwise ask for a code."""
    user: User = request.user  # type: ignore[assignment]
    if services.has_confirmed_totp(user=user):
        return _verify(request, user)
    return _enrol(request, user)


def _verify(request: HttpRequest, user: User) -> HttpResponse:
    form = SecondFactorForm(request.POST or None)
    if form.is_valid():
        if services.second_factor_verify(
            request=request, user=user, token=form.cleaned_data["token"]
        ):
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _("Koden er forkert eller allerede brugt. Vent lidt, og prøv så den næste kode."),
        )
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def _enrol(request: HttpRequest, user: User) -> HttpResponse:
    device = services.totp_device_pending(user=user)
    form = EnrolmentForm(request.POST or None)
    if form.is_valid():
        codes = services.totp_enrolment_confirm(
            request=request, user=user, token=form.cleaned_data["token"]
        )
        if codes is not None:
            messages.success(request, _("Totrinsbekræftelse er slået til."))
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "token", _("Koden passer ikke. Tjek, at telefonens ur går rigtigt, og prøv igen.")
        )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr_code": _qr_data_uri(device.config_url),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
            "next": _next_url(request),
        },
    )
