from __future__ import annotations

from django import forms
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
