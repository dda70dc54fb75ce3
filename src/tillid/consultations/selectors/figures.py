"""Aggregate figures of consultations for the statistics (``tillid.stats``): counts only.

One GROUP BY query over the whole period: the receiving team's unit, the month the request came
in, its urgency, the requesting administration, how the first-response deadline went, and how
many asked for each kind of help. No column that holds a person, free text or a case's content
is selected, and the number of rows depends on units and months, never on the number of cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, CharField, Count, F, Q, TextField, Value, When
from django.db.models.functions import Cast, ExtractMonth

from tillid.consultations.models import Consultation, HelpType, Urgency


def help_type_choices() -> list[tuple[str, str]]:
    """The kinds of help (code, label), in the form's order."""
    return [(code, str(label)) for code, label in HelpType.choices]


def urgency_choices() -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in Urgency.choices]


class Deadline:
    MET = "met"  # answered before the deadline
    LATE = "late"  # answered after it
    MISSED = "missed"  # not answered, and the deadline has passed
    PENDING = "pending"  # not answered, deadline still ahead


@dataclass(frozen=True)
class ConsultationFigureRow:
    unit_id: int  # the receiving team's organisational unit
    month: int
    urgency: str
    administration_id: int | None  # the requesting administration; None when unknown
    deadline: str
    count: int
    help_types: dict[str, int]  # how many of ``count`` asked for each kind of help


def consultation_figures(
    *, start: datetime, end: datetime, now: datetime
) -> list[ConsultationFigureRow]:
    """Counts of the consultations that came in from ``start`` (inclusive) to ``end``."""
    help_counts = {
        f"help_{code}": Count("pk", filter=Q(help_text__contains=f'"{code}"'))
        for code in HelpType.values
    }
    rows = (
        Consultation.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(
            help_text=Cast("help_types", TextField()),
            deadline_state=Case(
                When(
                    first_response_at__isnull=False,
                    first_response_at__lte=F("first_response_due"),
                    then=Value(Deadline.MET),
                ),
                When(first_response_at__isnull=False, then=Value(Deadline.LATE)),
                When(first_response_due__lt=now, then=Value(Deadline.MISSED)),
                default=Value(Deadline.PENDING),
                output_field=CharField(),
            ),
        )
        .values(
            "deadline_state",
            "urgency",
            "requester_administration_id",
            unit=F("team__org_unit_id"),
            month=ExtractMonth("created_at"),
        )
        .annotate(count=Count("pk"), **help_counts)
        .order_by()
    )
    result: list[dict[str, Any]] = [dict(row) for row in rows]
    return [
        ConsultationFigureRow(
            unit_id=row["unit"],
            month=row["month"],
            urgency=row["urgency"],
            administration_id=row["requester_administration_id"],
            deadline=row["deadline_state"],
            count=row["count"],
            help_types={code: row[f"help_{code}"] for code in HelpType.values},
        )
        for row in result
    ]
