"""Deny by default: every view declares who may use it.

Use exactly one of the decorators on each view function or class-based view:

- ``@access.public``: anyone, also anonymous visitors;
- ``@access.login_required``: any logged-in user;
- ``@access.first_factor_only``: logged in with the password only (the 2FA pages themselves);
- ``@access.roles(Role.CONSULTANT, ...)``: logged-in users holding at least one of the roles;
  ``selector=`` names the ``<entity>_get_for_user(user=..., pk=...)`` function that decides
  object access; the view then receives the object as ``obj`` instead of the raw ``pk``.
  ``audit=`` (with a selector) names the audit action of reading that object: the policy records
  it once the object is fetched, on GET and HEAD only, so a form shown again after a refused POST
  is not a second read. ``audit_details=`` adds fixed details, or computes them from
  ``(user, obj)``; the remaining URL arguments (a step's slug, say) are added as details too.

The system check in ``core.checks`` fails on any URL whose view has no policy. Anonymous
requests to protected views are redirected to login; logged-in users without the role get 403
and never the object. Users whose roles demand two-factor login are sent to enrol or verify
before any protected view runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from tillid.core import audit

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
    audit: str = ""
    audit_details: Mapping[str, Any] | Callable[[Any, Any], Mapping[str, Any]] | None = None

    def describe(self) -> str:
        if self.public:
            return "public"
        if not self.roles:
            return "logged-in"
        described = "roles: " + ", ".join(sorted(self.roles))
        return f"{described}; audits {self.audit}" if self.audit else described


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
    if policy.roles and not request.user.has_role(*policy.roles):
        if policy.selector is not None:
            _audit_refusal(policy, request, kwargs.get(policy.lookup), status=403)
        raise PermissionDenied
    if policy.selector is not None:
        lookup_value = kwargs.pop(policy.lookup)
        try:
            kwargs["obj"] = policy.selector(user=request.user, pk=lookup_value)
        except PermissionDenied:
            _audit_refusal(policy, request, lookup_value, status=403)
            raise
        except Http404:
            _audit_refusal(policy, request, lookup_value, status=404)
            raise
        if policy.audit and request.method in READ_METHODS:
            _record_read(policy, request, kwargs)
    return None


READ_METHODS = frozenset({"GET", "HEAD"})


def _record_read(policy: AccessPolicy, request: HttpRequest, kwargs: dict[str, Any]) -> None:
    obj = kwargs["obj"]
    details = {name: value for name, value in kwargs.items() if name != "obj"}
    extra = policy.audit_details
    if callable(extra):
        extra = extra(request.user, obj)
    details.update(extra or {})
    audit.record(actor=request.user, action=policy.audit, target=obj, **details)


def _audit_refusal(
    policy: AccessPolicy, request: HttpRequest, lookup_value: Any, status: int
) -> None:
    """A refused attempt on an object URL (a case, an assessment) is evidence of probing:
    record who asked for what. The target is named by the selector and the value asked for,
    as the object itself is exactly what the user may not have."""
    selector = policy.selector
    audit.record(
        actor=request.user,
        action="core.access.refused",
        status=status,
        path=request.path,
        selector=f"{selector.__module__}.{selector.__qualname__}" if selector else "",
        requested=str(lookup_value),
    )


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
    *names: str | Iterable[str],
    selector: Callable[..., Any] | None = None,
    lookup: str = "pk",
    audit: str = "",
    audit_details: Mapping[str, Any] | Callable[[Any, Any], Mapping[str, Any]] | None = None,
) -> Callable[[ViewT], ViewT]:
    """Allow logged-in users who hold at least one of ``names`` (roles never imply each other);
    with ``audit=``, record the read of the object ``selector`` fetched (GET and HEAD only)."""
    flat: set[str] = set()
    for name in names:
        flat.update([name] if isinstance(name, str) else name)
    if not flat:
        raise ValueError("access.roles() needs at least one role")
    if audit and selector is None:
        raise ValueError("access.roles(audit=...) audits the object a selector fetches")
    return _apply(
        AccessPolicy(
            roles=frozenset(flat),
            selector=selector,
            lookup=lookup,
            audit=audit,
            audit_details=audit_details,
        )
    )
