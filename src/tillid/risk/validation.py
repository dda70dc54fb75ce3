"""Validation of instrument files: every problem, each with its path, in one pass.

``validate()`` walks a whole document and returns problems such as
``groups[1].items[3].code: duplicate item code 'V2' (first at groups[0].items[1])``, so an author
fixes a file in one round. The format itself is described in ``definitions``.
"""

from __future__ import annotations

import re
from typing import Any

FORMAT_VERSION = 1
LEVELS = ("lav", "moderat", "hoej", "akut")
PERIODS = ("nu", "tidligere")
SELECT_KINDS = ("red_flags", "group", "groups", "items", "all_items")
CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")
ITEM_CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$")
SERVICE_SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
PHONE_PATTERN = re.compile(r"^[0-9 ]{3,11}$")
# Group codes become step addresses; these are the flow's own steps.
RESERVED_GROUP_CODES = frozenset(
    {"person", "beskyttende-faktorer", "scenarier", "vurdering", "naeste-skridt"}
)


class InstrumentError(Exception):
    """An instrument file that cannot be used; ``errors`` lists every problem with its path."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("\n".join(errors))


class _Checker:
    """Collects every error instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def mapping(self, value: Any, path: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(path, "must be an object")
            return None
        return value

    def array(self, parent: dict[str, Any], name: str, path: str, *, required: bool = True) -> list:
        value = parent.get(name)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            self.error(f"{path}.{name}" if path else name, "must be a non-empty list")
            return []
        return value

    def text(self, parent: dict[str, Any], name: str, path: str, *, required: bool = True) -> str:
        value = parent.get(name, None if required else "")
        where = f"{path}.{name}" if path else name
        if not isinstance(value, str):
            self.error(where, "must be a text")
            return ""
        if required and not value.strip():
            self.error(where, "must not be empty")
        return value

    def code(self, parent: dict[str, Any], name: str, path: str, pattern: re.Pattern[str]) -> str:
        value = self.text(parent, name, path)
        if value and not pattern.match(value):
            self.error(f"{path}.{name}", f"{value!r} is not a valid code ({pattern.pattern})")
        return value

    def unknown_keys(self, value: dict[str, Any], allowed: set[str], path: str) -> None:
        for key in sorted(set(value) - allowed):
            self.error(f"{path}.{key}" if path else key, "unknown field")


def validate(document: Any) -> list[str]:
    """Every problem in an instrument document, each as ``path: message``; empty when valid."""
    check = _Checker()
    root = check.mapping(document, "$")
    if root is None:
        return check.errors
    check.unknown_keys(
        root,
        {
            "format",
            "key",
            "version",
            "name",
            "description",
            "answer_scale",
            "groups",
            "protective_factors",
            "suggestion",
            "recommended_actions",
            "emergency_steps",
        },
        "",
    )
    if root.get("format") != FORMAT_VERSION:
        check.error("format", f"must be {FORMAT_VERSION}")
    check.code(root, "key", "", CODE_PATTERN)
    version = root.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        check.error("version", "must be a whole number of at least 1")
    check.text(root, "name", "")
    check.text(root, "description", "", required=False)

    answer_values = _validate_scale(check, root)
    item_codes, group_codes, red_flags = _validate_groups(check, root)
    _validate_protective_factors(check, root)
    _validate_suggestion(check, root, answer_values, item_codes, group_codes, red_flags)
    _validate_actions(check, root)
    return check.errors


def _validate_scale(check: _Checker, root: dict[str, Any]) -> set[str]:
    values: set[str] = set()
    for index, raw in enumerate(check.array(root, "answer_scale", "")):
        path = f"answer_scale[{index}]"
        option = check.mapping(raw, path)
        if option is None:
            continue
        check.unknown_keys(option, {"value", "label"}, path)
        value = check.code(option, "value", path, ITEM_CODE_PATTERN)
        check.text(option, "label", path)
        if value in values:
            check.error(f"{path}.value", f"duplicate answer value {value!r}")
        values.add(value)
    return values


def _validate_groups(check: _Checker, root: dict[str, Any]) -> tuple[set[str], set[str], set[str]]:
    item_codes: dict[str, str] = {}
    group_codes: dict[str, str] = {}
    red_flags: set[str] = set()
    for group_index, raw_group in enumerate(check.array(root, "groups", "")):
        path = f"groups[{group_index}]"
        group = check.mapping(raw_group, path)
        if group is None:
            continue
        check.unknown_keys(group, {"code", "title", "intro", "items"}, path)
        code = check.code(group, "code", path, CODE_PATTERN)
        if code in RESERVED_GROUP_CODES:
            check.error(f"{path}.code", f"{code!r} is reserved for a step of the flow")
        elif code in group_codes:
            check.error(
                f"{path}.code", f"duplicate group code {code!r} (first at {group_codes[code]})"
            )
        elif code:
            group_codes[code] = path
        check.text(group, "title", path)
        check.text(group, "intro", path, required=False)
        for item_index, raw_item in enumerate(check.array(group, "items", path)):
            item_path = f"{path}.items[{item_index}]"
            item = check.mapping(raw_item, item_path)
            if item is None:
                continue
            check.unknown_keys(item, {"code", "text", "guidance", "red_flag"}, item_path)
            item_code = check.code(item, "code", item_path, ITEM_CODE_PATTERN)
            if item_code in item_codes:
                check.error(
                    f"{item_path}.code",
                    f"duplicate item code {item_code!r} (first at {item_codes[item_code]})",
                )
            elif item_code:
                item_codes[item_code] = item_path
            check.text(item, "text", item_path)
            check.text(item, "guidance", item_path, required=False)
            red_flag = item.get("red_flag", False)
            if not isinstance(red_flag, bool):
                check.error(f"{item_path}.red_flag", "must be true or false")
            elif red_flag and item_code:
                red_flags.add(item_code)
    return set(item_codes), set(group_codes), red_flags


def _validate_protective_factors(check: _Checker, root: dict[str, Any]) -> None:
    seen: set[str] = set()
    for index, raw in enumerate(check.array(root, "protective_factors", "", required=False)):
        path = f"protective_factors[{index}]"
        factor = check.mapping(raw, path)
        if factor is None:
            continue
        check.unknown_keys(factor, {"code", "text"}, path)
        code = check.code(factor, "code", path, ITEM_CODE_PATTERN)
        if code in seen:
            check.error(f"{path}.code", f"duplicate protective factor code {code!r}")
        seen.add(code)
        check.text(factor, "text", path)


def _validate_suggestion(
    check: _Checker,
    root: dict[str, Any],
    answer_values: set[str],
    item_codes: set[str],
    group_codes: set[str],
    red_flags: set[str],
) -> None:
    suggestion = check.mapping(root.get("suggestion"), "suggestion")
    if suggestion is None:
        return
    check.unknown_keys(suggestion, {"default_level", "rules"}, "suggestion")
    if suggestion.get("default_level") not in LEVELS:
        check.error("suggestion.default_level", f"must be one of {', '.join(LEVELS)}")
    rule_ids: set[str] = set()
    for index, raw in enumerate(check.array(suggestion, "rules", "suggestion")):
        path = f"suggestion.rules[{index}]"
        rule = check.mapping(raw, path)
        if rule is None:
            continue
        check.unknown_keys(
            rule, {"id", "select", "answers", "periods", "at_least", "level", "reason"}, path
        )
        rule_id = check.code(rule, "id", path, CODE_PATTERN)
        if rule_id in rule_ids:
            check.error(f"{path}.id", f"duplicate rule id {rule_id!r}")
        rule_ids.add(rule_id)
        check.text(rule, "reason", path)
        if rule.get("level") not in LEVELS:
            check.error(f"{path}.level", f"must be one of {', '.join(LEVELS)}")
        for answer_index, answer in enumerate(check.array(rule, "answers", path)):
            if answer not in answer_values:
                check.error(
                    f"{path}.answers[{answer_index}]",
                    f"unknown answer value {answer!r} (the scale has "
                    f"{', '.join(sorted(answer_values)) or 'no values'})",
                )
        for period_index, period in enumerate(check.array(rule, "periods", path)):
            if period not in PERIODS:
                check.error(
                    f"{path}.periods[{period_index}]",
                    f"unknown period {period!r} (use {' or '.join(PERIODS)})",
                )
        at_least = rule.get("at_least", 1)
        if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
            check.error(f"{path}.at_least", "must be a whole number of at least 1")
        _validate_select(check, rule.get("select"), f"{path}.select", item_codes, group_codes)
        select = rule.get("select")
        if isinstance(select, dict) and select.get("red_flags") is True and not red_flags:
            check.error(f"{path}.select.red_flags", "the instrument has no red-flag items")


def _validate_select(
    check: _Checker, raw: Any, path: str, item_codes: set[str], group_codes: set[str]
) -> None:
    select = check.mapping(raw, path)
    if select is None:
        return
    kinds = [kind for kind in select if kind in SELECT_KINDS]
    check.unknown_keys(select, set(SELECT_KINDS), path)
    if len(kinds) != 1:
        check.error(path, f"must name exactly one of {', '.join(SELECT_KINDS)}")
        return
    kind = kinds[0]
    value = select[kind]
    if kind in ("red_flags", "all_items"):
        if value is not True:
            check.error(f"{path}.{kind}", "must be true")
    elif kind == "group":
        if value not in group_codes:
            check.error(f"{path}.group", f"names a missing group {value!r}")
    else:
        known = group_codes if kind == "groups" else item_codes
        noun = "group" if kind == "groups" else "item"
        if not isinstance(value, list) or not value:
            check.error(f"{path}.{kind}", "must be a non-empty list")
            return
        for index, code in enumerate(value):
            if code not in known:
                check.error(f"{path}.{kind}[{index}]", f"names a missing {noun} {code!r}")


def _validate_action_list(check: _Checker, raw: Any, path: str) -> None:
    if not isinstance(raw, list) or not raw:
        check.error(path, "must be a non-empty list")
        return
    for index, raw_action in enumerate(raw):
        action_path = f"{path}[{index}]"
        action = check.mapping(raw_action, action_path)
        if action is None:
            continue
        check.unknown_keys(action, {"text", "service", "phone"}, action_path)
        check.text(action, "text", action_path)
        service = action.get("service", "")
        if not isinstance(service, str) or (service and not SERVICE_SLUG_PATTERN.match(service)):
            check.error(f"{action_path}.service", "must be a directory service slug")
        phone = action.get("phone", "")
        if not isinstance(phone, str) or (phone and not PHONE_PATTERN.match(phone)):
            check.error(f"{action_path}.phone", "must be a phone number of digits and spaces")


def _validate_actions(check: _Checker, root: dict[str, Any]) -> None:
    actions = check.mapping(root.get("recommended_actions"), "recommended_actions")
    if actions is not None:
        check.unknown_keys(actions, set(LEVELS), "recommended_actions")
        for level in LEVELS:
            _validate_action_list(check, actions.get(level), f"recommended_actions.{level}")
    _validate_action_list(check, root.get("emergency_steps"), "emergency_steps")
