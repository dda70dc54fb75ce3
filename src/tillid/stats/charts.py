"""Horizontal bar charts as SVG drawn on the server, from a table's shown values.

No JavaScript and no inline styles (the CSP refuses them): the template draws ``Chart``'s
geometry and stats.css colours it. Every bar carries its label and its value as text, so no
meaning rests on colour; a hidden value has no bar, only its "<5". The table beside the chart
holds the same values for everyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tillid.stats.figures import Bar, ChartSpec

WIDTH = 640
LABEL_WIDTH = 220
VALUE_SPACE = 90
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8


@dataclass(frozen=True)
class ChartLine:
    y: int
    label: str
    text: str  # the value as the table shows it
    bar_width: int  # 0: no bar (hidden or zero)
    text_x: int
    heading: bool = False
    second: bool = False  # the second bar of a group (drawn hatched)
    hidden: bool = False


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    description: str
    width: int
    height: int
    bar_x: int
    lines: list[ChartLine]


def _numbers(spec: ChartSpec) -> list[float]:
    bars = list(spec.bars) + [bar for _label, group in spec.groups for bar in group]
    return [float(bar.value.number) for bar in bars if bar.value.number is not None]


def chart(spec: ChartSpec, *, slug: str) -> Chart:
    largest = max(_numbers(spec), default=0.0)
    scale_width = WIDTH - LABEL_WIDTH - VALUE_SPACE
    lines: list[ChartLine] = []
    y = TOP

    def add(bar: Bar, *, second: bool = False, indent: str = "") -> None:
        nonlocal y
        number = bar.value.number
        width = 0
        if number is not None and largest > 0:
            width = max(round(scale_width * float(number) / largest), 1 if number else 0)
        lines.append(
            ChartLine(
                y=y,
                label=indent + bar.label,
                text=bar.value.text,
                bar_width=width,
                text_x=LABEL_WIDTH + width + 6,
                second=second,
                hidden=bar.value.hidden,
            )
        )
        y += ROW_HEIGHT

    for bar in spec.bars:
        add(bar)
    for heading, group in spec.groups:
        lines.append(ChartLine(y=y, label=heading, text="", bar_width=0, text_x=0, heading=True))
        y += ROW_HEIGHT
        for position, bar in enumerate(group):
            add(bar, second=position % 2 == 1, indent="  ")
    shown = [line for line in lines if not line.heading]
    hidden = sum(1 for line in shown if line.hidden)
    description = _(
        "Søjlediagram med %(count)s søjler; hver søjle har sin værdi skrevet ud. "
        "Tallene står også i tabellen."
    ) % {"count": len(shown)}
    if hidden:
        description += " " + _("%(count)s værdier er skjult og har ingen søjle.") % {
            "count": hidden
        }
    return Chart(
        slug=slug,
        title=spec.title,
        description=description,
        width=WIDTH,
        height=y + TOP,
        bar_x=LABEL_WIDTH,
        lines=lines,
    )
