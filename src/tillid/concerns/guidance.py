"""The acute step's guidance: 112, then the intake unit's phone if it answers now, otherwise the
social emergency services (Den Sociale Døgnvagt), all from the directory as of ``now``.

When the intake unit has no service in the directory (or none is configured), the guidance still
stands: 112 and the emergency services are always shown.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from tillid.concerns.models import IntakeUnit
from tillid.directory import selectors as directory
from tillid.directory.acute_selectors import AcuteHelp, AcuteNumber, acute_help


def _intake_number(unit: IntakeUnit | None, now: datetime) -> AcuteNumber | None:
    """The intake unit's first phone, if its service is open now."""
    if unit is None or not unit.directory_slug:
        return None
    services = directory.service_queryset_public(today=timezone.localdate(now)).filter(
        slug=unit.directory_slug
    )
    for card in directory.service_cards(services, now=now):
        if card.is_open and card.phones:
            phone = card.phones[0]
            return AcuteNumber(
                name=unit.name,
                number=phone.number,
                tel=phone.tel,
                label=phone.label,
                status=card.status_text,
                is_verified=phone.is_verified,
                url=card.url,
            )
    return None


def acute_guidance(*, unit: IntakeUnit | None, now: datetime) -> AcuteHelp:
    """112 always; the intake unit's number when it is open now, else the emergency services."""
    found = acute_help(now=now, audience="professionals")
    intake = _intake_number(unit, now)
    if intake is not None:
        return AcuteHelp(emergency=found.emergency, open_now=(intake,), after_hours=())
    return AcuteHelp(emergency=found.emergency, open_now=(), after_hours=found.after_hours)
