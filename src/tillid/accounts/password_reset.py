"""Password-reset links: rate-limited requests, and links an administrator sends on a user's
behalf (an administrator never chooses another person's password; the user does)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tillid.accounts.models import User
from tillid.core import audit, mail

WINDOW_SECONDS = 60 * 60


def _count(kind: str, value: str) -> int:
    """Requests of this kind for ``value`` in the current window, this one included."""
    key = f"password-reset:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        return 1


def password_reset_allowed(*, email: str, client_address: str | None) -> bool:
    """Count a reset request and say whether it stays within the hourly limits.

    Counted per address whether or not an account has it, so the answer reveals nothing about
    which addresses exist; and per client address, so one client cannot mail many people.
    """
    by_address = _count("address", email.strip().lower())
    by_client = _count("client", client_address or "unknown")
    return (
        by_address <= settings.TILLID_PASSWORD_RESET_LIMIT_PER_ADDRESS
        and by_client <= settings.TILLID_PASSWORD_RESET_LIMIT_PER_CLIENT
    )


def reset_url(user: User, *, base_url: str | None = None) -> str:
    """The one-time link at which ``user`` chooses a new password."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return (base_url or str(settings.WAGTAILADMIN_BASE_URL)).rstrip("/") + path


def password_reset_link_send(*, actor: Any, user: User, language: str = "da") -> None:
    """Mail ``user`` a reset link on an administrator's request; audited, body erased once sent.

    The password is not changed: the user chooses a new one through the link.
    """
    with transaction.atomic():
        mail.send_mail(
            to=user.email,
            template="accounts/email/password_reset",
            context={"name": user.name, "reset_url": reset_url(user)},
            language=language,
            erase_after_sending=True,
        )
        audit.record(actor=actor, action="accounts.user.password_reset_sent", target=user)
