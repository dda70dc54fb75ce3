"""Risk assessments: the suggested level against the professional's final level.

An assessment counts in the area of its author's unit, in the quarter it was finalised. The
cross table has no months (it would be mostly hidden cells); its rows and columns add up to
"I alt" both ways, and suppression protects both sums at once.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tillid.risk.selectors import assessment_level_figures, level_choices
from tillid.stats import periods
from tillid.stats.areas import direct_node
from tillid.stats.cube import Dimension
from tillid.stats.cube import build as build_cube
from tillid.stats.figures import Bar, ChartSpec, Row, Section, Table, count, total_label
from tillid.stats.sources import Context

TOTAL = "total"


def build(context: Context) -> Section:
    start, end = context.period.bounds()
    levels = [code for code, _label in level_choices()]
    suggested = Dimension(
        name="suggested",
        nodes=(*levels, TOTAL),
        relations=((TOTAL, tuple(levels)),),
        additive=True,
    )
    final = Dimension(
        name="final", nodes=(*levels, TOTAL), relations=((TOTAL, tuple(levels)),), additive=True
    )
    counts: dict[tuple[str, ...], int] = {}
    for row in assessment_level_figures(start=start, end=end):
        area = direct_node(context.tree, row.unit_id)
        if area is None or row.suggested_level not in levels or row.final_level not in levels:
            continue
        key = (
            area,
            periods.quarter_node(periods.quarter_of(row.month)),
            row.suggested_level,
            row.final_level,
        )
        counts[key] = counts.get(key, 0) + row.count
    cube = build_cube(
        [context.tree.dimension(), periods.dimension(months=False), suggested, final],
        counts,
        threshold=context.threshold,
    )
    period = context.period.total_node
    labels = dict(level_choices())
    rows = [
        Row(
            label=str(labels[level]) if level != TOTAL else total_label(),
            values=[
                count(cube.cell(context.area_node, period, level, column))
                for column in (*levels, TOTAL)
            ],
            total=level == TOTAL,
        )
        for level in (*levels, TOTAL)
    ]
    groups = [
        (
            str(labels[level]),
            [
                Bar(label=_("Foreslået"), value=rows[position].values[-1]),
                Bar(label=_("Endelig"), value=rows[-1].values[position]),
            ],
        )
        for position, level in enumerate(levels)
    ]
    table = Table(
        slug="risikoniveauer",
        title=_("Foreslået og endeligt risikoniveau"),
        explanation=_(
            "Rækkerne er niveauet, som vurderingen foreslog; kolonnerne er fagpersonens endelige "
            "niveau. Tal på diagonalen er vurderinger, hvor fagpersonen fulgte forslaget."
        ),
        row_header=_("Foreslået niveau"),
        columns=[*(str(labels[level]) for level in levels), total_label()],
        rows=rows,
        charts=[ChartSpec(title=_("Foreslået og endeligt niveau"), bars=[], groups=groups)],
    )
    return Section(
        slug="risikovurderinger",
        title=_("Risikovurderinger"),
        scope_note=_(
            "Afsluttede vurderinger, lavet af fagpersoner i området, efter datoen de blev "
            "afsluttet. Vises for hele perioden, ikke pr. måned."
        ),
        tables=[table],
    )
