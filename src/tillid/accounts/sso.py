"""Single sign-on with the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

The flow: "Log ind med kommunens login" (``sso_views.ProviderLoginView``) sends the browser to
the provider with state, nonce and PKCE; the provider sends it back to the callback
(``sso_views.ProviderCallbackView``), which lets ``ProviderBackend`` exchange the code for
tokens, check the ID token (signature from the provider's JWKS, nonce, issuer, audience, expiry)
and then:

1. find the user by the provider's subject (``ProviderIdentity``), else by e-mail (linking the
   account), else create one from the claims (e-mail, name; no usable password);
2. update e-mail and name from the claims;
3. sync the roles: the approved ``GroupMapping`` rows matching the token's groups give roles
   (and a unit); a role the provider gave at an earlier login whose group is gone is removed.
   Roles an administrator gave by hand are left alone. Each change is audited;
4. decide the second factor (``second_factor_done``): the provider's counts when the ID token's
   ``amr`` holds one of ``TILLID_OIDC_SECOND_FACTOR_AMR`` or its ``acr`` is one of
   ``TILLID_OIDC_SECOND_FACTOR_ACR``; otherwise the user passes Tillid's own TOTP step like
   after a password login.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from tillid.accounts.models import GroupMapping, OrgUnit, ProviderIdentity, User
from tillid.core import audit, clock

# The attribute of the authenticated user object that carries its ``ProviderLogin`` to the view.
PROVIDER_LOGIN_ATTRIBUTE = "tillid_provider_login"


def is_configured() -> bool:
    """Whether the municipality's login is set up (``TILLID_OIDC_CLIENT_ID`` and endpoints)."""
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        and settings.OIDC_OP_TOKEN_ENDPOINT
        and settings.OIDC_OP_JWKS_ENDPOINT
    )


