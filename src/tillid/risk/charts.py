"""The history chart: risk level over time as a small SVG (no JavaScript, no inline styles).

The chart only illustrates; the data table beside it carries the same facts for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tillid.risk.models import Level
from tillid.risk.scoring import level_rank
from tillid.risk.selectors import HistoryEntry

WIDTH = 640
HEIGHT = 220
LEFT = 96
RIGHT = 48
TOP = 20
BOTTOM = 44
MAX_DATE_LABELS = 10


@dataclass(frozen=True)
class ChartPoint:
    x: int
    y: int
    level: str
    label: str
    date_label: str
    changed: bool
    show_date: bool


@dataclass(frozen=True)
class ChartRow:
    y: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right_edge: int
    axis_y: int
    rows: list[ChartRow]
    points: list[ChartPoint]
    line: str  # the polyline's "points" attribute
    description: str


def _y(level: str) -> int:
    row_height = (HEIGHT - TOP - BOTTOM) / (len(Level) - 1)
    return round(TOP + (len(Level) - 1 - level_rank(level)) * row_height)


def history_chart(entries: list[HistoryEntry]) -> Chart | None:
    if not entries:
        return None
    span = WIDTH - LEFT - RIGHT
    count = len(entries)
    every = max(1, -(-count // MAX_DATE_LABELS))  # ceil: at most MAX_DATE_LABELS dates
    points = []
    for index, entry in enumerate(entries):
        x = round(LEFT + span / 2) if count == 1 else round(LEFT + index * span / (count - 1))
        finalised = entry.assessment.finalised_at
        points.append(
            ChartPoint(
                x=x,
                y=_y(entry.level),
                level=entry.level,
                label=entry.level_label,
                date_label=timezone.localtime(finalised).strftime("%d.%m.%y") if finalised else "",
                changed=entry.changed,
                show_date=index % every == 0 or index == count - 1,
            )
        )
    changes = sum(1 for entry in entries if entry.changed)
    first, last = entries[0], entries[-1]
    description = ngettext("%(count)d vurdering.", "%(count)d vurderinger.", count) % {
        "count": count
    }
    if count > 1:
        description += " " + _("Fra %(first)s til %(last)s.") % {
            "first": first.level_label,
            "last": last.level_label,
        }
    description += " " + ngettext(
        "Niveauet er ændret %(changes)d gang.", "Niveauet er ændret %(changes)d gange.", changes
    ) % {"changes": changes}
    description += " " + _("Tabellen nedenfor viser de samme oplysninger.")
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right_edge=WIDTH - RIGHT,
        axis_y=HEIGHT - BOTTOM,
        rows=[ChartRow(y=_y(level.value), label=str(level.label)) for level in Level],
        points=points,
        line=" ".join(f"{point.x},{point.y}" for point in points),
        description=description,
    )
