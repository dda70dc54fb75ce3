"""The steps of a draft: each saves what it shows, audits the step, and refuses final ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tillid.core import audit
from tillid.risk import steps
from tillid.risk.models import AgeGroup, Answer, Assessment, Level, Scenario
from tillid.risk.scoring import suggest
from tillid.risk.selectors import answers_of
from tillid.risk.services.common import (
    clean_note,
    clean_reference,
    lock_draft,
    mark_step,
)


def assessment_save_person(
    *, actor: Any, assessment: Assessment, age_group: str, reference: str | None = None
) -> Assessment:
    """Step 1: the age group, and the subject's reference when ``actor`` created the subject."""
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        if age_group not in AgeGroup.values:
            raise ValidationError({"age_group": _("Vælg en aldersgruppe.")})
        changed = []
        subject = locked.subject
        if reference is not None and subject.created_by_id == actor.pk:
            cleaned = clean_reference(reference, required=subject.context_type_id is None)
            if cleaned != subject.reference:
                subject.reference = cleaned
                subject.save(update_fields=["reference"])
                changed.append("reference")
                audit.record(
                    actor=actor, action="risk.subject.changed", target=subject, fields=changed
                )
        locked.age_group = age_group
        mark_step(locked, steps.PERSON)
        locked.save(update_fields=["age_group", "steps_done", "updated_at"])
        audit.record(actor=actor, action="risk.assessment.saved", target=locked, step=steps.PERSON)
    return locked


@dataclass(frozen=True)
class AnswerInput:
    now: str = ""
    earlier: str = ""
    basis: str = ""


def assessment_save_answers(
    *,
    actor: Any,
    assessment: Assessment,
    group_code: str,
    answers: dict[str, AnswerInput],
    require_red_flags: bool = False,
) -> Assessment:
    """An item step: the answers to one group's items (empty answers are allowed in a draft).

    Refuses codes outside the group and values outside the instrument's answer scale; with
    ``require_red_flags`` refuses red-flag items without an answer now and earlier.
    """
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        definition = locked.instrument.parsed
        try:
            group = definition.group(group_code)
        except KeyError:
            raise ValidationError(_("Ukendt trin.")) from None
        codes = {item.code for item in group.items}
        errors: dict[str, list[str]] = {}
        for code, given in answers.items():
            if code not in codes:
                errors.setdefault("__all__", []).append(
                    _("Ukendt punkt: %(code)s") % {"code": code}
                )
                continue
            for field, value in (("nu", given.now), ("tidligere", given.earlier)):
                if value and value not in definition.answer_values:
                    errors.setdefault(f"{code}_{field}", []).append(_("Vælg et af svarene."))
            try:
                clean_note(given.basis, "basis")
            except ValidationError as error:
                errors.setdefault(f"{code}_grundlag", []).extend(error.messages)
        if require_red_flags:
            for item in group.items:
                given = answers.get(item.code, AnswerInput())
                if item.red_flag and not given.now:
                    errors.setdefault(f"{item.code}_nu", []).append(_missing_red_flag_message())
                if item.red_flag and not given.earlier:
                    errors.setdefault(f"{item.code}_tidligere", []).append(
                        _missing_red_flag_message()
                    )
        if errors:
            raise ValidationError(errors)
        existing = {
            answer.item_code: answer for answer in locked.answers.filter(item_code__in=codes)
        }
        for code, given in answers.items():
            answer = existing.get(code) or Answer(assessment=locked, item_code=code)
            answer.now, answer.earlier, answer.basis = given.now, given.earlier, given.basis.strip()
            answer.save()
        # A group with unanswered red flags stays open, so a resumed draft returns to it.
        complete = all(
            answers.get(item.code, AnswerInput()).now
            and answers.get(item.code, AnswerInput()).earlier
            for item in group.items
            if item.red_flag
        )
        if complete:
            mark_step(locked, group_code)
        else:
            locked.steps_done = [slug for slug in locked.steps_done if slug != group_code]
        locked.save(update_fields=["steps_done", "updated_at"])
        audit.record(actor=actor, action="risk.assessment.saved", target=locked, step=group_code)
    return locked


