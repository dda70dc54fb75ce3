"""Issue 17: every free-text field of an assessment refuses a CPR number, however it is spelled,
in the form and in the service, so none reaches the database or the PDF."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from tests.risk.conftest import all_answers, start
from tillid.accounts.models import User
from tillid.risk import forms, services
from tillid.risk.models import Answer, Assessment, Instrument, Scenario
from tillid.risk.services import ScenarioInput

# An en dash and a soft hyphen: two of the spellings the guard used to miss.
SPELLED = "Pigens nummer er 010203\u20131234, se også 05 06 07\u00ad4321"


@pytest.fixture
def draft(instrument: Instrument, professional: User) -> Assessment:
    return start(professional)


def _saves(professional: User, draft: Assessment) -> dict[str, Callable[[], object]]:
    group_code, answers = next(iter(all_answers().items()))
    item_code = next(iter(answers))
    answers[item_code] = dataclasses.replace(answers[item_code], basis=SPELLED)
    return {
        "basis": lambda: services.assessment_save_answers(
            actor=professional, assessment=draft, group_code=group_code, answers=answers
        ),
        "protective_note": lambda: services.assessment_save_protective_factors(
            actor=professional, assessment=draft, factor_codes=[], note=SPELLED
        ),
        "what": lambda: services.assessment_save_scenarios(
            actor=professional,
            assessment=draft,
            scenarios=[ScenarioInput(what=SPELLED, how_soon="uger", severity="alvorlig")],
        ),
        "who": lambda: services.assessment_save_scenarios(
            actor=professional,
            assessment=draft,
            scenarios=[
                ScenarioInput(what="Bortførsel", who=SPELLED, how_soon="uger", severity="alvorlig")
            ],
        ),
        "justification": lambda: services.assessment_save_judgement(
            actor=professional, assessment=draft, final_level="akut", justification=SPELLED
        ),
        "next_steps_note": lambda: services.assessment_save_next_steps(
            actor=professional, assessment=draft, note=SPELLED
        ),
    }


@pytest.mark.parametrize(
    "field", ["basis", "protective_note", "what", "who", "justification", "next_steps_note"]
)
def test_every_free_text_service_refuses_a_cpr_number(
    professional: User, draft: Assessment, field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        _saves(professional, draft)[field]()

    assert "CPR-nummer" in str(raised.value)
    assert "1234" not in str(raised.value)
    draft.refresh_from_db()
    stored = [
        draft.protective_note,
        draft.justification,
        draft.next_steps_note,
        *Answer.objects.filter(assessment=draft).values_list("basis", flat=True),
        *Scenario.objects.filter(assessment=draft).values_list("what", "who"),
    ]
    assert "1234" not in repr(stored)


def test_every_free_text_form_field_refuses_a_cpr_number(instrument: Instrument) -> None:
    definition = instrument.parsed
    group = definition.groups[0]
    item = group.items[0]
    cases = [
        (forms.PersonForm(data={"reference": SPELLED, "age_group": "ung"}), "reference"),
        (
            forms.GroupAnswersForm(
                data={f"{item.code}_grundlag": SPELLED}, definition=definition, group=group
            ),
            f"{item.code}_grundlag",
        ),
        (forms.ProtectiveFactorsForm(data={"note": SPELLED}, definition=definition), "note"),
        (
            forms.ScenarioForm(
                data={"what": SPELLED, "who": "", "how_soon": "uger", "severity": "alvorlig"}
            ),
            "what",
        ),
        (
            forms.ScenarioForm(
                data={"what": "x", "who": SPELLED, "how_soon": "uger", "severity": "alvorlig"}
            ),
            "who",
        ),
        (
            forms.JudgementForm(data={"final_level": "akut", "justification": SPELLED}),
            "justification",
        ),
        (forms.NextStepsForm(data={"note": SPELLED}), "note"),
    ]
    for form, field in cases:
        assert not form.is_valid(), field
        assert "CPR-nummer" in str(form.errors[field]), field