def _as_list(value: Any) -> list[str]:
    """A claim that may be one string or a list of strings (``amr``, ``groups``)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [str(item) for item in value]
    return [str(value)]


def second_factor_done(id_claims: Mapping[str, Any]) -> bool:
    """Whether the provider's ID token says a second factor was used.

    ``amr`` (RFC 8176 authentication method references) counts when it holds any of
    ``TILLID_OIDC_SECOND_FACTOR_AMR`` (default ``mfa``, ``otp``, ``hwk``); ``acr`` counts when
    it equals one of ``TILLID_OIDC_SECOND_FACTOR_ACR`` (none by default). Only the signed ID
    token is asked, never the userinfo answer.
    """
    methods = {method.lower() for method in _as_list(id_claims.get("amr"))}
    wanted = {method.lower() for method in settings.TILLID_OIDC_SECOND_FACTOR_AMR}
    if methods & wanted:
        return True
    acr = id_claims.get("acr")
    return isinstance(acr, str) and acr in settings.TILLID_OIDC_SECOND_FACTOR_ACR


@dataclass(frozen=True)
class ProviderGrant:
    """What the approved mappings give a member of ``groups``."""

    roles: frozenset[str]
    org_unit: OrgUnit | None


def grant_for_groups(groups: Iterable[str]) -> ProviderGrant:
    """The roles (and the unit) the approved mappings give to members of ``groups``.

    Pending and rejected mappings give nothing. When several matched mappings name a unit, the
    one created first wins.
    """
    names = set(groups)
    if not names:
        return ProviderGrant(roles=frozenset(), org_unit=None)
    mappings = list(
        GroupMapping.objects.filter(group__in=names, status=GroupMapping.Status.APPROVED)
        .select_related("org_unit")
        .order_by("pk")
    )
    unit = next((mapping.org_unit for mapping in mappings if mapping.org_unit_id), None)
    return ProviderGrant(roles=frozenset(mapping.role for mapping in mappings), org_unit=unit)


@dataclass(frozen=True)
class ProviderLogin:
    """The outcome of a login through the provider, before Django logs the user in."""

    user: User
    created: bool
    added: frozenset[str]
    removed: frozenset[str]
    second_factor: bool


def provider_login_apply(
    *, issuer: str, subject: str, claims: Mapping[str, Any], id_claims: Mapping[str, Any]
) -> ProviderLogin:
    """Find, link or create the user for a verified token and bring it up to date.

    Run by the system on a token the backend verified (there is no acting person yet). Refuses
    (``SuspiciousOperation``) a token without subject or e-mail, and an e-mail that belongs to
    an account already linked to another identity.
    """
    email = str(claims.get(settings.TILLID_OIDC_EMAIL_CLAIM) or "").strip().lower()
    if not subject or not email or "@" not in email:
        raise SuspiciousOperation("The token has no subject or e-mail.")
    name = str(claims.get(settings.TILLID_OIDC_NAME_CLAIM) or "").strip()[:200] or email
    groups = _as_list(claims.get(settings.TILLID_OIDC_GROUPS_CLAIM))
    now = clock.now()
    with transaction.atomic():
        identity = (
            ProviderIdentity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=issuer, subject=subject)
            .first()
        )
        created = False
        if identity is not None:
            user = identity.user
        else:
            existing = User.objects.filter(email__iexact=email).first()
            if existing is None:
                user = User.objects.create_user(email=email, password=None, name=name)
                created = True
                audit.record(actor=None, action="accounts.sso.user_created", target=user)
            elif ProviderIdentity.objects.filter(user=existing).exists():
                raise SuspiciousOperation("The account is linked to another identity.")
            else:
                user = existing
            identity = ProviderIdentity.objects.create(user=user, issuer=issuer, subject=subject)
            audit.record(actor=None, action="accounts.sso.identity_linked", target=user)
        changed = [
            field
            for field, value in (("email", email), ("name", name))
            if getattr(user, field) != value
        ]
        if changed and not created:
            if (
                "email" in changed
                and User.objects.filter(email__iexact=email).exclude(pk=user.pk).exists()
            ):
                raise SuspiciousOperation("The new e-mail belongs to another account.")
            user.email, user.name = email, name
            user.save(update_fields=changed)
            audit.record(
                actor=None, action="accounts.sso.user_updated", target=user, fields=changed
            )
        added, removed = _sync_roles(user=user, identity=identity, groups=groups)
        identity.last_login_at = now
        identity.save(update_fields=["roles", "last_login_at"])
    user.__dict__.pop("role_names", None)
    return ProviderLogin(
        user=user,
        created=created,
        added=added,
        removed=removed,
        second_factor=second_factor_done(id_claims),
    )


def _sync_roles(
    *, user: User, identity: ProviderIdentity, groups: list[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """Give the roles the user's groups map to; remove those the provider gave before and no
    longer does. A role given by hand (never by the provider) stays."""
    grant = grant_for_groups(groups)
    current = set(user.groups.values_list("name", flat=True))
    earlier = set(identity.roles or [])
    added = frozenset(grant.roles - current)
    removed = frozenset((earlier - grant.roles) & current)
    if added:
        user.groups.add(*_role_groups(added))
    if removed:
        user.groups.remove(*_role_groups(removed))
    if grant.org_unit is not None and user.org_unit_id != grant.org_unit.pk:
        user.org_unit = grant.org_unit
        user.save(update_fields=["org_unit"])
        audit.record(actor=None, action="accounts.sso.unit_changed", target=user)
    identity.roles = sorted(grant.roles)
    if added or removed:
        audit.record(
            actor=None,
            action="accounts.sso.roles_synced",
            target=user,
            added=sorted(added),
            removed=sorted(removed),
        )
    return added, removed


def _role_groups(roles: Iterable[str]) -> list[Group]:
    return [Group.objects.get_or_create(name=role)[0] for role in sorted(roles)]


class ProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with Tillid's checks and user handling.

    It answers only on the provider's callback (a ``code`` and ``state`` in the query), never a
    password login. Beyond the library's checks (signature, nonce, expiry) the ID token's issuer
    must be ``TILLID_OIDC_ISSUER`` and its audience must hold the client id.
    """

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if request is None or not is_configured() or "nonce" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id: Any) -> Any:
        """The session's user, but never a deactivated one (as Django's ``ModelBackend``; the
        library's own ``get_user`` would keep a deactivated user's session alive)."""
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        payload = super().verify_token(token, **kwargs)
        if "nonce" in kwargs:  # the ID token (a userinfo JWT has no nonce to check)
            audience = _as_list(payload.get("aud"))
            if settings.OIDC_RP_CLIENT_ID not in audience:
                raise SuspiciousOperation("The ID token is meant for another client.")
            if str(payload.get("iss", "")).rstrip("/") != settings.TILLID_OIDC_ISSUER:
                raise SuspiciousOperation("The ID token comes from another issuer.")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: Any) -> Any:
        userinfo: dict[str, Any] = {}
        if self.OIDC_OP_USER_ENDPOINT:
            userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") not in (None, payload.get("sub")):
            raise SuspiciousOperation("The userinfo answer is about another subject.")
        claims = {**userinfo, **payload}  # the signed ID token wins
        outcome = provider_login_apply(
            issuer=settings.TILLID_OIDC_ISSUER,
            subject=str(payload.get("sub") or ""),
            claims=claims,
            id_claims=payload,
        )
        setattr(outcome.user, PROVIDER_LOGIN_ATTRIBUTE, outcome)  # read by the callback view
        return outcome.user
