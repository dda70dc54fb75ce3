from typing import Any

from django.conf import settings
from django.http import HttpRequest

from tillid.core.navigation import language_links, main_navigation


def site(request: HttpRequest) -> dict[str, Any]:
    """What the base layout needs on every page."""
    return {
        "municipality": settings.TILLID_MUNICIPALITY,
        "contact_email": settings.TILLID_CONTACT_EMAIL,
        "main_navigation": main_navigation(request),
        "language_links": language_links(request),
    }
