"""Confirming a service's facts, and the opening-hours rules every edit must meet.

Editing itself happens in Wagtail (``wagtail_hooks``) and through the CSV import
(``csv_import``); both call ``validate_opening_hours`` so that inverted or overlapping hours never
reach the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tillid.accounts.roles import Role, has_role
from tillid.core import audit, clock
from tillid.core.refusals import NotPermittedError
from tillid.directory.hours_text import clock as clock_text
from tillid.directory.models import MIDNIGHT, Service, Weekday


def _minutes(value: time, *, end: bool = False) -> int:
    return 24 * 60 if end and value == MIDNIGHT else value.hour * 60 + value.minute


def validate_opening_hours(
    intervals: Iterable[tuple[object, object, time | None, time | None]],
) -> None:
    """Refuse inverted and overlapping intervals.

    ``intervals`` are (owner, day, opens_at, closes_at): the owner is the phone (or None for the
    service) and the day a weekday number or a date; two intervals of the same owner and day may
    not overlap. Raises one ``ValidationError`` listing every problem in plain Danish.
    """
    problems: list[str] = []
    by_key: dict[tuple[object, object], list[tuple[int, int, time, time]]] = {}
    for owner, day, opens_at, closes_at in intervals:
        if opens_at is None or closes_at is None:
            continue
        start, end = _minutes(opens_at), _minutes(closes_at, end=True)
        label = _day_label(day)
        if end <= start:
            problems.append(
                _("%(day)s: lukketiden (kl. %(closes)s) ligger før åbningstiden (kl. %(opens)s).")
                % {"day": label, "closes": clock_text(closes_at), "opens": clock_text(opens_at)}
            )
            continue
        by_key.setdefault((owner, day), []).append((start, end, opens_at, closes_at))
    for (_owner, day), spans in by_key.items():
        spans.sort()
        for previous, current in pairwise(spans):
            if current[0] < previous[1]:
                problems.append(
                    _("%(day)s: tiderne %(first)s og %(second)s overlapper.")
                    % {
                        "day": _day_label(day),
                        "first": _span(previous),
                        "second": _span(current),
                    }
                )
    if problems:
        raise ValidationError(problems)


def _span(span: tuple[Any, ...]) -> str:
    return f"{clock_text(span[2])}–{clock_text(span[3], end_of_day=True)}"


ACUTE_TYPE = "akut"
CALLABLE_PHONE_TYPES = frozenset({"voice", "cell"})


def validate_acute_service_phone(
    *, status: str, type_codes: Iterable[str], phone_types: Iterable[str]
) -> None:
    """Refuse an active service of type "akut" (acute help) without a phone one can call.

    Every acute surface shows the acute services as tap-to-call links; one without a number
    would leave a worried professional or citizen with nothing to press. Editing in Wagtail and
    CSV import both call this; drafts (any status but active) may still lack the number.
    """
    if status != Service.Status.ACTIVE or ACUTE_TYPE not in set(type_codes):
        return
    if not CALLABLE_PHONE_TYPES & set(phone_types):
        raise ValidationError(
            _(
                "Et tilbud om akut hjælp skal have et telefonnummer, man kan ringe til "
                "(opkald eller mobil), før det kan være aktivt. Tilføj nummeret under "
                "'Kontakt', eller sæt status til 'Inaktiv', indtil nummeret er kendt."
            ),
            code="acute_without_phone",
        )


def _day_label(day: object) -> str:
    if isinstance(day, int):
        return str(Weekday(day).label).capitalize()
    if isinstance(day, date):
        return date_format(day, "SHORT_DATE_FORMAT")
    return str(day)


@transaction.atomic
def service_confirm_facts(*, actor: object, service: Service, today: date | None = None) -> Service:
    """Record that ``actor`` confirmed the service's facts today: sets the assured date and who
    confirmed, and audits it. Refused (``NotPermittedError``) unless ``actor`` is an editor."""
    if not has_role(actor, Role.EDITOR):
        raise NotPermittedError
    service.assured_date = today or timezone.localdate(clock.now())
    service.assured_by = actor if getattr(actor, "is_authenticated", False) else None
    service.save(update_fields=["assured_date", "assured_by", "last_modified"])
    audit.record(
        actor=actor,
        action="directory.service.confirmed",
        target=service,
        assured_date=service.assured_date.isoformat(),
    )
    return service
