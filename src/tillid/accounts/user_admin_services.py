"""What administrators do to users, audited and announced to the user (issue 17).

An administrator never chooses another person's password and never gives a case role alone:
case roles wait for a second administrator's approval (``RoleGrant``). Every change to a user is
audited with before and after values (never secrets) and mailed to the user, naming only what
changed, so a user notices a change they did not expect.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from tillid.accounts.models import RoleGrant, User
from tillid.accounts.roles import Role
from tillid.core import audit, mail

# Roles that reach case data: granting one takes a second administrator.
FOUR_EYES_ROLES = frozenset({Role.CONSULTANT, Role.INTAKE_WORKER, Role.CASE_WORKER})


def user_change_announce(*, user: User, what: Iterable[str]) -> None:
    """Mail ``user`` which parts of their account an administrator changed (no values)."""
    changed = sorted(set(what))
    if not changed:
        return
    mail.send_mail(
        to=user.email,
        template="accounts/email/account_changed",
        context={"name": user.name, "changed": changed},
        language=settings.LANGUAGE_CODE,
    )


def role_grant_request(*, actor: Any, user: User, role: str) -> RoleGrant:
    """Ask for ``role`` for ``user``; nothing changes until another administrator approves."""
    if role not in FOUR_EYES_ROLES:
        raise ValueError(f"{role!r} is not granted with four eyes.")
    with transaction.atomic():
        existing = RoleGrant.objects.filter(
            user=user, role=role, status=RoleGrant.Status.PENDING
        ).first()
        if existing is not None:
            return existing
        grant = RoleGrant.objects.create(user=user, role=role, requested_by=actor)
        audit.record(actor=actor, action="accounts.role_grant.requested", target=user, role=role)
    return grant


def role_grant_decide(*, actor: Any, grant: RoleGrant, approve: bool) -> RoleGrant:
    """Approve (the role takes effect) or reject a pending grant; never by its requester."""
    with transaction.atomic():
        grant = RoleGrant.objects.select_for_update().select_related("user").get(pk=grant.pk)
        if grant.requested_by_id == actor.pk:
            raise PermissionDenied("A grant needs another administrator's approval.")
        if grant.status != RoleGrant.Status.PENDING:
            return grant
        grant.status = RoleGrant.Status.APPROVED if approve else RoleGrant.Status.REJECTED
        grant.decided_by = actor
        grant.decided_at = timezone.now()
        grant.save(update_fields=["status", "decided_by", "decided_at"])
        if approve:
            group, _created = Group.objects.get_or_create(name=grant.role)
            grant.user.groups.add(group)
            user_change_announce(user=grant.user, what=["roles"])
        audit.record(
            actor=actor,
            action=f"accounts.role_grant.{'approved' if approve else 'rejected'}",
            target=grant.user,
            role=grant.role,
            requested_by=grant.requested_by_id,
        )
    return grant
