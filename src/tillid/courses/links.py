"""Absolute links for emails and calendar files, which are read outside any request."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def base_url() -> str:
    """Tillid's public address (``WAGTAILADMIN_BASE_URL``, shared with the CMS's emails)."""
    return str(settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute_url(name: str, *, language: str = "da", **kwargs: Any) -> str:
    """The full address of URL ``name`` in ``language`` (English pages live under /en/)."""
    with translation.override(language):
        return base_url() + reverse(name, kwargs=kwargs or None)
