"""What to tell a professional from the directory ("Find hjælp"): the acute guidance and, for
those the team does not serve, the other services to call.

Everything comes from the directory's selectors with their opening hours as of ``now``. When a
service is missing from the directory, the guidance still stands: 112 is always shown and the
page links to "Find hjælp" instead of the missing card.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext

from tillid.consultations.models import Consultation, Team
from tillid.core.navigation import NavigationItem
from tillid.directory import selectors as directory
from tillid.directory.acute_selectors import acute_help

ACUTE_SERVICE_TYPE = "akut"
# Named first on the page for professionals outside the municipality (the seed page's order).
PREFERRED_OTHER_SERVICES = ("red-raadgivning",)
EMERGENCY_NUMBER = "112"


@dataclass(frozen=True)
class AcuteGuidance:
    team_name: str
    team_card: Any | None  # the directory's ServiceCard, None when the directory lacks it
    team_open: bool
    emergency_services: list[Any] = field(default_factory=list)
    emergency_number: str = EMERGENCY_NUMBER
    directory_url: str = ""
    acute: Any | None = None  # the directory's AcuteHelp: tap-to-call numbers shown first


def directory_url() -> str:
    try:
        return reverse("directory:index")
    except NoReverseMatch:
        return ""


def _cards_by_slug(slugs: list[str], now: datetime) -> dict[str, Any]:
    services = directory.service_queryset_public(today=timezone.localdate(now)).filter(
        slug__in=slugs
    )
    return {card.slug: card for card in directory.service_cards(services, now=now)}


def acute_guidance(*, team: Team | None, now: datetime) -> AcuteGuidance:
    """Call the team now if it is open; otherwise 112 and the social emergency services."""
    team_name = team.name if team else ""
    team_card = None
    if team and team.directory_slug:
        team_card = _cards_by_slug([team.directory_slug], now).get(team.directory_slug)
    emergency = directory.service_list(
        filters=directory.ServiceFilters(type_code=ACUTE_SERVICE_TYPE), now=now
    )
    return AcuteGuidance(
        team_name=team_name,
        team_card=team_card,
        team_open=bool(team_card and team_card.is_open),
        emergency_services=emergency,
        directory_url=directory_url(),
        acute=acute_help(now=now, audience="professionals"),
    )


def acute_guidance_for_requester(
    *, consultation: Consultation, now: datetime
) -> AcuteGuidance | None:
    """The acute guidance shown on the requester's page while an acute request waits for its
    first answer; None once the team has answered or the case is closed."""
    if not consultation.is_acute or consultation.is_closed or consultation.first_response_at:
        return None
    return acute_guidance(team=consultation.team, now=now)


def services_for_others(*, now: datetime) -> list[Any]:
    """Services for professionals open to anyone (no employer restriction, not the emergency
    services), RED Rådgivning first, then by name."""
    cards = directory.service_list(
        filters=directory.ServiceFilters(audience="professionals"), now=now
    )
    cards = [
        card
        for card in cards
        if not card.employer_restriction and ACUTE_SERVICE_TYPE not in card.type_codes
    ]
    preferred = {slug: index for index, slug in enumerate(PREFERRED_OTHER_SERVICES)}
    return sorted(cards, key=lambda card: (preferred.get(card.slug, len(preferred)), card.name))


def referral_choices() -> list[tuple[str, str]]:
    """(name, name) of the directory's active services, for "referred to" when closing a case.

    The name is stored, not the id: the figures must stay readable if the service is removed.
    """
    return [(name, name) for _pk, name in directory.referral_choices()]


def team_request_link(slug: str) -> NavigationItem | None:
    """On the directory page of a team's service: a link to the team's request form."""
    team = Team.objects.filter(directory_slug=slug).only("name").first()
    if team is None:
        return None
    return NavigationItem(
        label=gettext("Send en henvendelse til %(team)s") % {"team": team.name},
        url=reverse("consultations:request"),
        current=False,
    )
