"""Logging in with the municipality's login, as a consultant does: a real OpenID provider on
loopback (``oidc-provider``, tests/oidc) with its own login form and one-time code; Tillid's
login page, the provider, and back into the consultant workspace. Then the municipality takes
the consultant out of the group, and at the next login the role is gone.

axe-core checks Tillid's pages (the provider's test pages are not Tillid's)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import RESULTS, CheckedPage
from tests.oidc.provider import LoopbackProvider
from tillid.accounts.models import GroupMapping, OrgUnit, User
from tillid.accounts.roles import Role
from tillid.consultations.models import Team
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)

CONSULTANTS = "3b8f6f4e-konsulenter"  # an Entra ID group's object id
EMAIL = "karin.konsulent@kk.example"


@pytest.fixture
def oidc_redirect_uris(live_server: Any) -> list[str]:
    return [f"{live_server.url}/konto/kommunelogin/svar/"]


@pytest.fixture
def consultant_group(make_user: Any) -> OrgUnit:
    administration = OrgUnit.objects.create(
        name="Socialforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION
    )
    unit = OrgUnit.objects.create(
        name="Etnisk Konsulentteam", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    Team.objects.create(name="Etnisk Konsulentteam", org_unit=unit)
    first, second = make_user(Role.ADMINISTRATOR), make_user(Role.ADMINISTRATOR)
    GroupMapping.objects.create(
        group=CONSULTANTS,
        role=Role.CONSULTANT,
        org_unit=unit,
        status=GroupMapping.Status.APPROVED,
        requested_by=first,
        decided_by=second,
    )
    return unit


def _log_in_through_the_provider(page: CheckedPage, *, with_code: bool) -> None:
    page.goto("/konsulent/")
    expect(page.page.locator("h1")).to_have_text("Log ind")
    page.assert_accessible()
    page.page.screenshot(path=str(RESULTS / "sso-login-page.png"))
    page.page.get_by_role("link", name="Log ind med kommunens login").click()
    if not with_code:
        return  # the provider still knows the browser: it sends it straight back
    expect(page.page.locator("h1")).to_have_text("Kommunens login (test)")
    page.page.get_by_label("E-mail").fill(EMAIL)
    page.page.get_by_label("Adgangskode").fill("kommune-login-2026")
    page.page.get_by_role("button", name="Videre").click()
    expect(page.page.locator("h1")).to_have_text("Bekræft med din kode (test)")
    page.page.get_by_label("Engangskode").fill("123456")
    page.page.get_by_role("button", name="Bekræft").click()


def test_a_consultant_logs_in_with_the_municipal_login_and_loses_the_role_with_the_group(
    page: CheckedPage, oidc_provider: LoopbackProvider, consultant_group: OrgUnit
) -> None:
    RESULTS.mkdir(exist_ok=True)
    oidc_provider.add_user(EMAIL, name="Karin Konsulent", groups=[CONSULTANTS, "alle-ansatte"])

    _log_in_through_the_provider(page, with_code=True)
    # The provider's code was the second factor: straight into the workspace, no TOTP step.
    expect(page.page.locator("h1")).to_have_text("Konsulentteamets kø")
    assert page.page.url == f"{page.base_url}/konsulent/"
    page.assert_accessible()
    page.page.screenshot(path=str(RESULTS / "sso-consultant-workspace.png"))
    user = User.objects.get(email=EMAIL)
    assert user.role_names == {Role.CONSULTANT}
    assert user.org_unit == consultant_group
    verified = AuditEntry.objects.get(action="accounts.two_factor.verified", target_id=str(user.pk))
    assert verified.details == {"method": "provider"}

    page.page.get_by_role("button", name="Log ud").click()
    oidc_provider.set_groups(EMAIL, ["alle-ansatte"])  # the municipality removes the group

    _log_in_through_the_provider(page, with_code=False)
    expect(page.page.locator("h1")).not_to_have_text("Konsulentteamets kø")
    assert User.objects.get(pk=user.pk).role_names == frozenset()
    synced = AuditEntry.objects.filter(
        action="accounts.sso.roles_synced", target_id=str(user.pk)
    ).order_by("-pk")[0]
    assert synced.details == {"added": [], "removed": [Role.CONSULTANT]}
    page.goto("/konsulent/")
    expect(page.page.locator("h1")).to_contain_text("adgang")  # Tillid's 403 page
    page.page.screenshot(path=str(RESULTS / "sso-role-removed.png"))