def _missing_red_flag_message() -> str:
    return _("Et faretegn kan ikke springes over. Vælg “Ved ikke”, hvis du ikke ved det.")


def assessment_save_protective_factors(
    *, actor: Any, assessment: Assessment, factor_codes: Sequence[str], note: str
) -> Assessment:
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        known = [factor.code for factor in locked.instrument.parsed.protective_factors]
        unknown = [code for code in factor_codes if code not in known]
        if unknown:
            raise ValidationError({"factors": _("Ukendt beskyttende faktor.")})
        locked.protective_factors = [code for code in known if code in factor_codes]
        locked.protective_note = clean_note(note, "note")
        mark_step(locked, steps.PROTECTIVE)
        locked.save(
            update_fields=["protective_factors", "protective_note", "steps_done", "updated_at"]
        )
        audit.record(
            actor=actor, action="risk.assessment.saved", target=locked, step=steps.PROTECTIVE
        )
    return locked


@dataclass(frozen=True)
class ScenarioInput:
    what: str
    how_soon: str
    severity: str
    who: str = ""


def assessment_save_scenarios(
    *, actor: Any, assessment: Assessment, scenarios: Sequence[ScenarioInput]
) -> Assessment:
    """Replace the risk scenarios with ``scenarios`` (in that order)."""
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        for scenario in scenarios:
            if not scenario.what.strip():
                raise ValidationError({"what": _("Beskriv, hvad der kan ske.")})
            if scenario.how_soon not in Scenario.HowSoon.values:
                raise ValidationError({"how_soon": _("Vælg, hvor snart det kan ske.")})
            if scenario.severity not in Scenario.Severity.values:
                raise ValidationError({"severity": _("Vælg, hvor alvorligt det kan blive.")})
            clean_note(scenario.what, "what")
            clean_note(scenario.who, "who")
        locked.scenarios.all().delete()
        Scenario.objects.bulk_create(
            Scenario(
                assessment=locked,
                position=position,
                what=scenario.what.strip(),
                who=scenario.who.strip(),
                how_soon=scenario.how_soon,
                severity=scenario.severity,
            )
            for position, scenario in enumerate(scenarios)
        )
        mark_step(locked, steps.SCENARIOS)
        locked.save(update_fields=["steps_done", "updated_at"])
        audit.record(
            actor=actor,
            action="risk.assessment.saved",
            target=locked,
            step=steps.SCENARIOS,
            scenarios=len(scenarios),
        )
    return locked


def justification_error(suggested: str, final: str) -> ValidationError:
    return ValidationError(
        {
            "justification": _(
                "Din vurdering (%(final)s) afviger fra forslaget (%(suggested)s). "
                "Skriv, hvorfor du vurderer anderledes."
            )
            % {"final": Level(final).label, "suggested": Level(suggested).label}
        }
    )


def assessment_save_judgement(
    *, actor: Any, assessment: Assessment, final_level: str, justification: str
) -> Assessment:
    """The professional's final judgement; a level other than the suggestion needs a reason."""
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        if final_level not in Level.values:
            raise ValidationError({"final_level": _("Vælg din samlede vurdering.")})
        justification = clean_note(justification, "justification")
        suggestion = suggest(locked.instrument.parsed, answers_of(locked))
        if final_level != suggestion.level and not justification:
            raise justification_error(suggestion.level, final_level)
        locked.final_level = final_level
        locked.justification = justification
        locked.suggested_level = suggestion.level
        mark_step(locked, steps.JUDGEMENT)
        locked.save(
            update_fields=[
                "final_level",
                "justification",
                "suggested_level",
                "steps_done",
                "updated_at",
            ]
        )
        audit.record(
            actor=actor, action="risk.assessment.saved", target=locked, step=steps.JUDGEMENT
        )
    return locked


def assessment_save_next_steps(*, actor: Any, assessment: Assessment, note: str) -> Assessment:
    with transaction.atomic():
        locked = lock_draft(actor, assessment)
        locked.next_steps_note = clean_note(note, "note")
        mark_step(locked, steps.NEXT_STEPS)
        locked.save(update_fields=["next_steps_note", "steps_done", "updated_at"])
        audit.record(
            actor=actor, action="risk.assessment.saved", target=locked, step=steps.NEXT_STEPS
        )
    return locked
