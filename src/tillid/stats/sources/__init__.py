"""The figure sources: one module per app whose figures the statistics page shows.

Each source is a function ``build(context) -> Section``. It asks its app's aggregate selector
for counts (SQL GROUP BY, never rows about people), books them on cube cells (``cube.build``),
and turns the protected cube into tables. A new app adds its module here and to ``SOURCES``
(docs/statistics.md, "Adding a source").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from tillid.stats.areas import Tree
from tillid.stats.figures import Section
from tillid.stats.periods import Period


@dataclass(frozen=True)
class Context:
    tree: Tree
    area_id: int  # the unit the reader chose (one of theirs)
    period: Period
    threshold: int
    now: datetime

    @property
    def area_node(self) -> str:
        return f"s{self.area_id}"


Source = Callable[[Context], Section]
