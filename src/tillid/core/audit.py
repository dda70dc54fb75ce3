"""The audit trail: who did what to which record, append-only and hash-chained.

``record()`` writes inside the caller's transaction, so an audited change and its entry commit or
roll back together. Each entry's hash covers its content and the previous entry's hash;
``verify_chain()`` (``manage.py audit_verify``) finds the first entry where that no longer holds.
CPR numbers are masked out of every label and detail before anything is stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from tillid.core import audit_actions, clock
from tillid.core.cpr import mask_cpr
from tillid.core.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64

# The user behind the current request, for events announced by signals that do not carry it
# (a role changed in the admin, say). Set by RequestActorMiddleware.
_request_actor: ContextVar[Any] = ContextVar("tillid_request_actor", default=None)


def request_actor() -> Any:
    return _request_actor.get()


class RequestActorMiddleware:
    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        token = _request_actor.set(request.user)
        try:
            return self.get_response(request)
        finally:
            _request_actor.reset(token)


def _mask(value: Any) -> Any:
    """CPR numbers never enter the audit trail, however deep in the details they hide."""
    if isinstance(value, str):
        return mask_cpr(value)
    if isinstance(value, dict):
        return {str(key): _mask(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(item) for item in value]
    return value


def _content(entry: AuditEntry) -> dict[str, Any]:
    return {
        "created_at": entry.created_at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_label": entry.target_label,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
    }


def compute_hash(entry: AuditEntry) -> str:
    canonical = json.dumps(_content(entry), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _target_fields(target: Any) -> dict[str, str]:
    if target is None:
        return {"target_type": "", "target_id": "", "target_label": ""}
    if isinstance(target, models.Model):
        meta = target._meta
        return {
            "target_type": f"{meta.app_label}.{meta.model_name}",
            "target_id": str(target.pk),
            "target_label": mask_cpr(str(target))[:300],
        }
    raise TypeError("audit targets are model instances or None")


def record(*, actor: Any, action: str, target: Any = None, **details: Any) -> AuditEntry:
    """Append an entry. ``action`` is dotted (``accounts.user.login``); ``actor`` may be None
    or anonymous for events without a logged-in user (a failed login, say).

    Runs in the caller's transaction (opening one if there is none) and locks the chain head, so
    concurrent writers queue and the chain stays linear. ``action`` must be declared in the
    registry (``tillid.core.audit_actions``); an undeclared one raises before anything is written.
    """
    audit_actions.get(action)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        # Created by migration; recreated from genesis only if the row is gone (an emptied
        # database), which verify_chain() then reports when older entries remain.
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS_HASH}
        )
        entry = AuditEntry(
            created_at=clock.now(),
            actor=actor if is_user else None,
            actor_label=mask_cpr(str(actor))[:300] if is_user else "",
            action=action,
            details=json.loads(json.dumps(_mask(details), default=str)),
            previous_hash=head.last_hash,
            **_target_fields(target),
        )
        entry.entry_hash = compute_hash(entry)
        entry.save()
        AuditChainHead.objects.filter(pk=1).update(last_hash=entry.entry_hash)
    return entry


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain(batch_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the chain oldest first; return how many entries were checked and the first break."""
    expected_previous = GENESIS_HASH
    checked = 0
    for entry in _oldest_first(batch_size):
        if entry.previous_hash != expected_previous:
            return checked, ChainBreak(
                entry.pk, "previous hash does not match: an entry before it was removed or changed"
            )
        if compute_hash(entry) != entry.entry_hash:
            return checked, ChainBreak(entry.pk, "content does not match its hash: it was changed")
        expected_previous = entry.entry_hash
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if (head.last_hash if head else GENESIS_HASH) != expected_previous:
        return checked, ChainBreak(0, "the newest entries were removed (chain head does not match)")
    return checked, None


def _oldest_first(batch_size: int) -> Iterator[AuditEntry]:
    return AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size)
