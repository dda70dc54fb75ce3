"""Fixtures for risk assessments: the shipped instrument, authors and finished assessments."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.risk import services
from tillid.risk.instrument_files import instrument_file_paths
from tillid.risk.models import Assessment, Instrument, Subject
from tillid.risk.selectors import assessment_suggestion
from tillid.risk.services import AnswerInput, ScenarioInput

SHIPPED = instrument_file_paths()[0]
NO = ("nej", "nej")


def shipped_document() -> dict[str, Any]:
    """A fresh copy of the shipped instrument file, to change in a test."""
    return copy.deepcopy(json.loads(SHIPPED.read_text(encoding="utf-8")))


def all_answers(**given: tuple[str, str]) -> dict[str, dict[str, AnswerInput]]:
    """Answers per group of the shipped instrument: "nej"/"nej" unless given by item code."""
    document = shipped_document()
    by_group: dict[str, dict[str, AnswerInput]] = {}
    for group in document["groups"]:
        by_group[group["code"]] = {
            item["code"]: AnswerInput(*given.get(item["code"], NO), basis=f"note {item['code']}")
            for item in group["items"]
        }
    return by_group


@pytest.fixture
def instrument(db: None) -> Instrument:
    (loaded, _created), *_ = services.instruments_load()
    return loaded


@pytest.fixture
def professional(make_user: Callable[..., User]) -> User:
    return make_user(Role.PROFESSIONAL, name="Sara Fagperson")


@pytest.fixture
def consultant(make_user: Callable[..., User]) -> User:
    return make_user(Role.CONSULTANT, name="Amir Konsulent")


def start(user: User, reference: str = "Elev 9.b") -> Assessment:
    return services.assessment_create(actor=user, reference=reference, age_group="ung")


def fill(user: User, assessment: Assessment, **given: tuple[str, str]) -> Assessment:
    for group_code, answers in all_answers(**given).items():
        services.assessment_save_answers(
            actor=user, assessment=assessment, group_code=group_code, answers=answers
        )
    return assessment


def finish(
    user: User,
    *,
    subject: Subject | None = None,
    final_level: str | None = None,
    justification: str = "",
    **given: tuple[str, str],
) -> Assessment:
    """A finalised assessment; the judgement follows the suggestion unless ``final_level``."""
    if subject is None:
        assessment = start(user)
    else:
        assessment = services.assessment_start(actor=user, subject=subject, age_group="ung")
    fill(user, assessment, **given)
    services.assessment_save_scenarios(
        actor=user,
        assessment=assessment,
        scenarios=[ScenarioInput(what="Hemmelig plan", how_soon="uger", severity="alvorlig")],
    )
    suggested = assessment_suggestion(assessment)
    services.assessment_save_judgement(
        actor=user,
        assessment=assessment,
        final_level=final_level or suggested.level,
        justification=justification,
    )
    return services.assessment_finalise(actor=user, assessment=assessment)


@pytest.fixture
def make_final(instrument: Instrument) -> Callable[..., Assessment]:
    return finish
