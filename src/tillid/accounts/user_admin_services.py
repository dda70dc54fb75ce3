"""What administrators do to users, audited and announced to the user (issue 17).

An administrator never chooses another person's password and never gives a case role alone:
case roles wait for a second administrator's approval (``RoleGrant``), and so does a mapping
that gives a case role to a group of the municipality's login (``GroupMapping``, issue 18).
Every change to a user is audited with before and after values (never secrets) and mailed to
the user, naming only what changed, so a user notices a change they did not expect.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillid.accounts.models import GroupMapping, OrgUnit, RoleGrant, User
from tillid.accounts.roles import Role, has_role
from tillid.core import audit, clock, mail
from tillid.core.refusals import ActionRefusedError, NotPermittedError

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


def _require_administrator(actor: Any) -> None:
    if not has_role(actor, Role.ADMINISTRATOR):
        raise NotPermittedError


def group_mapping_is_live(*, group: str, role: str) -> bool:
    """Whether ``group`` already gives ``role``, or a request for it waits for approval."""
    return (
        GroupMapping.objects.filter(group=group.strip(), role=role)
        .exclude(status=GroupMapping.Status.REJECTED)
        .exists()
    )


def group_mapping_request(
    *, actor: Any, group: str, role: str, org_unit: OrgUnit | None = None
) -> GroupMapping:
    """Map a group of the municipality's login to a role (and optionally a unit).

    A case role (``FOUR_EYES_ROLES``) waits for a second administrator (``group_mapping_decide``);
    any other role takes effect at once, at each member's next login. Asking again for a live
    mapping (pending or approved) of the same group and role is refused.
    """
    _require_administrator(actor)
    group = group.strip()
    if not group:
        raise ValidationError({"group": _("Skriv gruppens værdi fra kommunens login.")})
    if role not in Role.values:
        raise ValidationError({"role": _("Vælg en rolle.")})
    with transaction.atomic():
        if group_mapping_is_live(group=group, role=role):
            raise ActionRefusedError(
                _("Gruppen giver allerede denne rolle, eller den afventer godkendelse."),
                code="exists",
                field="group",
            )
        now = clock.now()
        four_eyes = role in FOUR_EYES_ROLES
        mapping = GroupMapping.objects.create(
            group=group,
            role=role,
            org_unit=org_unit,
            status=GroupMapping.Status.PENDING if four_eyes else GroupMapping.Status.APPROVED,
            requested_by=actor,
            requested_at=now,
            decided_at=None if four_eyes else now,
        )
        audit.record(
            actor=actor,
            action="accounts.group_mapping.requested",
            target=mapping,
            role=role,
            org_unit=org_unit.pk if org_unit else None,
            pending=four_eyes,
        )
    return mapping


def group_mapping_decide(*, actor: Any, mapping: GroupMapping, approve: bool) -> GroupMapping:
    """Approve (it takes effect at each member's next login) or reject a pending mapping; never
    by the administrator who asked for it (``NotPermittedError``)."""
    _require_administrator(actor)
    with transaction.atomic():
        mapping = GroupMapping.objects.select_for_update().get(pk=mapping.pk)
        if mapping.requested_by_id == actor.pk:
            raise NotPermittedError(
                _("En anden administrator skal godkende eller afvise din anmodning."),
                code="own_request",
            )
        if mapping.status != GroupMapping.Status.PENDING:
            return mapping
        mapping.status = GroupMapping.Status.APPROVED if approve else GroupMapping.Status.REJECTED
        mapping.decided_by = actor
        mapping.decided_at = clock.now()
        mapping.save(update_fields=["status", "decided_by", "decided_at"])
        audit.record(
            actor=actor,
            action=f"accounts.group_mapping.{'approved' if approve else 'rejected'}",
            target=mapping,
            role=mapping.role,
            requested_by=mapping.requested_by_id,
        )
    return mapping


def group_mapping_delete(*, actor: Any, mapping: GroupMapping) -> None:
    """Remove a mapping; its members lose the role at their next login through the provider."""
    _require_administrator(actor)
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="accounts.group_mapping.deleted",
            target=mapping,
            role=mapping.role,
            status=mapping.status,
        )
        mapping.delete()
