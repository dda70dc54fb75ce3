"""The audit trail: who did what to which record, append-only and sealed with a key.

``record()`` writes inside the caller's transaction, so an audited change and its entry commit or
roll back together. It writes the entry only: the database's sequence gives its place, its hash
covers its own content, and no lock is taken, so writers never wait for each other. Seals made
shortly afterwards (``tillid.core.audit_seal``) chain the entries in id order and sign them;
``manage.py audit_verify`` checks both. CPR numbers are masked out of every label and detail
before anything is stored.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC
from functools import lru_cache
from typing import Any, cast

from django.db import connections, models, router, transaction

from tillid.core import audit_actions, clock
from tillid.core.cpr import mask_cpr
from tillid.core.models import AuditEntry

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
    """CPR numbers never enter the audit trail, however deep in the details they hide; NUL
    characters (which PostgreSQL's JSON cannot hold) are dropped from hostile input."""
    if isinstance(value, str):
        return mask_cpr(value.replace("\x00", ""))
    if isinstance(value, dict):
        return {str(key).replace("\x00", ""): _mask(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(item) for item in value]
    return value


def _make_canonical_encoder() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))``, with the
    C encoder made once instead of on every call (a third of the cost for a small entry)."""
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator: the same output, the slow way
        encoder = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return encoder.encode
    iterencode = make(
        None,  # no circular check: entries are decoded JSON or plain values
        json.JSONEncoder().default,
        json.encoder.encode_basestring,
        None,  # indent
        ":",
        ",",
        True,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )
    join = "".join
    return lambda value: join(iterencode(value, 0))


canonical_json = _make_canonical_encoder()


def content_hash(
    created_at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    target_type: str,
    target_id: str,
    target_label: str,
    details: Any,
) -> str:
    """The SHA-256 of an entry's own fields (``created_at`` in ISO format, UTC).

    One JSON array in a fixed order (``canonical_json``): unambiguous, and a single call into
    the C encoder, which keeps ``audit_verify`` fast. The seal, not the entry, links entries to
    each other.
    """
    canonical = canonical_json(
        [created_at, actor_id, actor_label, action, target_type, target_id, target_label, details]
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def legacy_content_hash(
    created_at: str,
    actor_id: int | None,
    actor_label: str,
    action: str,
    target_type: str,
    target_id: str,
    target_label: str,
    details: Any,
    previous_hash: str,
) -> str:
    """The hash of an entry written before seals existed (it covered the previous entry's hash)."""
    content = {
        "created_at": created_at,
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "target_type": target_type,
        "target_id": target_id,
        "target_label": target_label,
        "details": details,
        "previous_hash": previous_hash,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def compute_hash(entry: AuditEntry) -> str:
    fields = (
        entry.created_at.isoformat(),
        entry.actor_id,
        entry.actor_label,
        entry.action,
        entry.target_type,
        entry.target_id,
        entry.target_label,
        entry.details,
    )
    if entry.previous_hash:
        return legacy_content_hash(*fields, entry.previous_hash)
    return content_hash(*fields)


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

    Runs in the caller's transaction (opening one if there is none). One INSERT and no lock:
    concurrent writers do not wait for each other. After the commit a seal is scheduled.
    ``action`` must be declared in the registry (``tillid.core.audit_actions``); an undeclared
    one raises before anything is written.
    """
    audit_actions.get(action)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        created_at=clock.now().astimezone(UTC),  # the hash covers the UTC form the database keeps
        actor=actor if is_user else None,
        actor_label=mask_cpr(str(actor))[:300] if is_user else "",
        action=action,
        details=json.loads(json.dumps(_mask(details), default=str)),
        **_target_fields(target),
    )
    entry.entry_hash = compute_hash(entry)
    _insert(entry)
    transaction.on_commit(_schedule_seal, robust=True)
    return entry


_INSERTED = (
    "created_at",
    "actor",
    "actor_label",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "details",
    "previous_hash",
    "entry_hash",
)


@lru_cache(maxsize=8)
def _insert_statement(alias: str) -> tuple[str, tuple[models.Field[Any, Any], ...], bool]:
    """The INSERT for one database, built once: (SQL, fields in order, returns the id)."""
    connection = connections[alias]
    fields = tuple(cast("models.Field[Any, Any]", AuditEntry._meta.get_field(n)) for n in _INSERTED)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(field.column)) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    returning = connection.features.can_return_columns_from_insert
    table = quote(AuditEntry._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (constants)
    if returning:
        sql += f" RETURNING {quote(str(AuditEntry._meta.pk.column))}"
    return sql, fields, returning


def _insert(entry: AuditEntry) -> None:
    """One INSERT, without ``Model.save()``'s per-call query compilation (no signal listens to
    audit entries; ``save()`` still works and refuses changes). Goes through Django's cursor,
    so it is counted, logged and wrapped like every other query."""
    alias = router.db_for_write(AuditEntry)
    connection = connections[alias]
    sql, fields, returning = _insert_statement(alias)
    values = [field.get_db_prep_save(getattr(entry, field.attname), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        entry.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    entry._state.adding = False
    entry._state.db = alias


def _schedule_seal() -> None:
    from tillid.core.audit_tasks import schedule_seal

    schedule_seal()
