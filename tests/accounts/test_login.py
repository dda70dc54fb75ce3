"""Login, logout, throttling and their audit entries."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import TEST_PASSWORD
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/konto/log-ind/"


def _post_login(client: Client, email: str, password: str) -> object:
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR="10.1.2.3")


def test_login_page_is_danish_and_dkfds_styled(client: Client) -> None:
    html = client.get(LOGIN).content.decode()
    assert "<h1>Log ind</h1>" in html
    assert 'class="form-input"' in html
    assert 'autocomplete="current-password"' in html


def test_professional_logs_in_to_their_start_page(client: Client, make_user) -> None:
    user = make_user(Role.PROFESSIONAL)
    response = _post_login(client, user.email, TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/mit-arbejde/"
    page = client.get("/mit-arbejde/").content.decode()
    assert "Fagperson" in page
    assert AuditEntry.objects.filter(action="accounts.user.login", actor=user).exists()


def test_wrong_password_gets_a_clear_message_and_an_audit_entry(client: Client, make_user) -> None:
    user = make_user()
    response = _post_login(client, user.email, "wrong-password")
    assert response.status_code == 200
    assert "E-mail eller adgangskode er forkert" in response.content.decode()
    entry = AuditEntry.objects.get(action="accounts.user.login_failed")
    assert entry.target_id == str(user.pk)
    assert entry.actor is None
    assert "wrong-password" not in str(entry.details)


def test_lockout_after_five_failures_for_the_account_and_address(client: Client, make_user) -> None:
    user = make_user()
    for _attempt in range(4):
        assert _post_login(client, user.email, "wrong").status_code == 200
    response = _post_login(client, user.email, "wrong")
    assert response.status_code == 429
    assert "midlertidigt låst" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    assert _post_login(client, user.email, TEST_PASSWORD).status_code == 429
    assert AuditEntry.objects.filter(
        action="accounts.user.locked_out", target_id=str(user.pk)
    ).exists()
    # Another account from the same address is not locked.
    other = make_user()
    assert _post_login(client, other.email, TEST_PASSWORD).status_code == 302


def test_logout_is_post_only_and_audited(client: Client, login, make_user) -> None:
    user = make_user(Role.PROFESSIONAL)
    login(user)
    assert client.get("/konto/log-ud/").status_code == 405
    response = client.post("/konto/log-ud/")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.user.logout", actor=user).exists()
    assert client.get("/mit-arbejde/").status_code == 302


def test_password_change_is_audited(client: Client, login, make_user) -> None:
    user = make_user(Role.PROFESSIONAL)
    login(user)
    response = client.post(
        "/konto/adgangskode/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-much-longer-new-passphrase",
            "new_password2": "a-much-longer-new-passphrase",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-much-longer-new-passphrase")
    assert AuditEntry.objects.filter(action="accounts.user.password_changed").exists()


def test_role_changes_are_audited(make_user) -> None:
    from django.contrib.auth.models import Group

    user = make_user()
    user.groups.add(Group.objects.get(name=Role.CONSULTANT))
    entry = AuditEntry.objects.filter(action="accounts.role.added").latest("id")
    assert entry.target_id == str(user.pk)
    assert entry.details == {"roles": ["consultant"]}
    user.groups.remove(Group.objects.get(name=Role.CONSULTANT))
    assert AuditEntry.objects.filter(action="accounts.role.removed").exists()


def test_passwords_are_hashed_with_argon2(make_user, settings) -> None:
    from tillid import settings as project_settings  # the suite itself hashes with MD5 (conftest)

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS
    assert make_user().password.startswith("argon2")
