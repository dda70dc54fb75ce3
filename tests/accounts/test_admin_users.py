"""Issue 17: administrators cannot become someone else.

No password is set by an administrator (a reset link is mailed instead); every change to a user
is audited with before and after and mailed to the user; case roles take a second
administrator's approval; reading a user's page is audited; devices are never added or shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD
from tillid.accounts.models import OrgUnit, RoleGrant, User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry, OutgoingMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(make_user: Callable[..., User]) -> User:
    return make_user(Role.ADMINISTRATOR, name="Anne Admin")


@pytest.fixture
def admin_client(login: Callable[[User], Client], administrator: User) -> Client:
    return login(administrator)


def _change(client: Client, user: User, **overrides: Any) -> Any:
    data: dict[str, Any] = {
        "email": user.email,
        "name": user.name,
        "job_title": user.job_title,
        "org_unit": user.org_unit_id or "",
        "groups": list(user.groups.values_list("pk", flat=True)),
        "is_active": "on" if user.is_active else "",
    }
    data.update(overrides)
    return client.post(f"/admin/accounts/user/{user.pk}/change/", data)


def test_the_admin_offers_no_way_to_set_another_users_password(
    admin_client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user()

    page = admin_client.get(f"/admin/accounts/user/{user.pk}/change/").content.decode()
    password_page = admin_client.get(f"/admin/accounts/user/{user.pk}/password/")
    forced = admin_client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "overtaget-konto-1234", "password2": "overtaget-konto-1234"},
    )

    assert 'name="password' not in page
    assert "../password/" not in page
    assert password_page.status_code == 403
    assert forced.status_code == 403
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    add_page = admin_client.get("/admin/accounts/user/add/").content.decode()
    assert 'name="password1"' not in add_page


def test_a_new_user_chooses_their_own_password_through_a_mailed_link(
    admin_client: Client, administrator: User
) -> None:
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {"email": "Ny.Bruger@kk.example", "name": "Ny Bruger", "job_title": "", "org_unit": ""},
    )

    assert response.status_code == 302
    user = User.objects.get(email="ny.bruger@kk.example")
    assert not user.has_usable_password()
    mail = OutgoingMail.objects.get(to=user.email, template="accounts/email/password_reset")
    assert mail.erase_after_sending
    assert AuditEntry.objects.filter(
        action="accounts.user.created", target_id=str(user.pk), actor=administrator
    ).exists()


def test_the_reset_link_action_mails_the_user_and_changes_no_password(
    admin_client: Client, administrator: User, make_user: Callable[..., User]
) -> None:
    user = make_user()

    response = admin_client.post(
        "/admin/accounts/user/",
        {"action": "send_password_reset", "_selected_action": [user.pk]},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)
    mail = OutgoingMail.objects.get(to=user.email)
    assert "/konto/nulstil/" in mail.body_text
    assert mail.erase_after_sending
    entry = AuditEntry.objects.get(action="accounts.user.password_reset_sent")
    assert (entry.actor, entry.target_id) == (administrator, str(user.pk))


def test_every_change_is_audited_with_before_and_after_and_mailed_to_the_user(
    admin_client: Client, administrator: User, make_user: Callable[..., User]
) -> None:
    user = make_user(name="Sara Gammel")
    unit = OrgUnit.objects.create(name="Forvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)
    editor = Group.objects.get(name=Role.EDITOR)

    response = _change(
        admin_client, user, name="Sara Ny", org_unit=unit.pk, groups=[editor.pk], is_active=""
    )

    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="accounts.user.changed", target_id=str(user.pk))
    assert entry.actor == administrator
    assert entry.details["changes"] == {
        "name": {"before": "Sara Gammel", "after": "Sara Ny"},
        "org_unit": {"before": None, "after": "Forvaltningen"},
        "is_active": {"before": True, "after": False},
        "roles": {"before": [], "after": ["editor"]},
    }
    mail = OutgoingMail.objects.get(to=user.email, template="accounts/email/account_changed")
    for label in ("navn", "organisatorisk enhed", "roller", "om kontoen er aktiv"):
        assert f"- {label}" in mail.body_text
    assert "Sara Ny" in mail.body_text  # the greeting; the changed values themselves are not
    assert "Forvaltningen" not in mail.body_text
    assert "argon2" not in str(entry.details)


def test_reading_a_users_page_is_audited(
    admin_client: Client, administrator: User, make_user: Callable[..., User]
) -> None:
    user = make_user()

    admin_client.get(f"/admin/accounts/user/{user.pk}/change/")

    entry = AuditEntry.objects.get(action="accounts.user.viewed")
    assert (entry.actor, entry.target_id) == (administrator, str(user.pk))


def test_a_case_role_takes_a_second_administrators_approval(
    client: Client,
    login: Callable[[User], Client],
    administrator: User,
    make_user: Callable[..., User],
) -> None:
    user = make_user()
    login(administrator)
    consultant = Group.objects.get(name=Role.CONSULTANT)

    _change(
        client,
        administrator,
        groups=[*administrator.groups.values_list("pk", flat=True), consultant.pk],
    )
    _change(client, user, groups=[consultant.pk])

    # Neither the user nor the administrator got the role; both wait for approval.
    assert not User.objects.get(pk=user.pk).has_role(Role.CONSULTANT)
    assert not User.objects.get(pk=administrator.pk).has_role(Role.CONSULTANT)
    grants = RoleGrant.objects.filter(status=RoleGrant.Status.PENDING)
    assert sorted(grants.values_list("user_id", flat=True)) == sorted([user.pk, administrator.pk])

    # The requester cannot approve their own grants.
    client.post(
        "/admin/accounts/rolegrant/",
        {"action": "approve", "_selected_action": list(grants.values_list("pk", flat=True))},
    )
    assert grants.count() == 2
    assert not User.objects.get(pk=user.pk).has_role(Role.CONSULTANT)

    second = make_user(Role.ADMINISTRATOR)
    login(second)
    grant = RoleGrant.objects.get(user=user)
    client.post("/admin/accounts/rolegrant/", {"action": "approve", "_selected_action": [grant.pk]})

    assert User.objects.get(pk=user.pk).has_role(Role.CONSULTANT)
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (RoleGrant.Status.APPROVED, second)
    assert AuditEntry.objects.filter(
        action="accounts.role_grant.approved", actor=second, target_id=str(user.pk)
    ).exists()
    assert OutgoingMail.objects.filter(to=user.email, template="accounts/email/account_changed")


def test_devices_are_never_added_or_shown_and_their_removal_is_audited(
    admin_client: Client, administrator: User, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.CONSULTANT)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)

    assert admin_client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    config = admin_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/config/", follow=True)
    assert device.key not in config.content.decode()
    page = admin_client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page

    response = admin_client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert AuditEntry.objects.filter(
        action="accounts.two_factor.device_removed", target_id=str(user.pk), actor=administrator
    ).exists()
    assert OutgoingMail.objects.filter(to=user.email, template="accounts/email/account_changed")
