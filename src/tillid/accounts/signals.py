"""Audit entries for logins, logouts, failed logins, lockouts and role changes.

Django and django-axes announce these events through signals; the receivers only record them.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from tillid.accounts.models import User
from tillid.core import audit


def _client_address(request: Any) -> str:
    return getattr(request, "axes_ip_address", "") or (
        request.META.get("REMOTE_ADDR", "") if request is not None else ""
    )


@receiver(user_logged_in)
def audit_login(sender: Any, request: Any, user: User, **kwargs: Any) -> None:
    audit.record(
        actor=user, action="accounts.user.login", target=user, address=_client_address(request)
    )


@receiver(user_logged_out)
def audit_logout(sender: Any, request: Any, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit.record(actor=user, action="accounts.user.logout", target=user)


@receiver(user_login_failed)
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    email = str(credentials.get("username") or credentials.get("email") or "")[:254]
    target = User.objects.filter(email=email.lower()).first() if email else None
    audit.record(
        actor=None,
        action="accounts.user.login_failed",
        target=target,
        email=email,
        address=_client_address(request),
    )


@receiver(user_locked_out)
def audit_lockout(
    sender: Any,
    request: Any,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    email = (username or "")[:254]
    target = User.objects.filter(email=email.lower()).first() if email else None
    audit.record(
        actor=None,
        action="accounts.user.locked_out",
        target=target,
        email=email,
        address=ip_address or "",
    )


@receiver(m2m_changed, sender=User.groups.through)
def audit_role_change(
    sender: Any, instance: Any, action: str, pk_set: set[int] | None, reverse: bool, **kwargs: Any
) -> None:
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    verb = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action]
    if reverse:  # group.user_set.add(...): instance is the group, pk_set the users
        for user in User.objects.filter(pk__in=pk_set or []):
            audit.record(
                actor=audit.request_actor(),
                action=f"accounts.role.{verb}",
                target=user,
                roles=[instance.name],
            )
        return
    names = sorted(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    audit.record(
        actor=audit.request_actor(), action=f"accounts.role.{verb}", target=instance, roles=names
    )
    instance.__dict__.pop("role_names", None)  # the cached roles are stale now
