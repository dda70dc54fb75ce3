"""The seven steps of a concern report, in order (DKFDS step indicator)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ACUTE = "akut"
CHILD = "barnet"
CONCERN = "bekymringen"
FAMILY = "familien"
DONE_ALREADY = "indsats"
NOTIFIER = "underretter"
REVIEW = "gennemse"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str | Promise


STEPS: tuple[Step, ...] = (
    Step(ACUTE, _("Akut fare")),
    Step(CHILD, _("Barnet")),
    Step(CONCERN, _("Bekymringen")),
    Step(FAMILY, _("Familien")),
    Step(DONE_ALREADY, _("Det er gjort")),
    Step(NOTIFIER, _("Dig som underretter")),
    Step(REVIEW, _("Gennemse og send")),
)
SLUGS = tuple(step.slug for step in STEPS)
# Steps that save answers (the review step only submits).
ANSWER_STEPS = SLUGS[:-1]


def index_of(slug: str) -> int:
    return SLUGS.index(slug)


def first_open(steps_done: list[str]) -> str:
    """Where a resumed draft continues: the first answer step not saved yet, else the review."""
    for slug in ANSWER_STEPS:
        if slug not in steps_done:
            return slug
    return REVIEW


@dataclass(frozen=True)
class IndicatorEntry:
    number: int
    step: Step
    state: str  # completed | current | reachable | disabled


def indicator(steps_done: list[str], current: str) -> list[IndicatorEntry]:
    """Saved steps are completed and reachable; the first open step is reachable; later ones
    are disabled until the steps before them are saved."""
    reachable_up_to = index_of(first_open(steps_done))
    entries = []
    for number, step in enumerate(STEPS, start=1):
        if step.slug == current:
            state = "current"
        elif step.slug in steps_done:
            state = "completed"
        elif number - 1 <= reachable_up_to:
            state = "reachable"
        else:
            state = "disabled"
        entries.append(IndicatorEntry(number, step, state))
    return entries


def may_open(steps_done: list[str], slug: str) -> bool:
    return slug in steps_done or index_of(slug) <= index_of(first_open(steps_done))
