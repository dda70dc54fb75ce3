"""Editors keep the topics and audiences as Wagtail snippets ("Emner og målgrupper")."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from tillid.taxonomy.models import Audience, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    list_display = ["name", "slug", "sort_order"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (TopicViewSet, AudienceViewSet)
    menu_icon = "tag"
    menu_label = gettext_lazy("Emner og målgrupper")
    menu_name = "taxonomy"


register_snippet(TaxonomyViewSetGroup)
