"""An assessment gathered for reading: the detail page, the last step and the PDF share it.

A finalised assessment shows the suggestion and reasons stored when it was finalised; a draft
shows them computed from the answers saved so far.
"""

from __future__ import annotations

from dataclasses import dataclass

from tillid.risk.definitions import Group, InstrumentDefinition, Item
from tillid.risk.directory_links import ActionView, action_views
from tillid.risk.models import Answer, Assessment, Level, Scenario
from tillid.risk.scoring import Suggestion, suggest
from tillid.risk.selectors import answer_rows


@dataclass(frozen=True)
class AnswerLine:
    item: Item
    now: str
    earlier: str
    basis: str


@dataclass(frozen=True)
class GroupLines:
    group: Group
    lines: list[AnswerLine]


@dataclass(frozen=True)
class ReasonLine:
    level: str
    level_label: str
    text: str
    items: list[Item]


@dataclass(frozen=True)
class AssessmentSummary:
    assessment: Assessment
    definition: InstrumentDefinition
    groups: list[GroupLines]
    protective_factors: list[str]
    scenarios: list[Scenario]
    suggested_level: str
    suggested_label: str
    reasons: list[ReasonLine]
    unanswered_red_flags: list[Item]
    unknown_red_flags: list[Item]
    final_label: str
    differs: bool
    actions: list[ActionView]
    emergency_steps: list[ActionView]

    @property
    def is_acute(self) -> bool:
        return self.assessment.final_level == Level.ACUTE


def _reason_lines(
    definition: InstrumentDefinition, reasons: list[dict[str, object]]
) -> list[ReasonLine]:
    """The reasons, most serious first, each answer listed under the first reason it supports.

    One answer often matches several rules (a red flag "ja" now is also one of the violence
    items present now); listing it under every rule repeated it down the summary, so later
    reasons keep only the answers not shown yet.
    """
    lines = []
    codes = {item.code for item in definition.items}
    shown: set[str] = set()
    for reason in reasons:
        level = str(reason["level"])
        item_codes = [str(code) for code in reason.get("items", []) or []]  # type: ignore[attr-defined]
        fresh = [code for code in dict.fromkeys(item_codes) if code in codes and code not in shown]
        shown.update(fresh)
        lines.append(
            ReasonLine(
                level=level,
                level_label=str(Level(level).label),
                text=str(reason["text"]),
                items=[definition.item(code) for code in fresh],
            )
        )
    return lines


def assessment_summary(
    assessment: Assessment, *, suggestion: Suggestion | None = None
) -> AssessmentSummary:
    definition = assessment.instrument.parsed
    rows: dict[str, Answer] = answer_rows(assessment)
    if suggestion is None:
        given = {code: (row.now, row.earlier) for code, row in rows.items()}
        suggestion = suggest(definition, given)
    if assessment.is_final:
        suggested = assessment.suggested_level
        reasons = _reason_lines(definition, list(assessment.suggestion_reasons))
    else:
        suggested = suggestion.level
        reasons = _reason_lines(definition, [reason.as_json() for reason in suggestion.reasons])
    groups = [
        GroupLines(
            group=group,
            lines=[
                AnswerLine(
                    item=item,
                    now=definition.answer_label(rows[item.code].now) if item.code in rows else "",
                    earlier=(
                        definition.answer_label(rows[item.code].earlier)
                        if item.code in rows
                        else ""
                    ),
                    basis=rows[item.code].basis if item.code in rows else "",
                )
                for item in group.items
            ],
        )
        for group in definition.groups
    ]
    final = assessment.final_level
    wanted = definition.recommended_actions.get(final, ()) if final else ()
    emergency = definition.emergency_steps if final == Level.ACUTE else ()
    actions, emergency_steps = action_views(wanted, emergency)
    factor_texts = {factor.code: factor.text for factor in definition.protective_factors}
    return AssessmentSummary(
        assessment=assessment,
        definition=definition,
        groups=groups,
        protective_factors=[
            factor_texts[code] for code in assessment.protective_factors if code in factor_texts
        ],
        scenarios=list(assessment.scenarios.all()),
        suggested_level=suggested,
        suggested_label=str(Level(suggested).label) if suggested else "",
        reasons=reasons,
        unanswered_red_flags=list(suggestion.unanswered_red_flags),
        unknown_red_flags=list(suggestion.unknown_red_flags),
        final_label=str(Level(final).label) if final else "",
        differs=bool(final) and final != suggested,
        actions=actions,
        emergency_steps=emergency_steps,
    )
