"""The knowledge portal in the Wagtail admin: editor warnings and the service chooser."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from tillid.knowledge import selectors
from tillid.knowledge.choosers import service_chooser_viewset


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
