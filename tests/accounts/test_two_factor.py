"""Two-factor login: mandatory for sensitive roles, TOTP enrolment, backup codes, idle timeout."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD
from tillid.accounts.middleware import LAST_ACTIVITY_KEY
from tillid.accounts.roles import TWO_FACTOR_ROLES, Role
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db

TWO_FACTOR = "/konto/totrin/"


def _code(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():06d}"


def _password_login(client: Client, user) -> None:
    response = client.post("/konto/log-ind/", {"username": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize("role", sorted(TWO_FACTOR_ROLES))
def test_sensitive_roles_cannot_reach_pages_before_the_second_factor(
    client: Client, make_user, role: str
) -> None:
    _password_login(client, make_user(role))
    response = client.get("/mit-arbejde/")
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR + "?next=/mit-arbejde/")


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.COURSE_ADMINISTRATOR, Role.EDITOR])
def test_other_roles_need_no_second_factor(client: Client, make_user, role: str) -> None:
    _password_login(client, make_user(role))
    assert client.get("/mit-arbejde/").status_code == 200


def test_enrolment_with_a_code_from_the_app(client: Client, make_user, settings) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the deliberate wrong code
    user = make_user(Role.CONSULTANT)
    _password_login(client, user)
    page = client.get(TWO_FACTOR + "?next=/mit-arbejde/").content.decode()
    assert "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # The same pending key is shown until it is confirmed.
    client.get(TWO_FACTOR)
    assert TOTPDevice.objects.filter(user=user).count() == 1

    wrong = client.post(TWO_FACTOR, {"token": "000000" if _code(device) != "000000" else "111111"})
    assert "Koden passer ikke" in wrong.content.decode()

    response = client.post(TWO_FACTOR, {"token": _code(device), "next": "/mit-arbejde/"})
    assert response.status_code == 200
    assert response.content.decode().count("<li><code>") == 10  # backup codes, shown once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/mit-arbejde/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.two_factor.enrolled", actor=user).exists()


@pytest.fixture
def enrolled_consultant(make_user):
    user = make_user(Role.CONSULTANT)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user, device


def test_verification_and_reused_codes(client: Client, enrolled_consultant) -> None:
    user, device = enrolled_consultant
    _password_login(client, user)
    code = _code(device)
    response = client.post(TWO_FACTOR, {"token": code, "next": "/mit-arbejde/"})
    assert response["Location"] == "/mit-arbejde/"

    # A second session cannot reuse the same code.
    other = Client()
    _password_login(other, user)
    reused = other.post(TWO_FACTOR, {"token": code})
    assert reused.status_code == 200
    assert "allerede brugt" in reused.content.decode()
    assert other.get("/mit-arbejde/").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.two_factor.failed").exists()


def test_backup_codes_work_once(client: Client, enrolled_consultant, settings) -> None:
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # no wait after the deliberate reuse
    from tillid.accounts.services import backup_codes_replace

    user, _device = enrolled_consultant
    codes = backup_codes_replace(user=user)
    _password_login(client, user)
    assert client.post(TWO_FACTOR, {"token": codes[0]}).status_code == 302
    again = Client()
    _password_login(again, user)
    assert again.post(TWO_FACTOR, {"token": codes[0]}).status_code == 200
    assert again.post(TWO_FACTOR, {"token": codes[1]}).status_code == 302


def test_open_redirects_are_refused(client: Client, enrolled_consultant) -> None:
    user, device = enrolled_consultant
    _password_login(client, user)
    response = client.post(TWO_FACTOR, {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/mit-arbejde/"


def test_idle_sessions_of_sensitive_roles_end(client: Client, login, make_user, settings) -> None:
    settings.TILLID_IDLE_TIMEOUT_MINUTES = 30
    user = make_user(Role.INTAKE_WORKER)
    login(user)
    assert client.get("/mit-arbejde/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = (timezone.now() - timedelta(minutes=31)).isoformat()
    session.save()
    response = client.get("/mit-arbejde/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/log-ind/")
    assert AuditEntry.objects.filter(action="accounts.session.expired", actor=user).exists()


def test_active_sessions_stay(client: Client, login, make_user) -> None:
    login(make_user(Role.INTAKE_WORKER))
    session = client.session
    session[LAST_ACTIVITY_KEY] = (timezone.now() - timedelta(minutes=29)).isoformat()
    session.save()
    assert client.get("/mit-arbejde/").status_code == 200


def test_guessing_is_throttled(client: Client, enrolled_consultant) -> None:
    """After a wrong code, even the right one is refused until the throttle delay has passed."""
    user, device = enrolled_consultant
    _password_login(client, user)
    wrong = "000000" if _code(device) != "000000" else "111111"
    client.post(TWO_FACTOR, {"token": wrong})
    response = client.post(TWO_FACTOR, {"token": _code(device)})
    assert response.status_code == 200
    assert "Vent lidt" in response.content.decode()
