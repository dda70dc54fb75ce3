"""The session key changes when the second factor completes (issue 17): a key learnt while
only the password was given must not become a fully logged-in session."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.test_two_factor import TWO_FACTOR, _code, _password_login
from tillid.accounts.models import User
from tillid.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _still_valid(session_key: str) -> bool:
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return stale.get("/mit-arbejde/").status_code == 200


def test_verifying_a_code_gives_a_new_session_key(
    client: Client, make_user: Callable[..., User]
) -> None:
    user = make_user(Role.CONSULTANT)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _password_login(client, user)
    before = client.session.session_key
    response = client.post(TWO_FACTOR, {"token": _code(device), "next": "/mit-arbejde/"})
    assert response.status_code == 302
    after = client.session.session_key
    assert after != before
    assert client.get("/mit-arbejde/").status_code == 200
    assert not _still_valid(before)


def test_enrolling_gives_a_new_session_key(client: Client, make_user: Callable[..., User]) -> None:
    user = make_user(Role.ADMINISTRATOR)
    _password_login(client, user)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    before = client.session.session_key
    response = client.post(TWO_FACTOR, {"token": _code(device)})
    assert response.status_code == 200
    assert client.session.session_key != before
    assert client.get("/mit-arbejde/").status_code == 200
    assert not _still_valid(before)
