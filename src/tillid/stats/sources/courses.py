"""Courses: places, fill rate, waiting lists, attendance and evaluation averages, by the month a
session starts.

Courses are the whole city's offer, not a unit's: these figures are the same whichever area is
chosen (the page says so). Counts of people (seats taken, waiting, attended, answers) are
protected; places and sessions name nobody and are shown as they are. A rate or an average is
shown only when the counts behind it are.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tillid.courses.selectors import course_month_figures
from tillid.stats import periods
from tillid.stats.areas import WHOLE, whole_dimension
from tillid.stats.cube import Dimension
from tillid.stats.cube import build as build_cube
from tillid.stats.figures import (
    Bar,
    ChartSpec,
    Section,
    Shown,
    Table,
    average,
    count,
    percent,
    plain,
)
from tillid.stats.sources import Context
from tillid.stats.sources.common import period_rows

SEATS = "seats"
CONFIRMED = "confirmed"
ATTENDED = "attended"
NO_SHOW = "no_show"
WAITING = "waiting"
RESPONSES = "responses"


def build(context: Context) -> Section:
    start, end = context.period.bounds()
    months = {figures.month: figures for figures in course_month_figures(start=start, end=end)}
    category = Dimension(
        name="category",
        nodes=(SEATS, CONFIRMED, ATTENDED, NO_SHOW, WAITING, RESPONSES),
        relations=((SEATS, (CONFIRMED, ATTENDED, NO_SHOW)),),
    )
    counts: dict[tuple[str, ...], int] = {}
    for month, figures in months.items():
        node = periods.month_node(month)
        for status in (CONFIRMED, ATTENDED, NO_SHOW, WAITING):
            counts[(WHOLE, node, status)] = figures.registrations.get(status, 0)
        counts[(WHOLE, node, SEATS)] = sum(
            figures.registrations.get(status, 0) for status in (CONFIRMED, ATTENDED, NO_SHOW)
        )
        counts[(WHOLE, node, RESPONSES)] = figures.responses
    cube = build_cube(
        [whole_dimension(), periods.dimension(), category], counts, threshold=context.threshold
    )

    def plain_sum(period_node: str, attribute: str) -> int:
        chosen = [int(period_node[1:])] if period_node.startswith("m") else context.period.months
        return sum(getattr(months[m], attribute) for m in chosen if m in months)

    def value(period_node: str, node: str) -> Shown:
        if node in ("sessions", "capacity"):
            return plain(plain_sum(period_node, node))
        if node == "fill":
            return percent(value(period_node, SEATS), plain_sum(period_node, "capacity"))
        if node == "attendance":
            attended = value(period_node, ATTENDED)
            no_show = value(period_node, NO_SHOW)
            marked = None
            if not (attended.hidden or no_show.hidden):
                marked = (attended.number or 0) + (no_show.number or 0)
            return percent(attended, marked)
        if node == "rating":
            return average(plain_sum(period_node, "rating_sum"), value(period_node, RESPONSES))
        return count(cube.cell(WHOLE, period_node, node))

    columns = [
        ("sessions", _("Hold")),
        ("capacity", _("Pladser")),
        (SEATS, _("Optagne pladser")),
        ("fill", _("Belægning")),
        (WAITING, _("På venteliste")),
        (CONFIRMED, _("Tilmeldt, fremmøde ikke registreret")),
        (ATTENDED, _("Deltog")),
        (NO_SHOW, _("Udeblev")),
        ("attendance", _("Fremmøde")),
        (RESPONSES, _("Evalueringssvar")),
        ("rating", _("Gennemsnitlig vurdering (1-5)")),
    ]
    rows = period_rows(context, [node for node, _label in columns], value)
    position = {node: index for index, (node, _label) in enumerate(columns)}
    monthly = [row for row in rows if not row.total]
    table = Table(
        slug="kurser",
        title=_("Kurser: belægning, venteliste, fremmøde og evaluering"),
        explanation=_(
            "Hold, der ikke er aflyst, efter måneden de starter. Belægning er optagne pladser "
            "af pladser i alt; fremmøde er dem, der deltog, af dem, hvis fremmøde er registreret."
        ),
        row_header=_("Måned"),
        columns=[label for _node, label in columns],
        rows=rows,
        charts=[
            ChartSpec(
                title=_("Belægning pr. måned"),
                bars=[Bar(label=row.label, value=row.values[position["fill"]]) for row in monthly],
                unit="%",
            ),
            ChartSpec(
                title=_("Gennemsnitlig vurdering pr. måned"),
                bars=[
                    Bar(label=row.label, value=row.values[position["rating"]]) for row in monthly
                ],
            ),
        ],
    )
    return Section(
        slug="kurser",
        title=_("Kurser"),
        scope_note=_("Kurserne er hele kommunens tilbud: tallene er de samme for alle områder."),
        tables=[table],
    )
