"""Helpers the sources share."""

from __future__ import annotations

from collections.abc import Callable

from tillid.stats import periods
from tillid.stats.figures import Row, Shown, total_label
from tillid.stats.sources import Context


def period_rows(
    context: Context, nodes: list[str], value: Callable[[str, str], Shown]
) -> list[Row]:
    """One row per month of the chosen period, then the period's total row;
    ``value(period node, category node)`` gives each cell."""
    rows = [
        Row(
            label=periods.month_label(context.period.year, month),
            values=[value(periods.month_node(month), node) for node in nodes],
        )
        for month in context.period.months
    ]
    rows.append(
        Row(
            label=total_label(),
            values=[value(context.period.total_node, node) for node in nodes],
            total=True,
        )
    )
    return rows
