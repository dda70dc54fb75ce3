"""Capacity is never oversold: 50 registrations at once for 10 seats, on a real database.

Each thread has its own database connection and all start together behind a barrier, so the
registrations really race for the session's lock. On PostgreSQL the threads use the test
database directly. SQLite's in-memory test database is shared-cache, whose table locks fail
at once instead of waiting, so there the test copies the database into a file and the threads
open it with the production settings (WAL, ``BEGIN IMMEDIATE``, busy timeout): the setup that
runs in production.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.connection import ConnectionDoesNotExist

from tests.courses.factories import CourseSessionFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.audit_seal import seal_pending, verify_trail
from tillid.core.models import OutgoingMail
from tillid.courses import services
from tillid.courses.models import CourseSession, Registration

CAPACITY = 10
ATTEMPTS = 50


@dataclass(frozen=True)
class Outcome:
    user_id: int
    status: str
    position: int | None


def _file_wrapper(path: Path) -> BaseDatabaseWrapper:
    current = connections["default"]
    return type(current)({**current.settings_dict, "NAME": str(path)}, "default")


@contextmanager
def database_for_threads(tmp_path: Path) -> Iterator[Callable[[], None]]:
    """Yield a function each thread calls first to get its own connection to the test data."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield lambda: None
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()

    def use_file() -> None:
        connections["default"] = _file_wrapper(path)

    yield use_file


@contextmanager
def reading(use_database: Callable[[], None]) -> Iterator[None]:
    """Read the threads' results in this thread through the same database they wrote."""
    original = connections["default"]
    use_database()
    try:
        yield
    finally:
        replacement = connections["default"]
        if replacement is not original:
            replacement.close()
            connections["default"] = original


def _professionals(count: int) -> list[User]:
    from django.contrib.auth.models import Group

    group, _created = Group.objects.get_or_create(name=Role.PROFESSIONAL)
    users = User.objects.bulk_create(
        User(email=f"fagperson{index}@kk.dk", name=f"Fagperson {index}") for index in range(count)
    )
    group.user_set.add(*users)
    for user in users:
        assert user.has_role(Role.PROFESSIONAL)  # reads the roles once, in this thread
    return users


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_registrations_fill_ten_seats_and_queue_forty_in_order(
    tmp_path: Path,
) -> None:
    session: CourseSession = CourseSessionFactory(capacity=CAPACITY)
    users = _professionals(ATTEMPTS)
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(ATTEMPTS)

    with database_for_threads(tmp_path) as use_database:

        def attempt(user: User) -> None:
            try:
                use_database()
                barrier.wait(timeout=30)
                placement = services.registration_create_for_user(session_id=session.pk, user=user)
                with lock:
                    outcomes.append(
                        Outcome(user.pk, placement.registration.status, placement.position)
                    )
            except BaseException as error:
                with lock:
                    errors.append(error)
            finally:
                with suppress(ConnectionDoesNotExist):
                    connections["default"].close()

        threads = [threading.Thread(target=attempt, args=(user,)) for user in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert errors == [], errors
        assert len(outcomes) == ATTEMPTS

        with reading(use_database):
            session.refresh_from_db()
            registrations = list(Registration.objects.filter(session=session))
            by_user = {registration.user_id: registration for registration in registrations}
            seal_pending()
            trail = verify_trail()
            mails = OutgoingMail.objects.count()

    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waiting = sorted(
        (r for r in registrations if r.status == Registration.Status.WAITING),
        key=lambda r: r.arrival_number or 0,
    )
    assert len(confirmed) == CAPACITY
    assert len(waiting) == ATTEMPTS - CAPACITY
    assert session.seats_taken == CAPACITY
    # Arrival order: every registration got its own number, seats went to the first ten...
    assert sorted(r.arrival_number for r in registrations) == list(range(1, ATTEMPTS + 1))
    assert sorted(r.arrival_number for r in confirmed) == list(range(1, CAPACITY + 1))
    # ...and the waiting list follows arrival, by number and by the clock alike...
    assert [r.arrival_number for r in waiting] == list(range(CAPACITY + 1, ATTEMPTS + 1))
    stamps = [r.waitlisted_at for r in waiting]
    assert stamps == sorted(stamps)  # type: ignore[type-var]
    # ...and each person was told the place that the list holds for them.
    for outcome in outcomes:
        registration = by_user[outcome.user_id]
        assert outcome.status == registration.status
        if outcome.status == Registration.Status.WAITING:
            assert outcome.position == (registration.arrival_number or 0) - CAPACITY
    assert sorted(o.position for o in outcomes if o.position) == list(range(1, 41))
    # The audit trail is intact and sealed, and every person got exactly one mail.
    assert trail.problem is None
    assert trail.sealed >= ATTEMPTS
    assert mails == ATTEMPTS
