"""Instrument files: validation with paths, the loader command, and immutable versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tests.risk.conftest import SHIPPED, shipped_document
from tillid.core.models import AuditEntry
from tillid.risk import definitions, services
from tillid.risk.models import ImmutableInstrumentError, Instrument


def write(tmp_path: Path, document: object, name: str = "instrument.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_shipped_instrument_is_valid_and_has_the_issue_s_groups() -> None:
    document = shipped_document()
    assert definitions.validate(document) == []
    definition = definitions.parse(document)
    assert [group.code for group in definition.groups] == [
        "vold",
        "netvaerk",
        "saarbarhed",
        "faretegn",
    ]
    assert [option.value for option in definition.answer_scale] == [
        "ja",
        "delvist",
        "nej",
        "ved_ikke",
    ]
    assert {item.code for item in definition.red_flag_items} == {"F1", "F2", "F3", "F4", "F5"}
    assert all(item.red_flag for item in definition.group("faretegn").items)
    assert definition.emergency_steps[0].phone == "112"


def test_validation_lists_every_error_with_its_path() -> None:
    document = shipped_document()
    document["groups"][1]["items"][0]["code"] = "V2"  # duplicates vold's V2
    document["suggestion"]["rules"][0]["answers"] = ["ja", "maaske"]
    document["suggestion"]["rules"][1]["select"] = {"items": ["V1", "X9"]}
    document["suggestion"]["rules"][2]["select"] = {"group": "findes-ikke"}
    document["suggestion"]["rules"][3]["level"] = "middel"
    del document["groups"][0]["items"][2]["text"]
    errors = definitions.validate(document)
    assert errors == [
        "groups[0].items[2].text: must be a text",
        "groups[1].items[0].code: duplicate item code 'V2' (first at groups[0].items[1])",
        "suggestion.rules[0].answers[1]: unknown answer value 'maaske' "
        "(the scale has delvist, ja, nej, ved_ikke)",
        "suggestion.rules[1].select.items[1]: names a missing item 'X9'",
        "suggestion.rules[2].select.group: names a missing group 'findes-ikke'",
        "suggestion.rules[3].level: must be one of lav, moderat, hoej, akut",
    ]
    with pytest.raises(definitions.InstrumentError) as raised:
        definitions.parse(document)
    assert raised.value.errors == errors


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(version=0), "version: must be a whole number of at least 1"),
        (lambda d: d.update(extra=1), "extra: unknown field"),
        (
            lambda d: d["answer_scale"].append({"value": "ja", "label": "Ja igen"}),
            "answer_scale[4].value: duplicate answer value 'ja'",
        ),
        (
            lambda d: d["groups"][0].update(code="scenarier"),
            "groups[0].code: 'scenarier' is reserved for a step of the flow",
        ),
        (
            lambda d: d["suggestion"]["rules"][0].update(periods=["senere"]),
            "suggestion.rules[0].periods[0]: unknown period 'senere' (use nu or tidligere)",
        ),
        (
            lambda d: d["suggestion"]["rules"][0].update(select={"group": "vold", "items": ["V1"]}),
            "suggestion.rules[0].select: must name exactly one of red_flags, group, groups, "
            "items, all_items",
        ),
        (
            lambda d: d["recommended_actions"].pop("akut"),
            "recommended_actions.akut: must be a non-empty list",
        ),
        (
            lambda d: d["emergency_steps"][0].update(phone="ring nu"),
            "emergency_steps[0].phone: must be a phone number of digits and spaces",
        ),
        (
            lambda d: d["protective_factors"].append({"code": "B1", "text": "igen"}),
            "protective_factors[6].code: duplicate protective factor code 'B1'",
        ),
    ],
)
def test_validation_catches(change: object, expected: str) -> None:
    document = shipped_document()
    change(document)  # type: ignore[operator]
    assert expected in definitions.validate(document)


def test_a_rule_on_red_flags_needs_red_flag_items() -> None:
    document = shipped_document()
    for item in document["groups"][3]["items"]:
        item["red_flag"] = False
    assert (
        "suggestion.rules[0].select.red_flags: the instrument has no red-flag items"
        in definitions.validate(document)
    )


def test_not_an_object_and_not_json_are_reported() -> None:
    assert definitions.validate([]) == ["$: must be an object"]


@pytest.mark.django_db
def test_loader_command_refuses_a_bad_file_listing_every_error(tmp_path: Path) -> None:
    document = shipped_document()
    document["groups"][0]["items"][1]["code"] = "V1"
    document["suggestion"]["rules"][0]["answers"] = ["kan-ske"]
    broken_json = tmp_path / "broken.json"
    broken_json.write_text('{"format": 1,,}', encoding="utf-8")
    path = write(tmp_path, document)
    with pytest.raises(CommandError, match="3 error"):
        call_command("load_instruments", str(path), str(broken_json), stderr=(err := _Buffer()))
    assert err.lines == [
        "instrument.json: groups[0].items[1].code: duplicate item code 'V1' "
        "(first at groups[0].items[0])",
        "instrument.json: suggestion.rules[0].answers[0]: unknown answer value 'kan-ske' "
        "(the scale has delvist, ja, nej, ved_ikke)",
        "broken.json: $: not valid JSON at line 1, column 14: Expecting property name enclosed "
        "in double quotes",
    ]
    assert not Instrument.objects.exists()


@pytest.mark.django_db
def test_loader_command_publishes_once_and_check_writes_nothing(tmp_path: Path) -> None:
    out = _Buffer()
    call_command("load_instruments", "--check", stdout=out)
    assert out.lines == [f"{SHIPPED.name}: valid"]
    assert not Instrument.objects.exists()
    call_command("load_instruments", stdout=(first := _Buffer()))
    call_command("load_instruments", stdout=(second := _Buffer()))
    assert first.lines == ["tillid-risiko version 1: published"]
    assert second.lines == ["tillid-risiko version 1: unchanged"]
    assert Instrument.objects.count() == 1
    assert AuditEntry.objects.filter(action="risk.instrument.published").count() == 1


@pytest.mark.django_db
def test_a_published_version_cannot_be_loaded_with_other_content(tmp_path: Path) -> None:
    services.instruments_load()
    changed = shipped_document()
    changed["groups"][0]["items"][0]["text"] = "En ny formulering"
    with pytest.raises(definitions.InstrumentError) as raised:
        services.instruments_load(paths=[write(tmp_path, changed)])
    assert raised.value.errors == [
        "instrument.json: version: tillid-risiko version 1 is already published with different "
        "content; published versions cannot change, so publish the change as version 2"
    ]
    changed["version"] = 2
    ((new_version, created),) = services.instruments_load(paths=[write(tmp_path, changed)])
    assert created
    assert new_version.version == 2
    assert Instrument.objects.get(version=1).parsed.items[0].text != "En ny formulering"


@pytest.mark.django_db
def test_published_versions_are_immutable_in_the_orm_and_the_database() -> None:
    ((instrument, _created),) = services.instruments_load()
    instrument.name = "Ændret"
    with pytest.raises(ImmutableInstrumentError):
        instrument.save()
    with pytest.raises(ImmutableInstrumentError):
        Instrument.objects.filter(pk=instrument.pk).update(name="Ændret")
    with pytest.raises(ImmutableInstrumentError):
        instrument.delete()
    with pytest.raises(ImmutableInstrumentError):
        Instrument.objects.all().delete()
    # Raw SQL too: the trigger from migration 0002 refuses UPDATE.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE risk_instrument SET name = %s", ["Ændret"])
    assert Instrument.objects.get().name == "Tillids risikovurdering ved æresrelaterede konflikter"


class _Buffer:
    """A stand-in for stdout/stderr that keeps whole lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> None:
        self.lines.extend(line for line in text.splitlines() if line)

    def flush(self) -> None:
        pass
