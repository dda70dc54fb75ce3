"""The registry of audit actions: every code ``audit.record`` accepts is declared here once.

Each app declares its own codes in ``<app>/audit_actions.py`` with ``declare()``; ``CoreConfig``
imports every such module when Django starts (as the admin finds ``admin.py``), so the whole list
is ``python manage.py shell -c "from tillid.core import audit_actions; audit_actions.everything()"``
away. ``audit.record`` refuses an undeclared code (``UndeclaredAuditActionError``), and the audit
view shows each entry's label instead of its code. Codes are dotted ``<app>.<target>.<event>``
(pretix's style); a code once written to the trail is never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class UndeclaredAuditActionError(LookupError):
    """``audit.record`` was called with a code nobody declared: declare it in the app's
    ``audit_actions.py``."""


@dataclass(frozen=True)
class AuditAction:
    code: str
    label: str | Promise  # Danish source text, translated for the reader
    target: str  # what the entry's target is (or "none"), for whoever reads the trail later


_registry: dict[str, AuditAction] = {}


def declare(code: str, label: str | Promise, *, target: str) -> AuditAction:
    """Declare one action. Declaring a code twice with another meaning is a programming error."""
    action = AuditAction(code=code, label=label, target=target)
    existing = _registry.get(code)
    if existing is not None and existing != action:
        raise ValueError(f"audit action {code!r} is declared twice")
    _registry[code] = action
    return action


def get(code: str) -> AuditAction:
    try:
        return _registry[code]
    except KeyError:
        raise UndeclaredAuditActionError(code) from None


def is_declared(code: str) -> bool:
    return code in _registry


def label(code: str) -> str:
    """The reader's label for a code; an unknown code (from an older version) shows as is."""
    action = _registry.get(code)
    return str(action.label) if action else code


def everything() -> list[AuditAction]:
    return sorted(_registry.values(), key=lambda action: action.code)


def discover() -> None:
    """Import every installed app's ``audit_actions`` module (called from ``CoreConfig``)."""
    autodiscover_modules("audit_actions")


AUDIT_VIEWED = declare(
    "core.audit.viewed", _("Revisionssporet blev vist"), target="none (the filters in details)"
)
AUDIT_EXPORTED = declare(
    "core.audit.exported",
    _("Revisionssporet blev hentet som CSV"),
    target="none (the filters in details)",
)
ACCESS_REFUSED = declare(
    "core.access.refused",
    _("Adgang til en post blev nægtet"),
    target="none (the address, the selector and the id asked for in details)",
)
AUDIT_RECORD_ACCESSES_VIEWED = declare(
    "core.audit.record_accesses_viewed",
    _("Det blev slået op, hvem der har set en sag"),
    target="none (the record's type and id in details)",
)
BACKUP_CREATED = declare(
    "core.backup.created",
    _("Sikkerhedskopi blev taget"),
    target="none (the database kind, the number of files and the audit head in details)",
)
BACKUP_RESTORED = declare(
    "core.backup.restored",
    _("Sikkerhedskopi blev gendannet"),
    target="none (the archive's time and audit head in details)",
)
RETENTION_RUN = declare(
    "core.retention.run",
    _("Sletning og anonymisering efter opbevaringsreglerne blev kørt"),
    target="none (the count per rule in details)",
)
