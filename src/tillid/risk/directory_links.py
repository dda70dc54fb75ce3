"""Recommended actions name directory services loosely, by slug.

A slug is resolved through ``tillid.directory.selectors`` when the directory has that service
(active); otherwise the action's text is shown on its own. A fixed number of queries, whatever
the number of actions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tillid.core import clock
from tillid.directory import selectors as directory
from tillid.risk.definitions import Action


@dataclass(frozen=True)
class Phone:
    number: str
    tel: str
    label: str
    is_verified: bool


@dataclass(frozen=True)
class ServiceLink:
    name: str
    url: str
    phones: tuple[Phone, ...]


@dataclass(frozen=True)
class ActionView:
    text: str
    phone: str
    service: ServiceLink | None

    @property
    def tel(self) -> str:
        return "tel:" + self.phone.replace(" ", "") if self.phone else ""


def resolve_services(slugs: Iterable[str]) -> dict[str, ServiceLink]:
    wanted = sorted({slug for slug in slugs if slug})
    if not wanted:
        return {}
    services = directory.service_queryset_public().filter(slug__in=wanted)
    return {
        card.slug: ServiceLink(
            name=card.name,
            url=card.url,
            phones=tuple(
                Phone(
                    number=phone.number,
                    tel=phone.tel,
                    label=phone.label,
                    is_verified=phone.is_verified,
                )
                for phone in card.phones
            ),
        )
        for card in directory.service_cards(services, now=clock.now())
    }


def action_views(*groups: Iterable[Action]) -> list[list[ActionView]]:
    """Each list of actions ready to show, resolved with one lookup for all of them."""
    lists = [list(actions) for actions in groups]
    services = resolve_services(action.service for actions in lists for action in actions)
    return [
        [
            ActionView(text=action.text, phone=action.phone, service=services.get(action.service))
            for action in actions
        ]
        for actions in lists
    ]
