""" "Hvem skal jeg ringe til?": four answers in, an ordered list of services out.

The routing is a pure function over service cards, so every answer combination is testable:

1. Someone in acute danger: 112 always comes first, then the social emergency services
   (services of type ``akut``, e.g. Den Sociale Døgnvagt). The ordinary list follows when the
   other questions are answered, for what to do once the danger is over.
2. "Advice for me" keeps services for professionals; "help for the citizen" keeps services for
   citizens.
3. A service only for employees of an employer (Etnisk Konsulentteam: Københavns Kommune) is kept
   only for someone who works there, and then comes first: one's own expert team is the first call.
4. A service with an age range is kept only if it overlaps the citizen's age group.
5. Then the services made for the need come first: sparring for "advice for me"; anonymous advice,
   residences and crisis centres for "help for the citizen". Then services whose age range covers
   most of the group, before the rest. Ties go by name.
6. Acute services are not repeated in the ordinary list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from tillid.core.age_groups import MINORS
from tillid.directory.cards import ServiceCard, service_cards
from tillid.directory.selectors import AGE_GROUPS, service_queryset_public

ACUTE_TYPE = "akut"
# Service types made for each need (rule 5).
NEED_TYPES = {
    "self": frozenset({"sparring"}),
    "citizen": frozenset({"anonym-raadgivning", "opholdssted", "krisecenter"}),
}
NEED_SELF = "self"
NEED_CITIZEN = "citizen"


@dataclass(frozen=True)
class GuideAnswers:
    acute: bool
    employed_by_municipality: bool | None = None
    age_group: str | None = None  # a key of AGE_GROUPS
    need: str | None = None  # NEED_SELF or NEED_CITIZEN

    @property
    def complete(self) -> bool:
        return (
            self.employed_by_municipality is not None
            and self.age_group in AGE_GROUPS
            and self.need in {NEED_SELF, NEED_CITIZEN}
        )


@dataclass(frozen=True)
class GuideResult:
    answers: GuideAnswers
    show_emergency_number: bool  # 112 first
    acute_services: list[ServiceCard] = field(default_factory=list)
    services: list[ServiceCard] = field(default_factory=list)
    duty_to_notify: bool = False  # the citizen may be under 18: the enhanced duty to notify


OLDEST = 100  # the open end of the adult group, for comparing age ranges


def _ages_overlap(card: ServiceCard, group: str) -> bool:
    youngest, oldest = AGE_GROUPS[group]
    if card.maximum_age is not None and card.maximum_age < youngest:
        return False
    return not (oldest is not None and card.minimum_age is not None and card.minimum_age > oldest)


def _made_for_ages(card: ServiceCard, group: str) -> bool:
    """The service names an age range that covers most of the group (16-30 fits young people,
    not adults in general, although a 30-year-old may use it)."""
    if card.minimum_age is None and card.maximum_age is None:
        return False
    youngest, oldest = AGE_GROUPS[group]
    oldest = OLDEST if oldest is None else oldest
    low = max(youngest, card.minimum_age or 0)
    high = min(oldest, OLDEST if card.maximum_age is None else card.maximum_age)
    return (high - low + 1) * 2 >= oldest - youngest + 1


def guide_route(
    answers: GuideAnswers, cards: Iterable[ServiceCard], *, municipality: str
) -> GuideResult:
    """Order ``cards`` for ``answers`` (see the module docstring for the rules)."""
    cards = list(cards)
    acute_services = sorted(
        (card for card in cards if ACUTE_TYPE in card.type_codes), key=lambda card: card.name
    )
    services: list[ServiceCard] = []
    if answers.complete:
        assert answers.age_group is not None
        ranked = []
        for card in cards:
            if ACUTE_TYPE in card.type_codes:
                continue
            if answers.need == NEED_SELF and not card.for_professionals:
                continue
            if answers.need == NEED_CITIZEN and not card.for_citizens:
                continue
            own_employer = bool(card.employer_restriction) and (
                answers.employed_by_municipality and card.employer_restriction == municipality
            )
            if card.employer_restriction and not own_employer:
                continue
            if not _ages_overlap(card, answers.age_group):
                continue
            made_for_need = bool(NEED_TYPES[answers.need or ""] & set(card.type_codes))
            made_for_ages = _made_for_ages(card, answers.age_group)
            ranked.append((not own_employer, not made_for_need, not made_for_ages, card.name, card))
        services = [item[-1] for item in sorted(ranked, key=lambda item: item[:4])]
    return GuideResult(
        answers=answers,
        show_emergency_number=answers.acute,
        acute_services=acute_services if answers.acute else [],
        services=services,
        duty_to_notify=answers.age_group in MINORS,
    )


def guide_recommendations(*, answers: GuideAnswers, now: datetime) -> GuideResult:
    """The guide's answer from the active services, with hours as of ``now``."""
    cards = service_cards(service_queryset_public(today=timezone.localdate(now)), now=now)
    return guide_route(answers, cards, municipality=settings.TILLID_MUNICIPALITY)
