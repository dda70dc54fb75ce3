"""Site-search registry: each app registers a source; the search page (knowledge) asks them all.

Keeping the registry in ``core`` lets any app offer results without the apps importing each
other. A source returns ready-to-show hits; it must only return what the public may see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    snippet: str = ""  # plain text or safe HTML with <mark> around matches, escaped otherwise
    topics: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchSource:
    name: str  # "knowledge", "directory", "courses"
    label: Promise  # the group heading on the results page, e.g. _("Viden")
    order: int
    search: Callable[..., list[SearchHit]]  # search(query=..., topic=..., audience=..., limit=...)


_sources: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    _sources[source.name] = source


def sources() -> list[SearchSource]:
    return sorted(_sources.values(), key=lambda source: (source.order, source.name))
