"""The knowledge portal's own views: site search, research feed, sitemap and robots.txt.

The pages themselves are served by Wagtail (``page_urls``); these views only add what a page
tree cannot: search across every source, and the files search engines and feed readers read.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from wagtail.models import Page

from tillid.core import access
from tillid.core import search as site_search
from tillid.core.cache_headers import cacheable_for_everyone
from tillid.knowledge import selectors
from tillid.knowledge.feeds import ResearchFeed
from tillid.knowledge.forms import SearchForm
from tillid.knowledge.site_search import only_stop_words

RESULTS_PER_SOURCE = 20


@access.public
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """One box across every public source (knowledge, directory, courses), grouped by source."""
    form = SearchForm(request.GET or None)
    form.is_valid()  # an unknown filter value is dropped; the rest of the search still runs
    cleaned = getattr(form, "cleaned_data", {})
    query = cleaned.get("q") or ""
    topic, audience = cleaned.get("topic"), cleaned.get("audience")
    groups = []
    if query and not only_stop_words(query):
        for source in site_search.sources():
            hits = source.search(
                query=query,
                topic=topic.slug if topic else None,
                audience=audience.slug if audience else None,
                limit=RESULTS_PER_SOURCE,
            )
            if hits:
                groups.append((source, hits))
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "hit_count": sum(len(hits) for _source, hits in groups),
        "only_stop_words": bool(query) and only_stop_words(query),
        "filtered": bool(topic or audience),
        "unfiltered_url": reverse("knowledge:search") + "?" + urlencode({"q": query}),
    }
    return render(request, "knowledge/search.html", context)


@access.public
@require_GET
def research_feed(request: HttpRequest) -> HttpResponse:
    return ResearchFeed()(request)


class PageSitemap(Sitemap):
    """Every live, public page at its Danish address (the English chrome shows the same text)."""

    limit = 50_000  # the sitemap protocol's maximum per file

    def items(self) -> list[Page]:
        return list(selectors.sitemap_pages())

    def location(self, item: Page) -> str:
        return item.get_url() or "/"

    def lastmod(self, item: Page) -> datetime | None:
        return item.last_published_at


@access.public
@require_GET
def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_views.sitemap(
        request, sitemaps={"pages": PageSitemap()}, template_name="knowledge/sitemap.xml"
    )


ROBOTS_DISALLOW = ["/cms/", "/admin/", "/konto/", "/mit-arbejde/", "/revisionsspor/", "/soeg/"]


@access.public
@cacheable_for_everyone
@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@access.public
def page_login_redirect(request: HttpRequest) -> HttpResponse:
    """Pages restricted to logged-in users send visitors to Tillid's one login page."""
    target = reverse("accounts:login")
    next_url = request.GET.get("next")
    return redirect(f"{target}?{urlencode({'next': next_url})}" if next_url else target)
