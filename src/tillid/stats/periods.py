"""The period dimension: months add up to quarters, quarters to the year.

The period filter chooses a year and, optionally, a quarter; every view of a year is a slice
of one cube over the whole year, so no two periods differ by a hidden month.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tillid.stats.cube import Dimension

YEAR = "y"


def month_node(month: int) -> str:
    return f"m{month}"


def quarter_node(quarter: int) -> str:
    return f"q{quarter}"


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def dimension(*, months: bool = True) -> Dimension:
    """With ``months=False`` the figure is only shown per quarter and year (a cross table)."""
    nodes: list[str] = []
    relations: list[tuple[str, tuple[str, ...]]] = []
    if months:
        nodes.extend(month_node(month) for month in range(1, 13))
        for quarter in range(1, 5):
            first = (quarter - 1) * 3 + 1
            relations.append(
                (quarter_node(quarter), tuple(month_node(m) for m in range(first, first + 3)))
            )
    nodes.extend(quarter_node(quarter) for quarter in range(1, 5))
    nodes.append(YEAR)
    relations.append((YEAR, tuple(quarter_node(quarter) for quarter in range(1, 5))))
    return Dimension(name="period", nodes=tuple(nodes), relations=tuple(relations), additive=True)


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None  # None: the whole year

    @property
    def months(self) -> list[int]:
        if self.quarter is None:
            return list(range(1, 13))
        first = (self.quarter - 1) * 3 + 1
        return [first, first + 1, first + 2]

    @property
    def total_node(self) -> str:
        return YEAR if self.quarter is None else quarter_node(self.quarter)

    @property
    def label(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return _("%(quarter)s. kvartal %(year)s") % {"quarter": self.quarter, "year": self.year}

    @property
    def slug(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-k{self.quarter}"

    def bounds(self) -> tuple[datetime, datetime]:
        """The whole year, in Copenhagen time: cubes always cover the year (see module doc)."""
        zone = ZoneInfo(settings.TIME_ZONE)
        return (
            datetime.combine(date(self.year, 1, 1), time.min, tzinfo=zone),
            datetime.combine(date(self.year + 1, 1, 1), time.min, tzinfo=zone),
        )


def month_label(year: int, month: int) -> str:
    return date_format(date(year, month, 1), "F Y").capitalize()
