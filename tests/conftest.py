"""Users for each role, and helpers every test may use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

import hypothesis
import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import db_template
from tests.factories import UserFactory
from tests.oidc.provider import LoopbackProvider
from tillid.accounts.models import User
from tillid.accounts.roles import TWO_FACTOR_ROLES, Role
from tillid.core import clock as core_clock

# The machine is shared: a property test must fail on a wrong answer, never on a slow one.
hypothesis.settings.register_profile(
    "tillid", deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
hypothesis.settings.load_profile("tillid")


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_use_migrations: bool,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    """pytest-django's database setup, but each worker's test database is a copy of a template
    migrated once (tests/db_template.py) instead of being migrated again in every worker."""
    from django.core import management
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    use_template = db_template.enabled() and django_db_use_migrations and not django_db_keepdb
    templates: dict[str, Any] = {}
    with django_db_blocker.unblock():
        if use_template:
            for alias in aliases:
                template = db_template.prepare(connections[alias], Path(settings.VAR_DIR))
                if template is not None:
                    templates[alias] = template
        for alias, template in templates.items():
            if db_template.is_postgresql(connections[alias].settings_dict):
                connections[alias].settings_dict["TEST"]["TEMPLATE"] = template
        call_command = management.call_command

        def migrate_from_template(name: str, *args: Any, **options: Any) -> Any:
            """Inside Django's create_test_db: copy the template instead of migrating."""
            alias = options.get("database", "default")
            if name != "migrate" or alias not in templates:
                return call_command(name, *args, **options)
            connection = connections[alias]
            if db_template.is_sqlite(connection.settings_dict):
                db_template.copy_sqlite_template(
                    templates[alias], connection, Path(settings.VAR_DIR)
                )
            return None  # PostgreSQL: CREATE DATABASE … TEMPLATE already copied it

        with mock.patch.object(management, "call_command", migrate_from_template):
            db_cfg = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=django_db_keepdb and not django_db_createdb,
            )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity)


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    """Argon2, production's hasher, costs a fifth of a second per password and the suite sets
    thousands; tests/accounts/test_login.py checks that production hashes with Argon2."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session", autouse=True)
def _memory_cache() -> Iterator[None]:
    """Each pytest worker keeps Django's cache in its own memory, emptied before every test
    (``_empty_cache``), instead of the file cache under var/ that the workers would share. The
    page cache is off: tests change rows with ``update()`` and count a page's queries, which a
    cached page would hide. Its own tests (tests/core/test_page_cache.py, tests/multi) turn it
    on, on the file cache and on Redis."""
    from django.test import override_settings

    memory = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with override_settings(CACHES=memory, TILLID_PAGE_CACHE_SECONDS=0):
        yield


@pytest.fixture(autouse=True)
def _empty_cache(_memory_cache: None) -> None:
    """No page, fragment or counter cached by one test is seen by the next."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()


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


# The callback address the Django test client's requests have ("testserver" is its host).
TEST_CLIENT_SSO_CALLBACK = "http://testserver/konto/kommunelogin/svar/"


@pytest.fixture
def oidc_redirect_uris() -> list[str]:
    """The callback addresses the loopback provider's client accepts; browser tests add the
    live server's."""
    return [TEST_CLIENT_SSO_CALLBACK]


@pytest.fixture
def oidc_provider(
    tmp_path: Path, settings: Any, oidc_redirect_uris: list[str]
) -> Iterator[LoopbackProvider]:
    """A real OpenID provider (``oidc-provider`` on Node) on a free loopback port, and Tillid
    configured to log in through it (as the TILLID_OIDC_* variables would)."""
    provider = LoopbackProvider(tmp_path, redirect_uris=oidc_redirect_uris)
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    yield provider
    provider.stop()
