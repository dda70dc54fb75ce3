"""The knowledge portal in the Wagtail admin: the taxonomy snippets and editor warnings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from tillid.knowledge import selectors
from tillid.knowledge.choosers import service_chooser_viewset
from tillid.knowledge.models import Audience, Topic


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


@hooks.register("before_edit_page")
def warn_about_dropped_contact_cards(request: HttpRequest, page: Page) -> Any:
    """A contact card whose directory service is gone is left out of the public page: say so."""
    if request.method != "GET":
        return None
    dropped = selectors.dropped_contact_cards(page.specific)
    if dropped:
        messages.warning(
            request,
            _(
                "Siden henviser til tilbud, der ikke længere vises i vejviseren: %(services)s. "
                "Kontaktkortene er udeladt på den offentlige side; vælg et andet tilbud eller "
                "fjern blokken."
            )
            % {"services": ", ".join(dropped)},
        )
    return None


@hooks.register("register_admin_viewset")
def register_service_chooser() -> Any:
    return service_chooser_viewset
