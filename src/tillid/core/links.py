"""Absolute links to Tillid for anything read outside a request: emails, calendar files.

Every such link starts with ``TILLID_BASE_URL`` (Tillid's public address), never with the
``Host`` header of whatever request happened to cause the mail: a forged header must not put a
foreign address into a password-reset mail, and mails sent by the task worker have no request.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def base_url() -> str:
    """Tillid's public address without a trailing slash (``https://tillid.kk.dk``)."""
    return str(settings.TILLID_BASE_URL).rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (as returned by ``reverse``, starting with ``/``) under the public address."""
    if not path.startswith("/"):
        raise ValueError(f"absolute_url() needs a path starting with '/', not {path!r}")
    return base_url() + path


def absolute_reverse(name: str, *, language: str | None = None, **kwargs: Any) -> str:
    """The full address of URL ``name`` in ``language`` (English pages live under /en/), by
    default the site's language: a mail's links must not depend on what happens to be active."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute_url(reverse(name, kwargs=kwargs or None))
