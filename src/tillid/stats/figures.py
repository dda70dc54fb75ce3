"""What the statistics page shows: tables of already protected values, and their charts.

A source turns its cube into ``Table``s; every number on the page, in the charts and in the
exports comes from a ``Shown`` here, so the three cannot disagree and none of them can show a
hidden cell. Numbers are formatted the Danish way (``1.234``, ``12,5 %``) on the Danish page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from tillid.stats.cube import Cell


def threshold() -> int:
    return int(getattr(settings, "TILLID_STATS_THRESHOLD", 5))


@dataclass(frozen=True)
class Shown:
    """One value as the reader gets it: ``number`` is None when it is hidden."""

    text: str
    number: int | float | None
    kind: str = "count"  # count, percent, average, plain

    @property
    def hidden(self) -> bool:
        return self.number is None


def hidden_mark() -> str:
    return f"<{threshold()}"


def count(cell: Cell) -> Shown:
    if not cell.shown:
        return Shown(text=hidden_mark(), number=None)
    return Shown(text=number_format(cell.value, force_grouping=True), number=cell.value)


def plain(value: int) -> Shown:
    """A figure about no person (places on a course, sessions held): never hidden."""
    return Shown(text=number_format(value, force_grouping=True), number=value, kind="plain")


NOT_SHOWN = "–"


def percent(part: Shown, whole: int | float | None) -> Shown:
    """``part`` of ``whole`` in per cent, shown only when both are: a rate of a hidden count
    would give the count away."""
    if part.number is None or whole is None or whole == 0:
        return Shown(text=NOT_SHOWN, number=None, kind="percent")
    value = round(100 * part.number / whole, 1)
    return Shown(
        text=f"{number_format(value, decimal_pos=1, force_grouping=True)} %",
        number=value,
        kind="percent",
    )


def average(total: int, responses: Shown) -> Shown:
    """The average of ``responses`` answers summing to ``total``, shown only when the number of
    answers is."""
    if responses.number is None or responses.number == 0:
        return Shown(text=NOT_SHOWN, number=None, kind="average")
    value = round(total / responses.number, 1)
    return Shown(text=number_format(value, decimal_pos=1), number=value, kind="average")


@dataclass(frozen=True)
class Row:
    label: str
    values: list[Shown]
    total: bool = False


@dataclass(frozen=True)
class Bar:
    label: str
    value: Shown


@dataclass(frozen=True)
class ChartSpec:
    """A bar chart of one row or column of the table (``bars``), optionally in groups."""

    title: str
    bars: list[Bar]
    unit: str = ""
    groups: list[tuple[str, list[Bar]]] = field(default_factory=list)


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    explanation: str
    row_header: str
    columns: list[str]
    rows: list[Row]
    charts: list[ChartSpec] = field(default_factory=list)
    note: str = ""

    @property
    def has_hidden(self) -> bool:
        return any(value.hidden for row in self.rows for value in row.values)


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    scope_note: str
    tables: list[Table]


def total_label() -> str:
    return _("I alt")
