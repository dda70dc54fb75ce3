"""Users for each role, and helpers every test may use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from tillid.accounts.models import User
from tillid.accounts.roles import TWO_FACTOR_ROLES, Role
from tillid.core import clock as core_clock


@pytest.fixture(autouse=True)
def _danish_by_default() -> Iterator[None]:
    """Each test starts in Danish; a request under /en/ must not leak English into the next."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _audit_guard(request: pytest.FixtureRequest) -> Iterator[None]:
    """Keep the audit table append-only in every test, yet let a transactional test's flush
    empty it afterwards (Django's flush deletes every row, which the guard refuses)."""
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    transactional = "transactional_db" in names or bool(marker and marker.kwargs.get("transaction"))
    if not (marker or "db" in names or transactional):
        yield
        return
    from django.db import connection

    from tillid.core.audit_guard import install_append_only_guard, remove_append_only_guard

    request.getfixturevalue("transactional_db" if transactional else "db")
    install_append_only_guard(connection)
    yield
    if transactional:
        remove_append_only_guard(connection)


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(*roles: str, **fields: object) -> User:
        return UserFactory(roles=list(roles), **fields)

    return make


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    """Log a user in; users whose roles need 2FA get a verified device in the session."""

    def log_in(user: User) -> Client:
        client.force_login(user)
        if not user.role_names.isdisjoint(TWO_FACTOR_ROLES):
            device, _created = TOTPDevice.objects.get_or_create(
                user=user, name="test", defaults={"confirmed": True}
            )
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return client

    return log_in


@pytest.fixture(params=[role.value for role in Role])
def any_role(request: pytest.FixtureRequest) -> str:
    return request.param


class FrozenClock:
    """Tillid's one clock stopped at ``now``; move it with ``set`` and ``advance``."""

    def __init__(self) -> None:
        self.now = timezone.now()
        core_clock.freeze(self.now)

    def set(self, moment: datetime) -> datetime:
        core_clock.freeze(moment)
        self.now = moment
        return moment

    def advance(self, delta: timedelta) -> datetime:
        return self.set(self.now + delta)


@pytest.fixture
def clock() -> Iterator[FrozenClock]:
    """Stop Tillid's clock for the test: ``clock.set(moment)``, ``clock.advance(timedelta)``."""
    frozen = FrozenClock()
    yield frozen
    core_clock.freeze(None)
