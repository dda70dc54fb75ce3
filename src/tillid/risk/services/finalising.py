"""Finalising (read-only afterwards) and deleting drafts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tillid.core import audit, clock
from tillid.core.refusals import ActionRefusedError
from tillid.risk import steps
from tillid.risk.models import Assessment
from tillid.risk.scoring import suggest
from tillid.risk.selectors import answers_of
from tillid.risk.services.common import lock_draft, mark_step
from tillid.risk.services.drafts import justification_error


@dataclass(frozen=True)
class FinaliseProblem:
    """Why an assessment cannot be finalised, and the step that fixes it."""

    message: str
    step: str


class FinaliseRefusedError(ActionRefusedError):
    """The assessment is not complete; each problem names the step that fixes it."""

    def __init__(self, problems: list[FinaliseProblem]) -> None:
        self.problems = problems
        super().__init__(problems[0].message if problems else None, code="incomplete")

    @property
    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems]


def assessment_finalise(*, actor: Any, assessment: Assessment) -> Assessment:
    """Finalise: the suggestion is recomputed from the saved answers and stored with its
    reasons beside the professional's judgement. Afterwards the assessment is read-only.

    Refused (``FinaliseRefusedError``, naming each problem and its step) when a red-flag item lacks
    an answer now or earlier ("ved ikke" is an answer), when there is no judgement, or when the
    judgement differs from the suggestion without a justification.
    """
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        definition = locked.instrument.parsed
        suggestion = suggest(definition, answers_of(locked))
        problems = [
            FinaliseProblem(
                _("Faretegnet “%(text)s” mangler svar. Faretegn kan ikke springes over.")
                % {"text": item.text},
                item.group_code,
            )
            for item in suggestion.unanswered_red_flags
        ]
        if not locked.final_level:
            problems.append(
                FinaliseProblem(_("Du mangler at vælge din samlede vurdering."), steps.JUDGEMENT)
            )
        elif locked.final_level != suggestion.level and not locked.justification:
            problems.append(
                FinaliseProblem(
                    justification_error(suggestion.level, locked.final_level).messages[0],
                    steps.JUDGEMENT,
                )
            )
        if problems:
            raise FinaliseRefusedError(problems)
        locked.status = Assessment.Status.FINAL
        locked.suggested_level = suggestion.level
        locked.suggestion_reasons = [reason.as_json() for reason in suggestion.reasons]
        locked.finalised_at = clock.now()
        mark_step(locked, steps.NEXT_STEPS)
        locked.save(
            update_fields=[
                "status",
                "suggested_level",
                "suggestion_reasons",
                "finalised_at",
                "steps_done",
                "updated_at",
            ]
        )
        audit.record(
            actor=actor,
            action="risk.assessment.finalised",
            target=locked,
            instrument=f"{locked.instrument.key} v{locked.instrument.version}",
            differs_from_suggestion=locked.final_level != suggestion.level,
        )
    return locked


def assessment_delete_draft(*, actor: Any, assessment: Assessment) -> None:
    """Delete a draft (its author only). Finalised assessments are never deleted here."""
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        subject = locked.subject
        audit.record(actor=actor, action="risk.assessment.deleted", target=locked)
        locked.delete()
        if not subject.assessments.exists() and subject.context_type_id is None:
            audit.record(actor=actor, action="risk.subject.deleted", target=subject)
            subject.delete()
