from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from tillid.core.forms import DkfdsFormMixin


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Adgangskode"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _(
            "E-mail eller adgangskode er forkert. Bemærk, at der skelnes mellem store og små "
            "bogstaver i adgangskoden."
        ),
        "inactive": _("Din konto er deaktiveret. Kontakt Tillids administrator."),
    }


class SecondFactorForm(DkfdsFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Kode"),
        max_length=16,
        help_text=_("Den 6-cifrede kode fra din godkendelsesapp, eller en af dine backupkoder."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class EnrolmentForm(DkfdsFormMixin, forms.Form):
    token = forms.CharField(
        label=_("Kode fra appen"),
        max_length=6,
        min_length=6,
        help_text=_("Skriv den 6-cifrede kode, som appen viser nu."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class PasswordChangeForm(DkfdsFormMixin, auth_forms.PasswordChangeForm):
    pass
