"""The main navigation and the language switch, shared by every page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# (label, URL name). A section appears once the issue that builds it registers its URL name,
# so the menu never links to a page that does not exist yet.
# Knowledge sections are CMS pages at stable slugs (ARCHITECTURE.md), reached through Wagtail's
# catch-all URL: (label, "wagtail_serve", slug path).
MAIN_NAVIGATION: list[tuple[Promise, str] | tuple[Promise, str, str]] = [
    (_("Forside"), "core:home"),
    (_("Værktøjskasse"), "wagtail_serve", "vaerktoejskasse/"),
    (_("Lovgivning"), "wagtail_serve", "lovgivning/"),
    (_("Forskning"), "wagtail_serve", "forskning/"),
    (_("Inspiration"), "wagtail_serve", "inspiration/"),
    (_("Find hjælp"), "directory:index"),
    (_("Kurser"), "courses:index"),
    (_("Søg"), "knowledge:search"),
    (_("Mit arbejde"), "my_work"),
]


@dataclass(frozen=True)
class NavigationItem:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool


def main_navigation(request: HttpRequest) -> list[NavigationItem]:
    items = []
    home = reverse("core:home")
    for label, url_name, *args in MAIN_NAVIGATION:
        try:
            url = reverse(url_name, args=args)
        except NoReverseMatch:
            continue
        current = request.path == url if url == home else request.path.startswith(url)
        items.append(NavigationItem(label=str(label), url=url, current=current))
    return items


# Language names are shown in their own language, as users look for them that way.
LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def language_links(request: HttpRequest) -> list[LanguageLink]:
    current = get_language()
    return [
        LanguageLink(
            code=code,
            name=LANGUAGE_NAMES.get(code, code),
            url=translate_url(request.get_full_path(), code),
            current=code == current,
        )
        for code, _name in settings.LANGUAGES
    ]


@dataclass(frozen=True)
class TaskLink:
    role: str
    label: Promise
    url_name: str


# The links on each user's start page ("Mit arbejde"), registered by the apps for their roles.
_task_links: list[TaskLink] = []


def register_task_link(*, role: str, label: Promise, url_name: str) -> None:
    link = TaskLink(role=role, label=label, url_name=url_name)
    if link not in _task_links:
        _task_links.append(link)


def task_links(role_names: frozenset[str]) -> list[NavigationItem]:
    """Links for the given roles, in registration order, each once; missing URLs are skipped."""
    items: list[NavigationItem] = []
    seen: set[str] = set()
    for link in _task_links:
        if link.role not in role_names or link.url_name in seen:
            continue
        try:
            url = reverse(link.url_name)
        except NoReverseMatch:
            continue
        seen.add(link.url_name)
        items.append(NavigationItem(label=str(link.label), url=url, current=False))
    return items


# Actions other apps offer on a directory service's page ("Send en henvendelse"), looked up by
# the service's slug. Registered by the app that owns the action, so the directory knows none.
ServiceLinkProvider = Callable[[str], "NavigationItem | None"]
_service_link_providers: list[ServiceLinkProvider] = []


def register_service_link(provider: ServiceLinkProvider) -> None:
    if provider not in _service_link_providers:
        _service_link_providers.append(provider)


def service_links(slug: str) -> list[NavigationItem]:
    """The actions registered for the directory service ``slug``, in registration order."""
    return [link for provider in _service_link_providers if (link := provider(slug)) is not None]
