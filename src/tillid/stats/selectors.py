"""The statistics page: the reader's areas, the chosen filters, and every source's tables.

``statistics_page`` is the one read the views make. It never returns a row about a person: the
sources read aggregate selectors, and ``figures.Shown`` carries each value already protected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from tillid.accounts.roles import Role, has_role
from tillid.stats.areas import Tree, Unit, tree_for_unit
from tillid.stats.charts import Chart, chart
from tillid.stats.figures import Section, threshold
from tillid.stats.forms import FilterForm
from tillid.stats.periods import Period
from tillid.stats.sources import Context
from tillid.stats.sources.registry import SOURCES


@dataclass(frozen=True)
class StatsPage:
    form: FilterForm
    area: Unit
    period: Period
    sections: list[Section]
    charts: dict[str, list[Chart]]  # table slug → its charts
    threshold: int


def manager_areas(*, user: Any) -> tuple[Tree, list[int]] | None:
    """The tree of the manager's administration and the units they may choose (their own and
    every unit under it); None for anyone else or a manager without a unit."""
    if not has_role(user, Role.MANAGER) or getattr(user, "org_unit_id", None) is None:
        return None
    tree = tree_for_unit(user.org_unit_id)
    return tree, tree.below(user.org_unit_id)


def statistics_page(*, user: Any, query: Any, now: datetime) -> StatsPage | None:
    """The page for ``user`` with the filters in ``query`` (a QueryDict); None when the user
    has no area. Invalid filters fall back to the default (this year, the user's own unit)."""
    scope = manager_areas(user=user)
    if scope is None:
        return None
    tree, areas = scope
    current_year = timezone.localdate(now).year
    defaults = {"year": str(current_year), "quarter": "", "area": str(areas[0])}
    data = {key: query.get(key, default) for key, default in defaults.items()}
    form = FilterForm(data, tree=tree, areas=areas, current_year=current_year)
    if form.is_valid():
        period = form.period()
        area_id = form.cleaned_data["area"]
    else:
        period = Period(year=current_year, quarter=None)
        area_id = areas[0]
    context = Context(tree=tree, area_id=area_id, period=period, threshold=threshold(), now=now)
    sections = [source(context) for source in SOURCES]
    charts = {
        table.slug: [
            chart(spec, slug=f"{table.slug}-{number}")
            for number, spec in enumerate(table.charts, start=1)
        ]
        for section in sections
        for table in section.tables
    }
    return StatsPage(
        form=form,
        area=tree.units[area_id],
        period=period,
        sections=sections,
        charts=charts,
        threshold=context.threshold,
    )
