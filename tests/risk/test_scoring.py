"""The suggestion rules, each tested from the shipped instrument file (no database needed)."""

from __future__ import annotations

import pytest

from tests.risk.conftest import shipped_document
from tillid.risk import definitions
from tillid.risk.scoring import Answers, suggest

DEFINITION = definitions.parse(shipped_document())
NOTHING = ("nej", "nej")


def answers(**given: tuple[str, str]) -> Answers:
    return {item.code: given.get(item.code, NOTHING) for item in DEFINITION.items}


def rules_of(result_answers: Answers) -> list[str]:
    return [reason.rule_id for reason in suggest(DEFINITION, result_answers).reasons]


def test_no_matching_rule_gives_the_default_level_without_reasons() -> None:
    result = suggest(DEFINITION, answers())
    assert result.level == "lav" == DEFINITION.default_level
    assert result.reasons == ()
    assert result.unanswered_red_flags == ()


@pytest.mark.parametrize("red_flag", ["F1", "F2", "F3", "F4", "F5"])
@pytest.mark.parametrize("answer", ["ja", "delvist"])
def test_any_red_flag_present_now_suggests_high(red_flag: str, answer: str) -> None:
    result = suggest(DEFINITION, answers(**{red_flag: (answer, "nej")}))
    assert result.level == "hoej"
    assert result.reasons[0].rule_id == "faretegn-nu"
    assert result.reasons[0].item_codes == (red_flag,)
    assert result.reasons[0].text == "Mindst ét konkret faretegn er til stede nu."


def test_a_red_flag_only_earlier_suggests_moderate() -> None:
    result = suggest(DEFINITION, answers(F5=("nej", "ja")))
    assert result.level == "moderat"
    assert rules_of(answers(F5=("nej", "ja"))) == ["faretegn-tidligere"]


def test_one_unknown_red_flag_is_noted_two_suggest_moderate() -> None:
    one = suggest(DEFINITION, answers(F1=("ved_ikke", "nej")))
    assert one.level == "lav"
    assert [item.code for item in one.unknown_red_flags] == ["F1"]
    two = suggest(DEFINITION, answers(F1=("ved_ikke", "nej"), F3=("ved_ikke", "ved_ikke")))
    assert two.level == "moderat"
    assert [reason.rule_id for reason in two.reasons] == ["faretegn-uvist"]


@pytest.mark.parametrize(
    ("given", "level", "rule_ids"),
    [
        ({"V2": ("ja", "nej")}, "moderat", ["vold-nu"]),
        (
            {"V1": ("ja", "nej"), "V2": ("delvist", "nej"), "V3": ("ja", "nej")},
            "hoej",
            ["vold-flere-nu", "vold-nu"],
        ),
        ({"V1": ("nej", "ja"), "V4": ("nej", "delvist")}, "moderat", ["vold-tidligere"]),
        ({"V1": ("nej", "ja")}, "lav", []),
        ({"N1": ("ja", "nej"), "N3": ("delvist", "nej")}, "moderat", ["netvaerk-flere-nu"]),
        ({"N1": ("ja", "nej")}, "lav", []),
        (
            {"S1": ("ja", "nej"), "S2": ("ja", "nej"), "S5": ("delvist", "nej")},
            "moderat",
            ["saarbarhed-flere-nu"],
        ),
        ({"S1": ("ja", "nej"), "S2": ("ja", "nej")}, "lav", []),
        ({"S1": ("ved_ikke", "nej"), "S2": ("ved_ikke", "nej"), "S3": ("ja", "nej")}, "lav", []),
    ],
)
def test_group_counts_give_levels(
    given: dict[str, tuple[str, str]], level: str, rule_ids: list[str]
) -> None:
    result = suggest(DEFINITION, answers(**given))
    assert result.level == level
    assert [reason.rule_id for reason in result.reasons] == rule_ids


def test_many_across_groups_suggests_high_and_lists_every_reason() -> None:
    given = {
        "V1": ("ja", "nej"),
        "V5": ("ja", "nej"),
        "N1": ("ja", "nej"),
        "N2": ("delvist", "nej"),
        "N4": ("ja", "nej"),
        "S2": ("ja", "nej"),
        "S3": ("delvist", "nej"),
        "S4": ("ja", "nej"),
    }
    result = suggest(DEFINITION, answers(**given))
    assert result.level == "hoej"
    # Highest level first, file order within a level.
    assert [reason.rule_id for reason in result.reasons] == [
        "samlet-mange-nu",
        "vold-nu",
        "netvaerk-flere-nu",
        "saarbarhed-flere-nu",
    ]
    assert len(result.reasons[0].item_codes) == 8


def test_every_rule_of_the_shipped_file_is_covered_here() -> None:
    tested = {
        "faretegn-nu",
        "vold-flere-nu",
        "samlet-mange-nu",
        "faretegn-tidligere",
        "faretegn-uvist",
        "vold-nu",
        "vold-tidligere",
        "netvaerk-flere-nu",
        "saarbarhed-flere-nu",
    }
    assert {rule.id for rule in DEFINITION.rules} == tested


def test_unanswered_red_flags_are_reported() -> None:
    given = answers()
    given.pop("F2")  # type: ignore[attr-defined]
    given["F4"] = ("ja", "")  # type: ignore[index]
    result = suggest(DEFINITION, given)
    assert [item.code for item in result.unanswered_red_flags] == ["F2", "F4"]


def test_rules_are_read_from_the_data_not_the_code() -> None:
    document = shipped_document()
    document["suggestion"]["rules"] = [
        {
            "id": "alle-faretegn-akut",
            "select": {"items": ["F4"]},
            "answers": ["ja"],
            "periods": ["nu", "tidligere"],
            "at_least": 1,
            "level": "akut",
            "reason": "Trusler på livet.",
        }
    ]
    document["suggestion"]["default_level"] = "moderat"
    changed = definitions.parse(document)
    assert suggest(changed, answers()).level == "moderat"
    assert suggest(changed, answers(F4=("nej", "ja"))).level == "akut"
    assert suggest(changed, answers(F1=("ja", "ja"))).level == "moderat"
