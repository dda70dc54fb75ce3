"""System checks of the accounts settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error

from tillid.accounts.roles import Role


def check_password_login_roles(app_configs: Any, **kwargs: Any) -> list[Error]:
    """``TILLID_PASSWORD_LOGIN_DISABLED_ROLES`` must name Tillid's roles (a typo would leave a
    role's password login on without anyone noticing)."""
    unknown = sorted(set(settings.TILLID_PASSWORD_LOGIN_DISABLED_ROLES) - set(Role.values))
    if not unknown:
        return []
    return [
        Error(
            f"TILLID_PASSWORD_LOGIN_DISABLED_ROLES names unknown roles: {', '.join(unknown)}.",
            hint=f"Use role names: {', '.join(Role.values)}.",
            id="tillid.E010",
        )
    ]
