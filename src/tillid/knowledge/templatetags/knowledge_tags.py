"""Template helpers of the knowledge pages: canonical address and breadcrumbs."""

from __future__ import annotations

import uuid
from typing import Any

from django import template
from django.utils import translation
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context: dict[str, Any], page: Page) -> str:
    """The page's absolute Danish address: /en/ shows the same Danish text, so it is canonical."""
    request = context["request"]
    with translation.override("da"):
        path = page.get_url(request) or "/"
    return request.build_absolute_uri(path)


@register.inclusion_tag("knowledge/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: dict[str, Any], page: Page) -> dict[str, Any]:
    request = context["request"]
    ancestors = [
        (ancestor.title, ancestor.get_url(request))
        for ancestor in page.get_ancestors().filter(depth__gt=1)
    ]
    return {"ancestors": ancestors, "page": page}


@register.simple_tag
def unique_id(prefix: str) -> str:
    """An element id that stays unique when a block appears twice on a page."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"
