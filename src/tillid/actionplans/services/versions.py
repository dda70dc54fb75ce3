"""Finalising a draft into a frozen version, revising, closing.

Two people finalising the same draft at once: the plan row is locked (``select_for_update``)
and the form carries the draft's version number. The first one freezes the version; the second
finds the number gone and is told who finalised it. Nothing is half-saved: the version, the
plan's new state and the audit entry commit together or not at all.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillid.actionplans import document
from tillid.actionplans.models import ActionPlan, PlanVersion
from tillid.actionplans.services.common import (
    NoDraftError,
    locked,
    require_editor,
    risk_max_age_days,
    today,
)
from tillid.core import audit, clock
from tillid.core.refusals import ActionRefusedError


class FinaliseRefusedError(ActionRefusedError):
    """The draft is not ready: ``problems`` lists every missing part."""

    default_message = gettext_lazy("Planen kan ikke afsluttes endnu.")
    default_code = "incomplete"

    def __init__(self, problems: list[str]) -> None:
        super().__init__()
        self.problems = problems

    @property
    def messages(self) -> list[str]:
        return [self.message, *self.problems]


class AlreadyFinalisedError(ActionRefusedError):
    default_code = "already_finalised"


def finalise_problems(content: dict[str, Any]) -> list[str]:
    """Everything that stops a draft from being finalised, in the plan's order."""
    doc = document.normalised(content)
    problems: list[str] = []
    risk = doc["risk"]
    finalised_on = document.parse_date(risk.get("finalised_on", ""))
    if not risk.get("assessment_id") or finalised_on is None:
        problems.append(_("Knyt en afsluttet risikovurdering til planen (del 1)."))
    elif finalised_on < today() - timedelta(days=risk_max_age_days()):
        problems.append(
            _("Risikovurderingen er ældre end %(days)s dage. Lav en ny og knyt den til planen.")
            % {"days": risk_max_age_days()}
        )
    if not all(doc["situation"].get(key) for key, _label in document.SITUATION_FIELDS):
        problems.append(
            _("Beskriv borgerens bolig, arbejde, uddannelse og forhold til pårørende (del 2).")
        )
    if not doc["support"]:
        problems.append(
            _("Tilføj mindst én støttemulighed for bolig, arbejde eller uddannelse (del 3).")
        )
    if not doc["other_support"]:
        problems.append(_("Tilføj andre støttemuligheder, eller skriv at der ingen er (del 4)."))
    if not doc["goals"]:
        problems.append(_("Skriv planens mål."))
    if not doc["actions"]:
        problems.append(_("Tilføj mindst én aftalt handling."))
    if not doc["meetings"]:
        problems.append(_("Registrer mødet eller møderne med borgeren."))
    if not doc["agreement"].get("kind"):
        problems.append(_("Registrer borgerens enighed eller uenighed i planen."))
    review = document.parse_date(doc["review_date"])
    if review is None:
        problems.append(_("Sæt en dato for opfølgning."))
    elif review < today():
        problems.append(_("Opfølgningsdatoen ligger i fortiden. Vælg en ny dato."))
    return problems


def plan_finalise(*, actor: Any, plan: ActionPlan, draft_number: int) -> PlanVersion:
    """Freeze the draft numbered ``draft_number`` as that version of the plan."""
    with transaction.atomic():
        current = locked(plan.pk)
        require_editor(actor, current)
        if current.draft_number != draft_number:
            winner = (
                PlanVersion.objects.filter(plan=current, number=draft_number)
                .select_related("finalised_by")
                .first()
            )
            if winner is not None:
                raise AlreadyFinalisedError(
                    _("Version %(number)s er allerede afsluttet af %(name)s. Intet er ændret.")
                    % {"number": draft_number, "name": winner.finalised_by.name}
                )
            raise AlreadyFinalisedError(
                _("Kladden er ændret, siden du åbnede den. Intet er ændret; prøv igen.")
            )
        problems = finalise_problems(current.draft_content)
        if problems:
            raise FinaliseRefusedError(problems)
        content = document.normalised(current.draft_content)
        review_date = document.parse_date(content["review_date"])
        assert review_date is not None
        now = clock.now()
        version = PlanVersion.objects.create(
            plan=current,
            number=draft_number,
            content=json.dumps(content, ensure_ascii=False, sort_keys=True),
            finalised_by=actor,
            finalised_at=now,
            review_date=review_date,
        )
        current.latest_number = draft_number
        current.draft = ""
        current.draft_number = None
        current.draft_updated_at = None
        current.review_date = review_date
        current.review_reminded_for = None
        current.save()
        audit.record(
            actor=actor, action="actionplans.plan.finalised", target=current, version=draft_number
        )
    plan.refresh_from_db()
    _schedule_reminder(plan)
    return version


def _schedule_reminder(plan: ActionPlan) -> None:
    from tillid.actionplans import tasks  # the tasks module imports the services

    tasks.schedule_review_reminder(plan)


def plan_revise(*, actor: Any, plan: ActionPlan) -> None:
    """Start a new draft from the newest version. The citizen's agreement is not carried over:
    a new version needs the citizen's position again."""
    with transaction.atomic():
        current = locked(plan.pk)
        require_editor(actor, current)
        if current.has_draft:
            raise ActionRefusedError(_("Planen har allerede en kladde."), code="has_draft")
        latest = PlanVersion.objects.filter(plan=current, number=current.latest_number).first()
        if latest is None:
            raise NoDraftError
        content = document.normalised(latest.document)
        content["agreement"] = {}
        current.draft = json.dumps(content, ensure_ascii=False, sort_keys=True)
        current.draft_number = current.latest_number + 1
        current.draft_updated_at = clock.now()
        current.save()
        audit.record(
            actor=actor,
            action="actionplans.plan.revised",
            target=current,
            from_version=latest.number,
        )
    plan.refresh_from_db()


def plan_close(*, actor: Any, plan: ActionPlan) -> None:
    """Close the plan (the work has ended). Its retention period starts now."""
    with transaction.atomic():
        current = locked(plan.pk)
        require_editor(actor, current)
        current.status = ActionPlan.Status.CLOSED
        current.closed_at = clock.now()
        current.save(update_fields=["status", "closed_at"])
        audit.record(actor=actor, action="actionplans.plan.closed", target=current)
    plan.refresh_from_db()
