"""The knowledge source of the site search (``tillid.core.search``) and the text helpers.

Wagtail search with the database backend finds the pages (Danish stemming on PostgreSQL); this
module cleans the query, filters by topic and audience, and cuts a highlighted snippet.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from modelsearch.query import Or, PlainText, SearchQuery
from wagtail.models import Page

from tillid.core.search import SearchHit, SearchSource

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 220

# Danish stop words (as in PostgreSQL's danish dictionary): a query of only these finds nothing
# useful, so the search page explains instead of searching.
_STOP_WORDS_TEXT = """
ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din
disse dog du efter eller en end er et for fra ham han hans har havde have hende hendes
her hos hun hvad hvis hvor i ikke ind jeg jer jo kunne man mange med meget men mig min
mine mit mod ned noget nogle nu når og også om op os over på selv sig sin sine sit skal
skulle som sådan thi til ud under var vi vil ville vor være været
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Danish endings, longest first, cut from a query word to find its forms in a snippet.
_SUFFIXES = (
    *("erendes", "erende", "hedens", "ernes", "erne", "ene", "ens", "ers", "ets", "en"),
    *("er", "es", "et", "e", "s"),
)
_WORD = re.compile(r"\w+", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")
# Keys in StreamField JSON that hold ids and choices, not text.
_NON_TEXT_KEYS = frozenset({"id", "type", "kind", "feature", "service", "document", "index"})


def clean_query(raw: str | None) -> str:
    """NFC-normalised, without control characters, single-spaced, at most 200 characters."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(query)]


def only_stop_words(query: str) -> bool:
    words = query_words(query)
    return bool(words) and all(word in STOP_WORDS for word in words)


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Irregular Danish words whose forms the Snowball stemmer does not join ("kursus" stems to
# itself, "kurserne" to "kurs"): a query with one form also looks for the others.
WORD_FAMILIES = [("kursus", "kurser", "kurset", "kurserne", "kursets", "kursernes")]
_FAMILY_OF = {form: family for family in WORD_FAMILIES for form in family}


def extra_terms(query: str, *, stem: bool) -> list[str]:
    """Other forms to look for: irregular families, and (``stem``) cut-off endings."""
    words = [word for word in query_words(query) if word not in STOP_WORDS]
    extra: list[str] = []
    for word in words:
        extra.extend(form for form in _FAMILY_OF.get(word, ())[:2] if form != word)
        if stem and _stem(word) != word:
            extra.append(_stem(word))
    return list(dict.fromkeys(term for term in extra if term not in words))


def search_query(query: str) -> str | SearchQuery:
    """The query for Wagtail search. PostgreSQL stems Danish itself; SQLite's FTS5 does not,
    so there the endings are cut here ("tilliden" also looks for "tillid")."""
    extra = extra_terms(query, stem=connection.vendor != "postgresql")
    if not extra:
        return query
    return Or([PlainText(query), PlainText(" ".join(extra), operator="or")])


def highlight(text: str, query: str, *, length: int = SNIPPET_LENGTH) -> SafeString:
    """A window of ``text`` around the first match, escaped, with <mark> around the matches."""
    words = [word for word in query_words(query) if word not in STOP_WORDS]
    stems = {_stem(word) for word in [*words, *extra_terms(query, stem=False)]}
    stems.discard("")
    text = " ".join(text.split())
    # One pattern for the words that start with a stem: only the first match and the matches
    # inside the window are looked for (a long page has thousands of words).
    pattern = (
        re.compile(
            r"\b(?:"
            + "|".join(re.escape(stem) for stem in sorted(stems, key=len, reverse=True))
            + r")\w*",
            re.IGNORECASE | re.UNICODE,
        )
        if stems
        else None
    )
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - length // 3) if first else 0
    if start:
        start = text.rfind(" ", 0, start) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = max(text.rfind(" ", start, end), start + length // 2)
    parts: list[str] = ["… " if start else ""]
    position = start
    for match in pattern.finditer(text, start) if pattern else ():
        if match.end() > end:
            break
        parts.append(escape(text[position : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    parts.append(escape(text[position:end]))
    parts.append(" …" if end < len(text) else "")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)


def plain_text(html: str) -> str:
    """Rich text as plain text: tags become spaces (so list items do not run together)."""
    return unescape(strip_tags(_TAG.sub(" ", html)))


def _stream_text(value: Any) -> list[str]:
    """The text inside a StreamField's raw JSON (rich text included, markup removed)."""
    if isinstance(value, str):
        return [plain_text(value)] if not value.isdigit() else []
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key not in _NON_TEXT_KEYS
            for text in _stream_text(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in _stream_text(item)]
    return []


def page_text(page: Page) -> str:
    """The readable text of a page, summary and intro first, for snippets."""
    parts = [plain_text(getattr(page, name, "") or "") for name in ("summary", "intro")]
    body = getattr(page, "body", None)
    if body is not None:
        parts.extend(_stream_text(list(body.raw_data)))
    return " ".join(part for part in parts if part)


def _taxonomy_filter(topic: str | None, audience: str | None) -> Q | None:
    """Pages tagged with the topic and audience (slugs), as a filter on Page ids."""
    if not topic and not audience:
        return None
    condition = Q(pk__in=[])
    for model in _taxonomy_models():
        tagged = model.objects.all()
        if topic:
            tagged = tagged.filter(topics__slug=topic)
        if audience:
            tagged = tagged.filter(audiences__slug=audience)
        condition |= Q(pk__in=tagged.values("pk"))
    return condition


def _taxonomy_models() -> list[type[Page]]:
    from tillid.knowledge.models import InspirationPage, ResearchItemPage, ToolboxArticlePage

    return [ToolboxArticlePage, ResearchItemPage, InspirationPage]


def _taxonomy_names(pages: list[Page]) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """{page id: (topic names, audience names)} in two queries per page type."""
    names: dict[int, tuple[list[str], list[str]]] = {page.pk: ([], []) for page in pages}
    for model in _taxonomy_models():
        ids = [page.pk for page in pages if isinstance(page, model)]
        if not ids:
            continue
        for position, field_name in enumerate(("topics", "audiences")):
            field = model._meta.get_field(field_name)
            through = field.remote_field.through
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            rows = (
                through.objects.filter(**{f"{source}_id__in": ids})
                .order_by(f"{target}__name")
                .values_list(f"{source}_id", f"{target}__name")
            )
            for page_id, name in rows:
                names[page_id][position].append(name)
    return {pk: (tuple(topics), tuple(audiences)) for pk, (topics, audiences) in names.items()}


def search_knowledge(
    *, query: str, topic: str | None = None, audience: str | None = None, limit: int = 20
) -> list[SearchHit]:
    """Live, public knowledge pages matching ``query``, best first, with highlighted snippets.

    ``topic`` and ``audience`` are slugs; pages without taxonomy drop out when one is given.
    """
    # Only the words go to the search backend: quotes and operators mean syntax to SQLite FTS5.
    query = " ".join(query_words(clean_query(query)))
    if not query or only_stop_words(query):
        return []
    pages = Page.objects.live().public().filter(depth__gt=1)
    condition = _taxonomy_filter(topic, audience)
    if condition is not None:
        pages = pages.filter(condition)
    found = list(pages.specific().search(search_query(query))[:limit])
    taxonomy = _taxonomy_names(found)
    hits = []
    for page in found:
        topics, audiences = taxonomy.get(page.pk, ((), ()))
        hits.append(
            SearchHit(
                title=page.title,
                url=page.url or "",
                snippet=highlight(page_text(page), query),
                topics=topics,
                audiences=audiences,
                extra={"type": str(page._meta.verbose_name).capitalize()},
            )
        )
    return hits


SOURCE = SearchSource(name="knowledge", label=_("Viden"), order=10, search=search_knowledge)
