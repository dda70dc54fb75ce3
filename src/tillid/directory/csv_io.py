"""CSV export of services, the round trip of the editors' bulk updates.

The file is the import's format (``services.csv_rows``): internal codes (``active``, type codes,
``weekly``) and ``ja``/``nej``, not display labels, so that an export edited in Excel and imported
again changes only what the editor changed. It is therefore not written with
``tillid.core.csv_export``'s readable values, only with its dialect (semicolons, byte-order mark,
formula escaping).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import time
from typing import Any

from django.http import HttpResponse

from tillid.core.csv_export import Writable, csv_response, write_rows
from tillid.directory.models import Service
from tillid.directory.services.csv_rows import BOOLEAN_FIELDS, COLUMNS, TEXT_FIELDS, WEEKDAYS

FILENAME = "find-hjaelp-tilbud.csv"


def _yes_no(value: bool) -> str:
    return "ja" if value else "nej"


def _clock(value: time) -> str:
    return f"{value.hour}:{value.minute:02d}"


def service_rows() -> Iterator[list[Any]]:
    """One row per service (any status), in ``COLUMNS`` order, by name."""
    services = (
        Service.objects.select_related("organization")
        .prefetch_related("service_types", "phones", "schedules")
        .order_by("name", "pk")
    )
    for service in services:
        rules = sorted(
            (rule.weekday, rule.opens_at, rule.closes_at)
            for rule in service.schedules.all()
            if rule.phone_id is None
        )
        row: dict[str, Any] = {name: getattr(service, name) for name in TEXT_FIELDS}
        row.update({name: _yes_no(getattr(service, name)) for name in BOOLEAN_FIELDS})
        row.update(
            slug=service.slug,
            organization=service.organization.slug,
            organization_name=service.organization.name,
            status=service.status,
            minimum_age="" if service.minimum_age is None else service.minimum_age,
            maximum_age="" if service.maximum_age is None else service.maximum_age,
            service_types="|".join(term.code for term in service.service_types.all()),
            hours_mode=service.hours_mode,
            holiday_policy=service.holiday_policy,
            hours=", ".join(
                f"{WEEKDAYS[day]} {_clock(opens)}-{_clock(closes)}" for day, opens, closes in rules
            ),
            phones=", ".join(
                f"{phone.number}|{phone.label}|{_yes_no(phone.is_verified)}"
                for phone in service.phones.all()
            ),
            assured_date=service.assured_date.isoformat() if service.assured_date else "",
        )
        yield [row[name] for name in COLUMNS]


def export_services(target: Writable) -> int:
    """Write every service to ``target`` (without the byte-order mark); returns the row count."""
    return write_rows(target, header=COLUMNS, rows=service_rows(), readable_values=False)


def export_response() -> HttpResponse:
    """The editors' download: the export with the byte-order mark Excel needs."""
    return csv_response(
        filename=FILENAME, header=COLUMNS, rows=service_rows(), readable_values=False
    )
