"""Single sign-on through a real OpenID provider on loopback (``oidc-provider``, tests/oidc).

The Django test client plays Tillid's side and ``requests`` plays the browser at the provider:
its login form, its one-time code page and its redirects. The token exchange, the JWKS and the
userinfo requests are Tillid's own, over HTTP to the provider. Nothing is mocked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
import requests
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from tests.oidc.provider import USER_PASSWORD, LoopbackProvider
from tillid.accounts.models import GroupMapping, OrgUnit, ProviderIdentity, User
from tillid.accounts.roles import Role
from tillid.consultations.models import Team
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db

CONSULTANTS = "sg-tillid-konsulenter"
EDITORS = "sg-tillid-redaktoerer"
EMAIL = "karin.konsulent@kk.example"


def provider_login(
    client: Client,
    provider: LoopbackProvider,
    *,
    email: str = EMAIL,
    password: str = USER_PASSWORD,
    code: str | None = "123456",
    next_path: str = "",
) -> Any:
    """Walk the whole login: Tillid → provider's login form (→ code page) → Tillid's callback.
    Returns the callback's response."""
    start = reverse("sso_login") + (f"?{urlencode({'next': next_path})}" if next_path else "")
    response = client.get(start)
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(provider.issuer + "/auth?")
    browser = requests.Session()
    answer = browser.get(location, allow_redirects=True, timeout=10)
    form_action = re.search(r'action="([^"]+)"', answer.text)
    assert form_action, answer.text
    answer = browser.post(
        urljoin(answer.url, form_action.group(1)),
        data={"email": email, "password": password},
        allow_redirects=False,
        timeout=10,
    )
    if answer.status_code == 200 and code is not None and 'name="code"' in answer.text:
        form_action = re.search(r'action="([^"]+)"', answer.text)
        assert form_action
        answer = browser.post(
            urljoin(provider.issuer, form_action.group(1)),
            data={"code": code},
            allow_redirects=False,
            timeout=10,
        )
    while answer.status_code in (302, 303):
        target = urljoin(answer.url, answer.headers["Location"])
        if target.startswith("http://testserver/"):
            parts = urlsplit(target)
            return client.get(f"{parts.path}?{parts.query}")
        answer = browser.get(target, allow_redirects=False, timeout=10)
    raise AssertionError(f"the provider did not send the browser back: {answer.text[:500]}")


