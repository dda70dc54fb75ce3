"""Reads of the cross-cutting records (the audit trail)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from tillid.core.models import AuditEntry


@dataclass(frozen=True)
class AuditFilter:
    actor: str = ""  # email or part of the registered name
    target_type: str = ""
    target_id: str = ""
    action: str = ""  # a dotted prefix: "accounts." or "accounts.user.login"
    since: datetime | None = None
    until: datetime | None = None


def audit_entry_list(*, filters: AuditFilter | None) -> QuerySet[AuditEntry]:
    """Entries matching every given filter, newest first. The caller must be an administrator.

    A person's right to know who looked at their data is served by target_type + target_id.
    """
    if filters is None:
        return AuditEntry.objects.none()
    entries = AuditEntry.objects.order_by("-id")
    if filters.actor:
        entries = entries.filter(actor_label__icontains=filters.actor)
    if filters.target_type:
        entries = entries.filter(target_type=filters.target_type)
    if filters.target_id:
        entries = entries.filter(target_id=filters.target_id)
    if filters.action:
        entries = entries.filter(action__startswith=filters.action)
    if filters.since:
        entries = entries.filter(created_at__gte=filters.since)
    if filters.until:
        entries = entries.filter(created_at__lte=filters.until)
    return entries


def audit_accesses_for_record(*, target_type: str, target_id: str) -> QuerySet[AuditEntry]:
    """Who read or changed one case record, and when, newest first: the entries about the record
    and about the records registered as belonging to it (``core.audit_records``). For a person's
    access request; the caller must be an administrator.
    """
    from tillid.core.audit_records import RECORD_KINDS

    kind = RECORD_KINDS.get(target_type)
    targets = [(target_type, target_id)]
    if kind is not None and kind.related is not None:
        targets += kind.related(target_id)
    condition = Q()
    for kind_type, kind_id in targets:
        condition |= Q(target_type=kind_type, target_id=kind_id)
    return AuditEntry.objects.filter(condition).exclude(actor=None).order_by("-id")
