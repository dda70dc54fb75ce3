"""What every action plan service shares: the lock on a plan, the editing rule, the settings."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillid.actionplans import document
from tillid.actionplans.models import ActionPlan
from tillid.actionplans.selectors import may_edit
from tillid.core import audit, clock
from tillid.core.refusals import ActionRefusedError, NotPermittedError

ADULT_AGE = 18


def risk_max_age_days() -> int:
    return int(getattr(settings, "TILLID_ACTIONPLAN_RISK_MAX_AGE_DAYS", 90))


def reminder_working_days() -> int:
    return int(getattr(settings, "TILLID_ACTIONPLAN_REMINDER_WORKING_DAYS", 5))


def retention_days() -> int:
    return int(getattr(settings, "TILLID_ACTIONPLAN_RETENTION_DAYS", 730))


def today() -> date:
    return timezone.localdate(clock.now())


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


class PlanClosedError(ActionRefusedError):
    default_message = _("Handleplanen er lukket og kan ikke ændres.")
    default_code = "closed"


class NoDraftError(ActionRefusedError):
    default_message = _("Handleplanen har ingen kladde. Start en revision for at ændre den.")
    default_code = "no_draft"


def require_editor(actor: Any, plan: ActionPlan) -> None:
    """Only the responsible case worker changes a plan, and only while it is open."""
    if not may_edit(actor, plan):
        if plan.responsible_id == getattr(actor, "pk", None) and not plan.is_open:
            raise PlanClosedError
        raise NotPermittedError


def locked(plan_id: int) -> ActionPlan:
    """The plan, locked for this transaction (``select_for_update``; SQLite's IMMEDIATE
    transactions serialise writers the same way)."""
    return ActionPlan.objects.select_for_update().get(pk=plan_id)


@contextmanager
def editing_draft(
    *, actor: Any, plan: ActionPlan, action: str, **details: Any
) -> Iterator[dict[str, Any]]:
    """Lock the plan, hand out its draft document to change, then save and audit it.

    Raising inside the block changes nothing. ``plan`` is refreshed with what was saved.
    """
    with transaction.atomic():
        current = locked(plan.pk)
        require_editor(actor, current)
        if not current.has_draft:
            raise NoDraftError
        content = document.normalised(current.draft_content)
        yield content
        current.draft = json.dumps(content, ensure_ascii=False, sort_keys=True)
        current.draft_updated_at = clock.now()
        current.save(update_fields=["draft", "draft_updated_at"])
        audit.record(actor=actor, action=action, target=current, **details)
    plan.draft = current.draft
    plan.draft_updated_at = current.draft_updated_at
