"""Instrument files: their format, their validation, and the parsed, read-only definition.

An instrument is data (``risk/instruments/*.json``), never code. ``validate()`` (in
``validation``, re-exported here) returns every problem with its path
(``groups[1].items[3].code``), so an author fixes a file in one round; ``parse()`` turns a valid
document into frozen dataclasses that the scoring, the forms and the templates read.

The format (``"format": 1``)::

    key, version (integer >= 1), name, description
    answer_scale:  [{value, label}]        the answers an item can get (ja, delvist, ...)
    groups:        [{code, title, intro, items: [{code, text, guidance, red_flag}]}]
    protective_factors: [{code, text}]
    suggestion:    {default_level, rules: [{id, select, answers, periods, at_least, level,
                                             reason}]}
    recommended_actions: {level: [{text, service?, phone?}]}   one list per level
    emergency_steps:     [{text, service?, phone?}]            shown at once for "akut"

A rule's ``select`` is exactly one of ``{"red_flags": true}``, ``{"group": code}``,
``{"groups": [codes]}``, ``{"items": [codes]}`` or ``{"all_items": true}``. It matches when at
least ``at_least`` of the selected items have one of ``answers`` in one of ``periods``
(``nu`` and/or ``tidligere``). The suggested level is the highest level of the matching rules,
or ``default_level`` when none match.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tillid.risk.validation import LEVELS, PERIODS, InstrumentError, validate

__all__ = [
    "LEVELS",
    "PERIODS",
    "Action",
    "AnswerOption",
    "Group",
    "InstrumentDefinition",
    "InstrumentError",
    "Item",
    "ProtectiveFactor",
    "Rule",
    "parse",
    "validate",
]


@dataclass(frozen=True)
class AnswerOption:
    value: str
    label: str


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    guidance: str
    red_flag: bool
    group_code: str


@dataclass(frozen=True)
class Group:
    code: str
    title: str
    intro: str
    items: tuple[Item, ...]

    @property
    def has_red_flags(self) -> bool:
        return any(item.red_flag for item in self.items)


@dataclass(frozen=True)
class ProtectiveFactor:
    code: str
    text: str


@dataclass(frozen=True)
class Rule:
    id: str
    select: dict[str, Any]
    answers: tuple[str, ...]
    periods: tuple[str, ...]
    at_least: int
    level: str
    reason: str


@dataclass(frozen=True)
class Action:
    """A recommended step; ``service`` is a directory slug, resolved loosely when shown."""

    text: str
    service: str = ""
    phone: str = ""


@dataclass(frozen=True)
class InstrumentDefinition:
    key: str
    version: int
    name: str
    description: str
    answer_scale: tuple[AnswerOption, ...]
    groups: tuple[Group, ...]
    protective_factors: tuple[ProtectiveFactor, ...]
    default_level: str
    rules: tuple[Rule, ...]
    recommended_actions: dict[str, tuple[Action, ...]]
    emergency_steps: tuple[Action, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for group in self.groups for item in group.items)

    @property
    def red_flag_items(self) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.red_flag)

    def item(self, code: str) -> Item:
        for item in self.items:
            if item.code == code:
                return item
        raise KeyError(code)

    def group(self, code: str) -> Group:
        for group in self.groups:
            if group.code == code:
                return group
        raise KeyError(code)

    def answer_label(self, value: str) -> str:
        for option in self.answer_scale:
            if option.value == value:
                return option.label
        return ""

    @property
    def answer_values(self) -> frozenset[str]:
        return frozenset(option.value for option in self.answer_scale)


def _action(raw: dict[str, Any]) -> Action:
    return Action(text=raw["text"], service=raw.get("service", ""), phone=raw.get("phone", ""))


def parse(document: dict[str, Any]) -> InstrumentDefinition:
    """A valid document as a definition; raises ``InstrumentError`` listing every problem."""
    errors = validate(document)
    if errors:
        raise InstrumentError(errors)
    groups = tuple(
        Group(
            code=group["code"],
            title=group["title"],
            intro=group.get("intro", ""),
            items=tuple(
                Item(
                    code=item["code"],
                    text=item["text"],
                    guidance=item.get("guidance", ""),
                    red_flag=item.get("red_flag", False),
                    group_code=group["code"],
                )
                for item in group["items"]
            ),
        )
        for group in document["groups"]
    )
    suggestion = document["suggestion"]
    return InstrumentDefinition(
        key=document["key"],
        version=document["version"],
        name=document["name"],
        description=document.get("description", ""),
        answer_scale=tuple(
            AnswerOption(value=option["value"], label=option["label"])
            for option in document["answer_scale"]
        ),
        groups=groups,
        protective_factors=tuple(
            ProtectiveFactor(code=factor["code"], text=factor["text"])
            for factor in document.get("protective_factors", [])
        ),
        default_level=suggestion["default_level"],
        rules=tuple(
            Rule(
                id=rule["id"],
                select=dict(rule["select"]),
                answers=tuple(rule["answers"]),
                periods=tuple(rule["periods"]),
                at_least=rule.get("at_least", 1),
                level=rule["level"],
                reason=rule["reason"],
            )
            for rule in suggestion["rules"]
        ),
        recommended_actions={
            level: tuple(_action(action) for action in document["recommended_actions"][level])
            for level in LEVELS
        },
        emergency_steps=tuple(_action(action) for action in document["emergency_steps"]),
    )
