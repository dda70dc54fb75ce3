from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tillid.core import audit, links, mail
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
        "password_login_off": _(
            "Du skal logge ind med kommunens login, ikke med adgangskode. Brug knappen "
            "»Log ind med kommunens login«."
        ),
    }

    def confirm_login_allowed(self, user: Any) -> None:
        """A user holding a role in ``TILLID_PASSWORD_LOGIN_DISABLED_ROLES`` logs in through
        the municipality's login only; the right password is refused (and audited)."""
        super().confirm_login_allowed(user)
        if password_login_refused(user):
            audit.record(actor=None, action="accounts.user.password_login_refused", target=user)
            raise forms.ValidationError(
                self.error_messages["password_login_off"], code="password_login_off"
            )


def password_login_refused(user: Any) -> bool:
    """Whether ``user`` holds a role whose password login is turned off."""
    disabled = set(settings.TILLID_PASSWORD_LOGIN_DISABLED_ROLES)
    return bool(disabled) and not user.role_names.isdisjoint(disabled)


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


class PasswordResetForm(DkfdsFormMixin, auth_forms.PasswordResetForm):
    """Sends the reset link through Tillid's one mail function (outbox, retries, CPR guard)."""

    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        user = context["user"]
        reset_path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        mail.send_mail(
            to=to_email,
            template="accounts/email/password_reset",
            context={
                "name": user.name,
                "reset_url": links.absolute_url(reset_path),
            },
            language=get_language() or settings.LANGUAGE_CODE,
            erase_after_sending=True,  # the link must not stay readable in the outbox
        )
        audit.record(actor=None, action="accounts.user.password_reset_requested", target=user)


class SetPasswordForm(DkfdsFormMixin, auth_forms.SetPasswordForm):
    pass
