"""Reads of the knowledge portal: listings, teasers, contact cards, feed and sitemap items.

Everything here returns only what the public may see: live pages without view restrictions.
Listings are plain querysets with the taxonomy prefetched, so a list page costs the same number
of queries whatever its length.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from tillid.core import clock, page_cache
from tillid.courses.selectors import session_list_upcoming
from tillid.directory.acute_selectors import acute_help
from tillid.directory.selectors import service_contact_card, service_contact_cards
from tillid.taxonomy import selectors as taxonomy_selectors

if TYPE_CHECKING:
    from tillid.knowledge.models import (
        InspirationIndexPage,
        InspirationPage,
        ResearchIndexPage,
        ResearchItemPage,
        ToolboxArticlePage,
        ToolboxIndexPage,
    )

LIST_PAGE_SIZE = 20

# Parts of Tillid where a duty is acted on: (choice, label, URL name). Concern reports and action
# plans have no pages yet: an editor may already choose them; the link shows once the URL exists.
FEATURES = [
    ("concern_report", _("Underretning om et barn"), "concerns:start"),
    ("action_plan", _("Handleplan for en voksen (§ 12 a)"), "actionplans:index"),
    ("risk_assessment", _("Risikovurdering"), "risk:index"),
    ("consultation", _("Sparring med Etnisk Konsulentteam"), "consultations:request"),
    ("directory", _("Find hjælp"), "directory:index"),
    ("courses", _("Kurser"), "courses:index"),
]
FEATURE_CHOICES = [(key, label) for key, label, _url_name in FEATURES]


def feature_url(feature: str) -> str | None:
    """The URL of a Tillid feature, or None while that feature does not exist."""
    for key, _label, url_name in FEATURES:
        if key == feature:
            try:
                return reverse(url_name)
            except NoReverseMatch:
                return None
    return None


def acute_numbers() -> Any:
    """The directory's tap-to-call numbers for "Når det haster" (112, open now, the emergency
    service), as of now."""
    return acute_help(now=clock.now(), audience="professionals")


def contact_card(service: Any, parent_context: dict[str, Any] | None = None) -> Any | None:
    """The directory's contact card for a chosen service, or None when it is gone or hidden.

    ``service`` is what a SnippetChooserBlock gives: a ``directory.Service``, or None when the
    service was deleted. The directory decides what a public card holds. A page's context holds
    the cards of all its blocks (``contact_cards``, fetched at once); a block rendered alone asks
    for its own.
    """
    if service is None:
        return None
    cards = (parent_context or {}).get(CONTACT_CARDS)
    if cards is not None and service.pk in cards.ids:
        return cards.cards.get(service.pk)
    return service_contact_card(service_id=service.pk)


CONTACT_CARDS = "contact_cards"


class ContactCards:
    """The contact cards of the services chosen anywhere in a StreamField, fetched together."""

    def __init__(self, ids: set[int], cards: dict[int, Any]) -> None:
        self.ids = ids  # looked up (a missing card here means gone or hidden)
        self.cards = cards


def _service_ids(raw: Any) -> Iterable[int]:
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key == "service" and isinstance(value, int):
                yield value
            else:
                yield from _service_ids(value)
    elif isinstance(raw, list):
        for item in raw:
            yield from _service_ids(item)


def contact_cards_for(stream: Any) -> ContactCards:
    """The cards of every service chosen in ``stream`` (a StreamValue), in one batch."""
    ids = set(_service_ids(list(stream.raw_data))) if stream is not None else set()
    return ContactCards(ids, service_contact_cards(service_ids=sorted(ids)) if ids else {})


def _with_taxonomy(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.prefetch_related(
        Prefetch("topics", queryset=taxonomy_selectors.topic_list()),
        Prefetch("audiences", queryset=taxonomy_selectors.audience_list()),
    )


def toolbox_article_list(
    *, index: ToolboxIndexPage, audience: Any = None, topic: Any = None
) -> QuerySet[ToolboxArticlePage]:
    """Live, public articles under ``index``, alphabetically; ``audience``/``topic`` filter."""
    from tillid.knowledge.models import ToolboxArticlePage

    articles = ToolboxArticlePage.objects.child_of(index).live().public()
    if audience is not None:
        articles = articles.filter(audiences=audience)
    if topic is not None:
        articles = articles.filter(topics=topic)
    return _with_taxonomy(articles.order_by("title"))


def toolbox_article_teasers(*, index: Page, limit: int) -> list[ToolboxArticlePage]:
    """The first ``limit`` articles in the editors' order of the toolbox (the page tree)."""
    from tillid.knowledge.models import ToolboxArticlePage

    articles = ToolboxArticlePage.objects.child_of(index).live().public().order_by("path")
    return list(articles[:limit])


