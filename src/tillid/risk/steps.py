"""The steps of the assessment flow. The item steps come from the instrument's groups."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tillid.risk.definitions import InstrumentDefinition

PERSON = "person"
PROTECTIVE = "beskyttende-faktorer"
SCENARIOS = "scenarier"
JUDGEMENT = "vurdering"
NEXT_STEPS = "naeste-skridt"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    kind: str  # person | group | protective | scenarios | judgement | next_steps
    group_code: str = ""


def steps_for(definition: InstrumentDefinition) -> list[Step]:
    return [
        Step(PERSON, str(_("Person")), "person"),
        *(Step(group.code, group.title, "group", group.code) for group in definition.groups),
        Step(PROTECTIVE, str(_("Beskyttende faktorer")), "protective"),
        Step(SCENARIOS, str(_("Risikoscenarier")), "scenarios"),
        Step(JUDGEMENT, str(_("Samlet vurdering")), "judgement"),
        Step(NEXT_STEPS, str(_("Næste skridt og afslutning")), "next_steps"),
    ]


def step_by_slug(definition: InstrumentDefinition, slug: str) -> tuple[int, Step] | None:
    for index, step in enumerate(steps_for(definition)):
        if step.slug == slug:
            return index, step
    return None


def first_open_step(definition: InstrumentDefinition, steps_done: list[str]) -> Step:
    """Where a resumed draft continues: the first step not saved yet (or the last step)."""
    steps = steps_for(definition)
    for step in steps:
        if step.slug not in steps_done:
            return step
    return steps[-1]


@dataclass(frozen=True)
class IndicatorStep:
    number: int
    step: Step
    state: str  # completed | current | reachable | disabled


def indicator(
    definition: InstrumentDefinition, steps_done: list[str], current_slug: str
) -> list[IndicatorStep]:
    """Step indicator entries: saved steps and the first open one can be visited."""
    open_slug = first_open_step(definition, steps_done).slug
    entries = []
    for number, step in enumerate(steps_for(definition), start=1):
        if step.slug == current_slug:
            state = "current"
        elif step.slug in steps_done:
            state = "completed"
        elif step.slug == open_slug:
            state = "reachable"
        else:
            state = "disabled"
        entries.append(IndicatorStep(number=number, step=step, state=state))
    return entries
