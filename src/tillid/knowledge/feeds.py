"""The Atom feed of new research items."""

from __future__ import annotations

from datetime import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from tillid.knowledge import selectors
from tillid.knowledge.models import ResearchItemPage


class ResearchFeed(Feed):
    feed_type = Atom1Feed
    title = _("Tillid: ny forskning om social kontrol og æresrelaterede konflikter")
    subtitle = _("Nye udgivelser i Tillids forskningsoversigt, sammenfattet med egne ord.")

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("knowledge:research_feed")

    def items(self) -> list[ResearchItemPage]:
        return selectors.research_feed_items()

    def item_title(self, item: ResearchItemPage) -> str:
        return f"{item.title} ({item.year})"

    def item_description(self, item: ResearchItemPage) -> str:
        return strip_tags(item.summary)

    def item_link(self, item: ResearchItemPage) -> str:
        return item.get_url(self.request) or "/"

    def item_author_name(self, item: ResearchItemPage) -> str:
        return item.authors

    def item_pubdate(self, item: ResearchItemPage) -> datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: ResearchItemPage) -> datetime | None:
        return item.last_published_at

    def item_categories(self, item: ResearchItemPage) -> list[str]:
        return [topic.name for topic in item.topics.all()]
