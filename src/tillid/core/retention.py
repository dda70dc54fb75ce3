"""Retention by design: one registry of every kind of record that holds personal data.

Each app declares its records in ``<app>/retention.py`` with ``register(Rule(...))``: which models,
why they are kept, for how long (a setting), who sees them, how they end (deleted, anonymised or
kept, with the reason) and the function that ends them. ``CoreConfig`` imports every such module
when Django starts (as it does ``audit_actions``). From the one registry come:

- ``manage.py retention``: runs every rule's function, in registration order, and writes one
  audit entry (``core.retention.run``) with the count per rule (schedule it nightly);
- the table in ``docs/retention.md`` (``manage.py retention --docs``; a test compares);
- the data protection page ``/databeskyttelse/`` (how long, from the live settings).

**Which models hold personal data** (``personal_fields``): a model whose own table has a field
that is a relation to the user model; an ``EncryptedTextField``; an ``EmailField`` or
``GenericIPAddressField``; a field named like a personal identifier (``PERSONAL_NAMES``: CPR,
phone, user name, first/last/full name, user agent, address); or a ``TextField`` named like free
text about people (``FREE_TEXT_NAMES``: note, comment, message, body, needs, justification ...).
``tests/core/test_retention.py`` fails for every such model that no rule names and that is not
declared ``exempt`` with the reason its flagged fields are not about a person.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _

from tillid.core import audit
from tillid.core.crypto import EncryptedTextField


class Ending(models.TextChoices):
    DELETED = "deleted", _("slettes")
    ANONYMISED = "anonymised", _("anonymiseres")
    KEPT = "kept", _("bevares")


class Concerns(models.TextChoices):
    CITIZENS = "citizens", _("borgere")
    STAFF = "staff", _("medarbejdere og kursister")


@dataclass(frozen=True)
class Rule:
    key: str  # "<app>.<records>", stable
    models: tuple[str, ...]  # model labels, "consultations.Consultation"
    record: str | Promise  # what it is, in plain Danish
    why: str | Promise
    period: str | Promise  # how long, with "%(value)s" for the setting's value
    who_sees: str | Promise
    ending: Ending
    how: str | Promise  # how it ends, in plain words
    concerns: Concerns
    setting: str = ""  # the setting holding the period; its value fills "%(value)s"
    default: int | None = None  # the setting's default (the docs table shows it)
    run: Callable[[], int] | None = None  # ends what is due; returns how many records

    def period_text(self, *, value: Any = None) -> str:
        if not self.setting:
            return str(self.period)
        if value is None:
            value = getattr(settings, self.setting, self.default)
        return str(self.period) % {"value": value}


_rules: dict[str, Rule] = {}
_exempt: dict[str, str] = {}


def register(rule: Rule) -> Rule:
    existing = _rules.get(rule.key)
    if existing is not None and existing != rule:
        raise ValueError(f"retention rule {rule.key!r} is registered twice")
    if rule.ending != Ending.KEPT and rule.run is None and not rule.how:
        raise ValueError(f"retention rule {rule.key!r} must say how its records end")
    _rules[rule.key] = rule
    return rule


def exempt(label: str, reason: str) -> None:
    """Declare that a flagged model holds nothing about a person (the reason is for reviewers)."""
    _exempt[label] = reason


def rules() -> list[Rule]:
    return list(_rules.values())


def exemptions() -> dict[str, str]:
    return dict(_exempt)


def discover() -> None:
    autodiscover_modules("retention")


# --- which models hold personal data --------------------------------------------------------

PERSONAL_NAMES = re.compile(
    r"(^|_)(cpr|phone|mobile|username|first_name|last_name|full_name|user_agent|ip_address"
    r"|address)(_|$)"
)
FREE_TEXT_NAMES = re.compile(
    r"(^|_)(note|notes|comment|comments|message|messages|body|needs|justification|basis|text)$"
)


def personal_fields(model: type[models.Model]) -> list[str]:
    """The fields of ``model``'s own table that make it hold personal data (see the docstring)."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    flagged = []
    fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
    for field in fields:
        reason = None
        if field.is_relation and field.related_model is user_model:
            reason = "user"
        elif isinstance(field, EncryptedTextField):
            reason = "encrypted"
        elif isinstance(field, models.EmailField | models.GenericIPAddressField):
            reason = "email/ip"
        elif PERSONAL_NAMES.search(field.name):
            reason = "identifier"
        elif isinstance(field, models.TextField) and FREE_TEXT_NAMES.search(field.name):
            reason = "free text"
        if reason:
            flagged.append(f"{field.name} ({reason})")
    if model is user_model:
        flagged.append("the user model itself")
    return flagged


def uncovered_models() -> dict[str, list[str]]:
    """Installed models with personal data that no rule names and that are not exempt."""
    covered = {label for rule in _rules.values() for label in rule.models}
    result = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        label = model._meta.label
        flagged = personal_fields(model)
        if flagged and label not in covered and label not in _exempt:
            result[label] = flagged
    return result


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` moved back ``months`` calendar months (31 March minus 1 month: 28/29 Feb)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


# --- running ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunResult:
    counts: dict[str, int]


def run_all(*, only: list[str] | None = None) -> RunResult:
    """Run every rule that has a function (or the ``only`` ones), then audit the run once. Each
    rule runs in its own transaction: one that fails stops the run, and what ran stays done."""
    counts: dict[str, int] = {}
    for rule in _rules.values():
        if rule.run is None or (only and rule.key not in only):
            continue
        with transaction.atomic():
            counts[rule.key] = rule.run()
    audit.record(actor=None, action="core.retention.run", counts=counts)
    return RunResult(counts=counts)


# --- the table in docs/ -----------------------------------------------------------------------

DOCS_START = "<!-- retention table: generated by `manage.py retention --docs`; do not edit -->"
DOCS_END = "<!-- end of retention table -->"


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def docs_table() -> str:
    """The registry as a Markdown table, periods with each setting's default."""
    lines = [
        DOCS_START,
        "",
        "| rule | records (models) | why kept | how long | who sees it | ends | how, by what |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in _rules.values():
        period = rule.period_text(value=rule.default)
        if rule.setting:
            period += f" (`{rule.setting}`, default {rule.default})"
        runner = f"`{rule.run.__module__}.{rule.run.__qualname__}`" if rule.run else "no function"
        models_text = ", ".join(f"`{label}`" for label in rule.models)
        lines.append(
            f"| `{rule.key}` | {_cell(rule.record)}: {models_text} | {_cell(rule.why)} | "
            f"{_cell(period)} | {_cell(rule.who_sees)} | {_cell(rule.ending.label)} | "
            f"{_cell(rule.how)}; {runner} |"
        )
    lines += ["", DOCS_END]
    return "\n".join(lines)


def replace_docs_table(document: str, table: str) -> str:
    start, end = document.index(DOCS_START), document.index(DOCS_END) + len(DOCS_END)
    return document[:start] + table + document[end:]
