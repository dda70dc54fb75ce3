"""Consultations: requests per month by kind of help, urgency and requesting administration,
and how the first-response deadlines went.

A consultation counts in the area of the team that received it (a manager sees their team's
work); the requesting administration is a category. All four tables are slices of one cube, so
the total "Henvendelser i alt" is hidden in one table exactly when it is in the others.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tillid.consultations.selectors.figures import (
    Deadline,
    consultation_figures,
    help_type_choices,
    urgency_choices,
)
from tillid.stats import periods
from tillid.stats.areas import direct_node
from tillid.stats.cube import Dimension
from tillid.stats.cube import build as build_cube
from tillid.stats.figures import (
    Bar,
    ChartSpec,
    Section,
    Shown,
    Table,
    count,
    percent,
)
from tillid.stats.sources import Context
from tillid.stats.sources.common import period_rows

TOTAL = "total"
UNKNOWN_ADMINISTRATION = "adm:none"


def deadline_labels() -> dict[str, str]:
    return {
        Deadline.MET: _("Svaret inden fristen"),
        Deadline.LATE: _("Svaret efter fristen"),
        Deadline.MISSED: _("Ikke svaret, fristen er overskredet"),
        Deadline.PENDING: _("Ikke svaret, fristen er ikke nået"),
    }


def build(context: Context) -> Section:
    start, end = context.period.bounds()
    rows = consultation_figures(start=start, end=end, now=context.now)
    administrations = [(f"adm:{unit.pk}", unit.name) for unit in context.tree.administrations] + [
        (UNKNOWN_ADMINISTRATION, _("Ukendt"))
    ]
    known_administrations = {key for key, _label in administrations}
    help_nodes = [f"help:{code}" for code, _label in help_type_choices()]
    urgency_nodes = [f"urg:{code}" for code, _label in urgency_choices()]
    deadline_nodes = [f"dl:{code}" for code in deadline_labels()]
    admin_nodes = [key for key, _label in administrations]
    category = Dimension(
        name="category",
        nodes=(TOTAL, *help_nodes, *urgency_nodes, *admin_nodes, *deadline_nodes),
        relations=(
            (TOTAL, tuple(urgency_nodes)),
            (TOTAL, tuple(admin_nodes)),
            (TOTAL, tuple(deadline_nodes)),
        ),
    )
    counts: dict[tuple[str, ...], int] = {}
    for row in rows:
        area = direct_node(context.tree, row.unit_id)
        if area is None:
            continue
        month = periods.month_node(row.month)
        administration = f"adm:{row.administration_id}"
        if administration not in known_administrations:
            administration = UNKNOWN_ADMINISTRATION
        booked = [
            (TOTAL, row.count),
            (f"urg:{row.urgency}", row.count),
            (administration, row.count),
            (f"dl:{row.deadline}", row.count),
            *((f"help:{code}", n) for code, n in row.help_types.items()),
        ]
        for node, n in booked:
            if node in category.nodes and n:
                key = (area, month, node)
                counts[key] = counts.get(key, 0) + n
    cube = build_cube(
        [context.tree.dimension(), periods.dimension(), category],
        counts,
        threshold=context.threshold,
    )

    def value(period_node: str, node: str) -> Shown:
        return count(cube.cell(context.area_node, period_node, node))

    def table(
        slug: str, title: str, explanation: str, columns: list[tuple[str, str]], chart_title: str
    ) -> Table:
        rows_shown = period_rows(context, [node for node, _label in columns], value)
        total_row = rows_shown[-1]
        bars = [
            Bar(label=label, value=total_row.values[position])
            for position, (node, label) in enumerate(columns)
            if node != TOTAL
        ]
        return Table(
            slug=slug,
            title=title,
            explanation=explanation,
            row_header=_("Måned"),
            columns=[label for _node, label in columns],
            rows=rows_shown,
            charts=[ChartSpec(title=chart_title, bars=bars)],
        )

    total_column = (TOTAL, _("Henvendelser i alt"))
    help_labels = [label for _code, label in help_type_choices()]
    urgency_labels = [label for _code, label in urgency_choices()]
    help_table = table(
        "henvendelser-hjaelp",
        _("Henvendelser efter ønsket hjælp"),
        _("En henvendelse kan bede om flere slags hjælp, så kolonnerne summer ikke til i alt."),
        [*zip(help_nodes, help_labels, strict=True), total_column],
        _("Ønsket hjælp i perioden"),
    )
    monthly = [
        Bar(label=row.label, value=row.values[-1]) for row in help_table.rows if not row.total
    ]
    help_table.charts.insert(0, ChartSpec(title=_("Henvendelser pr. måned"), bars=monthly))
    urgency_table = table(
        "henvendelser-hast",
        _("Henvendelser efter hvor hurtigt, der skal svares"),
        _("Fagpersonens eget valg, da henvendelsen blev sendt."),
        [*zip(urgency_nodes, urgency_labels, strict=True), total_column],
        _("Hast i perioden"),
    )
    administration_table = table(
        "henvendelser-forvaltning",
        _("Henvendelser efter forvaltning, der spurgte"),
        _("Forvaltningen, som fagpersonen hørte til, da henvendelsen blev sendt."),
        [*administrations, total_column],
        _("Forvaltninger i perioden"),
    )
    deadline_columns = [*zip(deadline_nodes, deadline_labels().values(), strict=True)]
    deadline_table = table(
        "frist-foerste-svar",
        _("Frist for første svar"),
        _(
            "Om konsulentteamet svarede inden fristen for første svar. Andelen er af de "
            "henvendelser, hvis frist er nået."
        ),
        [*deadline_columns, total_column],
        _("Frister i perioden"),
    )
    for shown_row in deadline_table.rows:
        met, late, missed = shown_row.values[0], shown_row.values[1], shown_row.values[2]
        due = None
        if not (met.hidden or late.hidden or missed.hidden):
            due = (met.number or 0) + (late.number or 0) + (missed.number or 0)
        shown_row.values.append(percent(met, due))
    deadline_table.columns.append(_("Andel svaret inden fristen"))
    return Section(
        slug="konsultationer",
        title=_("Konsultationer hos Etnisk Konsulentteam"),
        scope_note=_("Henvendelser modtaget af konsulentteams i området, efter modtagelsesdato."),
        tables=[help_table, urgency_table, administration_table, deadline_table],
    )