@pytest.fixture
def team_unit(db: None) -> OrgUnit:
    administration = OrgUnit.objects.create(
        name="Socialforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION
    )
    unit = OrgUnit.objects.create(
        name="Etnisk Konsulentteam", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    Team.objects.create(name="Etnisk Konsulentteam", org_unit=unit)
    return unit


@pytest.fixture
def approved_mappings(make_user: Callable[..., User], team_unit: OrgUnit) -> None:
    """Consultants' group → consultant in the team's unit (approved by a second administrator);
    editors' group → editor (no case role, so it took effect at once)."""
    first, second = make_user(Role.ADMINISTRATOR), make_user(Role.ADMINISTRATOR)
    GroupMapping.objects.create(
        group=CONSULTANTS,
        role=Role.CONSULTANT,
        org_unit=team_unit,
        status=GroupMapping.Status.APPROVED,
        requested_by=first,
        decided_by=second,
    )
    GroupMapping.objects.create(
        group=EDITORS, role=Role.EDITOR, status=GroupMapping.Status.APPROVED, requested_by=first
    )


def test_first_login_creates_the_user_from_the_claims_with_the_groups_roles_and_unit(
    client: Client, oidc_provider: LoopbackProvider, approved_mappings: None, team_unit: OrgUnit
) -> None:
    oidc_provider.add_user(EMAIL, name="Karin Konsulent", groups=[CONSULTANTS, "other-group"])
    response = provider_login(client, oidc_provider, next_path="/konsulent/")
    assert response.status_code == 302
    assert response["Location"] == "/konsulent/"
    user = User.objects.get(email=EMAIL)
    assert user.name == "Karin Konsulent"
    assert user.role_names == {Role.CONSULTANT}
    assert user.org_unit == team_unit
    assert not user.has_usable_password()
    identity = ProviderIdentity.objects.get(user=user)
    assert identity.issuer == oidc_provider.issuer
    assert identity.roles == [Role.CONSULTANT]
    # The provider's code counted as the second factor: the workspace opens without Tillid's.
    assert DEVICE_ID_SESSION_KEY in client.session
    assert client.get("/konsulent/").status_code == 200
    entries = AuditEntry.objects.filter(target_id=str(user.pk))
    actions = set(entries.values_list("action", flat=True))
    assert {
        "accounts.sso.user_created",
        "accounts.sso.identity_linked",
        "accounts.sso.roles_synced",
        "accounts.user.login",
        "accounts.two_factor.verified",
    } <= actions


def test_without_the_providers_second_factor_tillids_own_totp_step_follows(
    client: Client, oidc_provider: LoopbackProvider, approved_mappings: None
) -> None:
    oidc_provider.add_user(EMAIL, groups=[CONSULTANTS], second_factor=False)
    response = provider_login(client, oidc_provider, next_path="/konsulent/")
    assert response["Location"] == "/konsulent/"
    assert DEVICE_ID_SESSION_KEY not in client.session
    workspace = client.get("/konsulent/")
    assert workspace.status_code == 302
    assert workspace["Location"].startswith(reverse("accounts:two_factor"))


def test_a_configured_acr_counts_as_the_second_factor(
    client: Client, oidc_provider: LoopbackProvider, approved_mappings: None, settings: Any
) -> None:
    settings.TILLID_OIDC_SECOND_FACTOR_ACR = ["urn:tillid:test:mfa"]
    oidc_provider.add_user(
        EMAIL, groups=[CONSULTANTS], second_factor=False, acr="urn:tillid:test:mfa"
    )
    provider_login(client, oidc_provider)
    assert DEVICE_ID_SESSION_KEY in client.session
    assert client.get("/konsulent/").status_code == 200


def test_a_group_removed_in_the_provider_removes_its_role_at_the_next_login(
    client: Client,
    oidc_provider: LoopbackProvider,
    approved_mappings: None,
    make_user: Callable[..., User],
) -> None:
    oidc_provider.add_user(EMAIL, groups=[CONSULTANTS, EDITORS])
    provider_login(client, oidc_provider)
    user = User.objects.get(email=EMAIL)
    assert user.role_names == {Role.CONSULTANT, Role.EDITOR}
    # An administrator gives a role by hand; the provider never gave it, so it stays.
    user.groups.add(*_groups(Role.COURSE_ADMINISTRATOR))
    client.post(reverse("accounts:logout"))

    oidc_provider.set_groups(EMAIL, [EDITORS])
    provider_login(client, oidc_provider)
    user = User.objects.get(pk=user.pk)
    assert user.role_names == {Role.EDITOR, Role.COURSE_ADMINISTRATOR}
    assert ProviderIdentity.objects.get(user=user).roles == [Role.EDITOR]
    synced = AuditEntry.objects.filter(action="accounts.sso.roles_synced").order_by("-pk")[0]
    assert synced.details == {"added": [], "removed": [Role.CONSULTANT]}
    assert client.get("/konsulent/").status_code == 403


def test_a_pending_case_role_mapping_gives_nothing(
    client: Client,
    oidc_provider: LoopbackProvider,
    make_user: Callable[..., User],
    team_unit: OrgUnit,
) -> None:
    GroupMapping.objects.create(
        group=CONSULTANTS,
        role=Role.CONSULTANT,
        org_unit=team_unit,
        requested_by=make_user(Role.ADMINISTRATOR),
    )
    oidc_provider.add_user(EMAIL, groups=[CONSULTANTS])
    provider_login(client, oidc_provider)
    user = User.objects.get(email=EMAIL)
    assert user.role_names == frozenset()
    assert user.org_unit is None


def test_an_existing_account_is_linked_by_email_and_updated_from_the_claims(
    client: Client, oidc_provider: LoopbackProvider, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.PROFESSIONAL, email=EMAIL, name="Gammelt Navn")
    oidc_provider.add_user(EMAIL, name="Nyt Navn", groups=[])
    provider_login(client, oidc_provider)
    user.refresh_from_db()
    assert user.name == "Nyt Navn"
    assert user.role_names == {Role.PROFESSIONAL}  # given by hand: never the provider's to take
    assert ProviderIdentity.objects.filter(user=user).exists()
    assert int(client.session["_auth_user_id"]) == user.pk
    updated = AuditEntry.objects.get(action="accounts.sso.user_updated")
    assert updated.details == {"fields": ["name"]}  # which fields, never the values


def test_a_token_from_another_issuer_is_refused(
    client: Client, oidc_provider: LoopbackProvider, settings: Any
) -> None:
    settings.TILLID_OIDC_ISSUER = "https://login.example.invalid"
    oidc_provider.add_user(EMAIL)
    response = provider_login(client, oidc_provider)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(email=EMAIL).exists()
    assert AuditEntry.objects.filter(action="accounts.sso.login_failed").exists()
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("ikke logget ind med kommunens login" in text for text in texts)


def test_a_deactivated_account_is_refused(
    client: Client, oidc_provider: LoopbackProvider, make_user: Callable[..., User]
) -> None:
    make_user(Role.PROFESSIONAL, email=EMAIL, is_active=False)
    oidc_provider.add_user(EMAIL)
    response = provider_login(client, oidc_provider)
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_session_from_the_provider_ends_when_the_account_is_deactivated(
    client: Client, oidc_provider: LoopbackProvider
) -> None:
    oidc_provider.add_user(EMAIL, groups=[])
    provider_login(client, oidc_provider)
    assert client.get(reverse("my_work")).status_code == 200
    User.objects.filter(email=EMAIL).update(is_active=False)
    assert client.get(reverse("my_work")).status_code == 302  # to the login page


def test_the_login_page_offers_the_municipal_login_only_when_configured(
    client: Client, settings: Any
) -> None:
    settings.OIDC_RP_CLIENT_ID = ""
    page = client.get(reverse("accounts:login"))
    assert "Log ind med kommunens login" not in page.content.decode()
    assert client.get(reverse("sso_login")).status_code == 404
    assert client.get(reverse("sso_callback")).status_code == 404

    settings.OIDC_RP_CLIENT_ID = "tillid"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example/token"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example/keys"
    page = client.get(reverse("accounts:login") + "?next=/konsulent/")
    html = page.content.decode()
    assert "Log ind med kommunens login" in html
    assert 'href="/konto/kommunelogin/?next=%2Fkonsulent%2F"' in html
    start = client.get("/konto/kommunelogin/?next=/konsulent/")
    assert start["Location"].startswith("https://login.example/authorize?")
    query = start["Location"]
    for parameter in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256"):
        assert parameter in query


def _groups(*roles: str) -> list[Any]:
    from django.contrib.auth.models import Group

    return [Group.objects.get_or_create(name=role)[0] for role in roles]
