"""Template helpers of the statistics page."""

from __future__ import annotations

from django import template

from tillid.stats.charts import Chart
from tillid.stats.figures import Table
from tillid.stats.selectors import StatsPage

register = template.Library()


@register.simple_tag
def charts_for(page: StatsPage, table: Table) -> list[Chart]:
    return page.charts.get(table.slug, [])
