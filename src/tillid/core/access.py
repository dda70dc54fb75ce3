"""Deny by default: every view declares who may use it.

Use exactly one of the decorators on each view function or class-based view:

- ``@access.public``: anyone, also anonymous visitors;
- ``@access.login_required``: any logged-in user;
- ``@access.first_factor_only``: logged in with the password only (the 2FA pages themselves);
- ``@access.roles(Role.CONSULTANT, ...)``: logged-in users holding at least one of the roles;
  ``selector=`` names the ``<entity>_get_for_user(user=..., pk=...)`` function that decides
  object access; the view then receives the object as ``obj`` instead of the raw ``pk``.

The system check in ``core.checks`` fails on any URL whose view has no policy. Anonymous
requests to protected views are redirected to login; logged-in users without the role get 403
and never the object. Users whose roles demand two-factor login are sent to enrol or verify
before any protected view runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

POLICY_ATTRIBUTE = "access_policy"

ViewT = TypeVar("ViewT", bound=Callable[..., Any])


@dataclass(frozen=True)
class AccessPolicy:
    """Who may call a view. An empty ``roles`` on a non-public policy means any logged-in user."""

    public: bool = False
    second_factor: bool = True  # False only for the pages that log the second factor in
    roles: frozenset[str] = field(default_factory=frozenset)
    selector: Callable[..., Any] | None = None
    lookup: str = "pk"

    def describe(self) -> str:
        if self.public:
            return "public"
        if not self.roles:
            return "logged-in"
        return "roles: " + ", ".join(sorted(self.roles))


def policy_of(view: Any) -> AccessPolicy | None:
    """The policy a URL callback declares, for function views and ``as_view()`` results alike."""
    policy = getattr(view, POLICY_ATTRIBUTE, None)
    if policy is None:
        policy = getattr(getattr(view, "view_class", None), POLICY_ATTRIBUTE, None)
    return policy


def _user_needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    requires = getattr(user, "requires_two_factor", False)
    is_verified = getattr(user, "is_verified", None)
    return bool(requires) and not (callable(is_verified) and is_verified())


def enforce(
    policy: AccessPolicy, request: HttpRequest, kwargs: dict[str, Any]
) -> HttpResponse | None:
    """Apply ``policy`` to a request; a response means "stop here", None means "go on"."""
    if policy.public:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if policy.second_factor and _user_needs_second_factor(request):
        return redirect_to_login(
            request.get_full_path(), login_url=reverse(settings.TILLID_TWO_FACTOR_URL)
        )
    if policy.roles and not request.user.has_any_role(policy.roles):
        raise PermissionDenied
    if policy.selector is not None:
        kwargs["obj"] = policy.selector(user=request.user, pk=kwargs.pop(policy.lookup))
    return None


def _apply(policy: AccessPolicy) -> Callable[[ViewT], ViewT]:
    def decorate(view: ViewT) -> ViewT:
        if isinstance(view, type):
            original_dispatch = view.dispatch  # type: ignore[attr-defined]

            @functools.wraps(original_dispatch)
            def dispatch(self: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                return enforce(policy, request, kwargs) or original_dispatch(
                    self, request, *args, **kwargs
                )

            view.dispatch = dispatch  # type: ignore[attr-defined]
            setattr(view, POLICY_ATTRIBUTE, policy)
            return view

        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            return enforce(policy, request, kwargs) or view(request, *args, **kwargs)

        setattr(wrapped, POLICY_ATTRIBUTE, policy)
        return wrapped  # type: ignore[return-value]

    return decorate


public = _apply(AccessPolicy(public=True))
login_required = _apply(AccessPolicy())
# For enrolling and verifying the second factor itself: logged in with the password only.
first_factor_only = _apply(AccessPolicy(second_factor=False))


def roles(
    *names: str | Iterable[str], selector: Callable[..., Any] | None = None, lookup: str = "pk"
) -> Callable[[ViewT], ViewT]:
    """Allow logged-in users who hold at least one of ``names`` (roles never imply each other)."""
    flat: set[str] = set()
    for name in names:
        flat.update([name] if isinstance(name, str) else name)
    if not flat:
        raise ValueError("access.roles() needs at least one role")
    return _apply(AccessPolicy(roles=frozenset(flat), selector=selector, lookup=lookup))
