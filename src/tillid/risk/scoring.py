"""The suggested level: the instrument's rules applied to the answers, with the reasons shown.

A suggestion only; the professional's final judgement decides (DOMAIN.md, Risk assessment).
Pure functions over the parsed definition, so every rule can be tested from the data alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tillid.risk.definitions import LEVELS, InstrumentDefinition, Item, Rule

# (answer now, answer earlier) per item code; "" for no answer.
Answers = Mapping[str, tuple[str, str]]
PERIOD_INDEX = {"nu": 0, "tidligere": 1}


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass(frozen=True)
class Reason:
    rule_id: str
    level: str
    text: str
    item_codes: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "rule": self.rule_id,
            "level": self.level,
            "text": self.text,
            "items": list(self.item_codes),
        }


@dataclass(frozen=True)
class Suggestion:
    level: str
    reasons: tuple[Reason, ...]  # the rules that matched, highest level first
    unanswered_red_flags: tuple[Item, ...]
    unknown_red_flags: tuple[Item, ...]  # answered "ved ikke" now

    @property
    def is_default(self) -> bool:
        return not self.reasons


def selected_items(definition: InstrumentDefinition, rule: Rule) -> tuple[Item, ...]:
    select = rule.select
    if select.get("red_flags"):
        return definition.red_flag_items
    if select.get("all_items"):
        return definition.items
    if "group" in select:
        return definition.group(select["group"]).items
    if "groups" in select:
        codes = set(select["groups"])
        return tuple(item for item in definition.items if item.group_code in codes)
    codes = set(select["items"])
    return tuple(item for item in definition.items if item.code in codes)


def matching_items(definition: InstrumentDefinition, rule: Rule, answers: Answers) -> list[str]:
    """Codes of the selected items with one of the rule's answers in one of its periods."""
    indexes = [PERIOD_INDEX[period] for period in rule.periods]
    matched = []
    for item in selected_items(definition, rule):
        given = answers.get(item.code, ("", ""))
        if any(given[index] in rule.answers for index in indexes):
            matched.append(item.code)
    return matched


def suggest(definition: InstrumentDefinition, answers: Answers) -> Suggestion:
    """The highest level among the matching rules (the default level when none match)."""
    reasons = []
    for rule in definition.rules:
        matched = matching_items(definition, rule, answers)
        if len(matched) >= rule.at_least:
            reasons.append(
                Reason(
                    rule_id=rule.id, level=rule.level, text=rule.reason, item_codes=tuple(matched)
                )
            )
    reasons.sort(key=lambda reason: -level_rank(reason.level))  # stable: file order within a level
    level = reasons[0].level if reasons else definition.default_level
    if level_rank(definition.default_level) > level_rank(level):
        level = definition.default_level
    unknown_value = "ved_ikke"
    return Suggestion(
        level=level,
        reasons=tuple(reasons),
        unanswered_red_flags=tuple(
            item for item in definition.red_flag_items if not all(answers.get(item.code, ("", "")))
        ),
        unknown_red_flags=tuple(
            item
            for item in definition.red_flag_items
            if answers.get(item.code, ("", ""))[0] == unknown_value
        ),
    )
