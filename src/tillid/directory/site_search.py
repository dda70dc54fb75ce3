"""The directory's source for the site search (``tillid.core.search``): active services only."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from tillid.core import clock
from tillid.core.search import SearchHit, SearchSource
from tillid.directory.selectors import ServiceFilters, service_list

# The knowledge portal's audiences (slugs) as the directory's age groups.
AUDIENCE_AGE_GROUPS = {"boern": "barn", "unge": "ung", "voksne": "voksen"}
# Topics that are also a service type; any other topic has no directory hits.
TOPIC_SERVICE_TYPES = {"risikovurdering": "risikovurdering"}


def _highlight(text: str, words: list[str]) -> str:
    """``text`` escaped, with <mark> around each occurrence of the query's words."""
    words = sorted({word for word in words if word}, key=len, reverse=True)
    if not words:
        return str(escape(text))
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts += [escape(text[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(str(part) for part in parts)


def search(
    *, query: str, topic: str | None = None, audience: str | None = None, limit: int = 10
) -> list[SearchHit]:
    type_code = ""
    if topic:
        if topic not in TOPIC_SERVICE_TYPES:
            return []
        type_code = TOPIC_SERVICE_TYPES[topic]
    filters = ServiceFilters(
        query=query.strip(),
        type_code=type_code,
        age_group=AUDIENCE_AGE_GROUPS.get(audience or "", ""),
    )
    cards = service_list(filters=filters, now=clock.now())[:limit]
    words = query.split()
    return [
        SearchHit(
            title=card.name,
            url=card.url,
            snippet=_highlight(card.summary, words),
            extra={
                "organization": card.organization_name,
                "phone": card.phones[0].number if card.phones else "",
                "hours": card.status_text,
            },
        )
        for card in cards
    ]


SOURCE = SearchSource(name="directory", label=_("Find hjælp"), order=20, search=search)
