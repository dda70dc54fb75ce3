"""Account writes: two-factor enrolment and verification, with audit entries.

Each acts on the logged-in user's own account: ``user`` is the acting user, and a request whose
session belongs to someone else is refused (``NotPermittedError``).
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import rotate_token
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillid.accounts.models import ProviderSecondFactor, User
from tillid.core import audit
from tillid.core.refusals import NotPermittedError

BACKUP_CODE_COUNT = 10
ENROLMENT_DEVICE_NAME = "Godkendelsesapp"


def _require_own_session(request: HttpRequest, user: User) -> None:
    if not user.is_active or getattr(request.user, "pk", None) != user.pk:
        raise NotPermittedError


def _second_factor_login(request: HttpRequest, device: Device) -> None:
    """Mark the session verified and give it a new key and CSRF token: a session key (or
    token) learnt before the second factor, from a shared computer say, must not carry over
    into the fully logged-in session."""
    otp_login(request, device)
    request.session.cycle_key()
    rotate_token(request)


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled; the same key until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=ENROLMENT_DEVICE_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, request: HttpRequest, user: User, token: str) -> list[str] | None:
    """Confirm the pending device with a code from the app; returns fresh backup codes.

    Returns None (and audits the failure) when the code is wrong. On success the session is
    verified, older devices are removed and new backup codes replace any old ones.
    """
    _require_own_session(request, user)
    device = totp_device_pending(user=user)
    if not device.verify_token(token):
        audit.record(actor=user, action="accounts.two_factor.enrolment_failed", target=user)
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = backup_codes_replace(user=user)
    _second_factor_login(request, device)
    audit.record(actor=user, action="accounts.two_factor.enrolled", target=user)
    return codes


@transaction.atomic
def backup_codes_replace(*, user: User) -> list[str]:
    """New single-use backup codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="Backupkoder", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit.record(actor=user, action="accounts.two_factor.backup_codes_created", target=user)
    return codes


def second_factor_verify(*, request: HttpRequest, user: User, token: str) -> Device | None:
    """Check a TOTP code or a backup code; a used code never works twice (django-otp)."""
    _require_own_session(request, user)
    token = token.strip().replace(" ", "")
    with transaction.atomic():
        devices: list[Device] = [
            *TOTPDevice.objects.filter(user=user, confirmed=True),
            *StaticDevice.objects.filter(user=user, confirmed=True),
        ]
        for device in devices:
            if device.verify_token(token):
                _second_factor_login(request, device)
                kind = "backup_code" if isinstance(device, StaticDevice) else "totp"
                audit.record(
                    actor=user, action="accounts.two_factor.verified", target=user, method=kind
                )
                return device
        audit.record(actor=user, action="accounts.two_factor.failed", target=user)
    return None


def provider_second_factor_login(*, request: HttpRequest, user: User) -> Device:
    """Verify the session with the second factor the municipality's login performed.

    Called by the login callback once ``user`` is logged in and the provider's ID token said a
    second factor was used (``sso.second_factor_done``); the session gets a new key and CSRF
    token, as after a TOTP code.
    """
    _require_own_session(request, user)
    with transaction.atomic():
        device = ProviderSecondFactor.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = ProviderSecondFactor.objects.create(
                user=user, name="Kommunens login", confirmed=True
            )
        _second_factor_login(request, device)
        audit.record(
            actor=user, action="accounts.two_factor.verified", target=user, method="provider"
        )
    return device


def has_confirmed_totp(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