def research_item_list(
    *, index: ResearchIndexPage, topic: Any = None, year: int | None = None
) -> QuerySet[ResearchItemPage]:
    """Live, public research items under ``index``, newest first."""
    from tillid.knowledge.models import ResearchItemPage

    items = ResearchItemPage.objects.child_of(index).live().public()
    if topic is not None:
        items = items.filter(topics=topic)
    if year is not None:
        items = items.filter(year=year)
    return _with_taxonomy(items.order_by("-year", "-first_published_at", "title"))


def research_years(*, index: ResearchIndexPage) -> list[int]:
    from tillid.knowledge.models import ResearchItemPage

    years = ResearchItemPage.objects.child_of(index).live().public().values_list("year", flat=True)
    return sorted(set(years), reverse=True)


def research_item_teasers(*, index: Page, limit: int) -> list[ResearchItemPage]:
    from tillid.knowledge.models import ResearchItemPage

    items = ResearchItemPage.objects.child_of(index).live().public()
    return list(items.order_by("-year", "-first_published_at")[:limit])


def research_feed_items(*, limit: int = 20) -> list[ResearchItemPage]:
    """The newest published research items for the Atom feed."""
    from tillid.knowledge.models import ResearchItemPage

    items = ResearchItemPage.objects.live().public().order_by("-first_published_at")
    return list(_with_taxonomy(items)[:limit])


def inspiration_page_list(*, index: InspirationIndexPage) -> QuerySet[InspirationPage]:
    from tillid.knowledge.models import InspirationPage

    pages = InspirationPage.objects.child_of(index).live().public().order_by("title")
    return _with_taxonomy(pages)


def legislation_page_url() -> str | None:
    """The URL of the first live, public legislation page (the duties explained), or None."""
    from tillid.knowledge.models import LegislationPage

    page = LegislationPage.objects.live().public().order_by("path").first()
    return page.url if page is not None else None


def paginate(queryset: QuerySet[Any], *, page_number: str | None) -> PaginatorPage:
    """One page of a listing; a bad or too large page number gives the nearest valid page."""
    return Paginator(queryset, LIST_PAGE_SIZE).get_page(page_number)


def upcoming_courses(*, limit: int) -> list[Any]:
    """The next course sessions from the course calendar: the same for everybody (free seats,
    never the reader's own registrations), so kept as a cached fragment for logged-in readers
    too, until a course changes or a session's registration closes or it starts."""
    return page_cache.fragment(
        "upcoming-courses", lambda: list(session_list_upcoming(limit=limit)), limit
    )


def sitemap_pages() -> Iterable[Page]:
    """Every live, public page, for sitemap.xml (the base Page rows: no per-type queries)."""
    return Page.objects.live().public().filter(depth__gt=1).order_by("path")


def dropped_contact_cards(page: Page) -> list[str]:
    """Names of directory services that ``page`` refers to but the public cannot see.

    The public page leaves those contact cards out; the admin warns the editor (wagtail_hooks).
    """
    body = getattr(page, "body", None)
    if body is None:
        return []
    dropped: list[str] = []
    for raw, child in zip(body.raw_data, body, strict=False):
        raw_value = raw.get("value") if isinstance(raw, dict) else None
        if not isinstance(raw_value, dict) or not raw_value.get("service"):
            continue
        service = child.value.get("service")
        if service is None:
            dropped.append(str(_("et tilbud, der er slettet fra vejviseren")))
        elif contact_card(service) is None:
            dropped.append(str(service))
    return dropped
