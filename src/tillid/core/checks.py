"""System check: every URL's view must declare an access policy (see ``core.access``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.urls import URLPattern, URLResolver, get_resolver

from tillid.core.access import policy_of


def iter_url_patterns(
    patterns: list[Any], prefix: str = "", namespace: str | None = None
) -> Iterator[tuple[str, URLPattern, str | None]]:
    """Every leaf pattern with its full route and outermost namespace, walking includes."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from iter_url_patterns(entry.url_patterns, route, namespace or entry.namespace)
        elif isinstance(entry, URLPattern):
            yield route, entry, namespace


def _is_exempt(callback: Any, namespace: str | None, route: str = "") -> bool:
    if namespace in settings.TILLID_ACCESS_EXEMPT_NAMESPACES:
        return True
    if route.startswith(tuple(getattr(settings, "TILLID_ACCESS_EXEMPT_ROUTES", ()))):
        return True
    module = getattr(callback, "__module__", "") or ""
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        module = view_class.__module__
    return any(
        module == exempt or module.startswith(exempt + ".")
        for exempt in settings.TILLID_ACCESS_EXEMPT_MODULES
    )


def views_without_policy(urlconf: str | None = None) -> list[str]:
    """Routes whose view declares no policy and is not in an exempt third-party module."""
    resolver = get_resolver(urlconf)
    missing = []
    for route, pattern, namespace in iter_url_patterns(resolver.url_patterns):
        callback = pattern.callback
        if policy_of(callback) is None and not _is_exempt(callback, namespace, route):
            name = getattr(callback, "__qualname__", repr(callback))
            missing.append(f"{route} ({callback.__module__}.{name})")
    return missing


@register(Tags.security, Tags.urls)
def check_every_view_declares_access(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    return [
        Error(
            f"The view for URL {route} declares no access policy.",
            hint="Decorate it with tillid.core.access.public, login_required or roles(...).",
            id="tillid.E001",
        )
        for route in views_without_policy()
    ]
