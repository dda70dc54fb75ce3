"""A session held locked too long gives a clear "try again", not a stuck request or a 500."""

from __future__ import annotations

import threading
from collections.abc import Callable
from unittest import mock

import pytest
from django.db import connections, transaction
from django.test import Client

from tests.courses.factories import CourseSessionFactory
from tillid.accounts.models import User
from tillid.courses import services
from tillid.courses.models import CourseSession, Registration
from tillid.courses.services import SessionBusyError


@pytest.mark.django_db(transaction=True)
def test_a_registration_waiting_too_long_for_the_lock_is_told_to_try_again(
    make_professional: Callable[[str], User],
    client: Client,
    login: Callable[[User], Client],
) -> None:
    session: CourseSession = CourseSessionFactory(capacity=5)
    person = make_professional("Ada Aa")
    person.role_names  # noqa: B018 (read the roles before the lock is taken)
    login(person)
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        try:
            with transaction.atomic():
                # PostgreSQL: a row lock. SQLite: the transaction's BEGIN IMMEDIATE write lock.
                CourseSession.objects.select_for_update().get(pk=session.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections["default"].close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        # The in-memory SQLite test database reports "locked" at once instead of waiting.
        with mock.patch("tillid.courses.services.locking.LOCK_TIMEOUT", "200ms"):
            with pytest.raises(SessionBusyError):
                services.registration_create_for_user(session_id=session.pk, user=person)
            response = client.post(f"/kurser/{session.course.slug}/{session.pk}/tilmelding/", {})
            assert "Der er mange tilmeldinger lige nu" in response.content.decode()
    finally:
        release.set()
        holder.join(timeout=30)
        connections["default"].close()
    assert not Registration.objects.exists()
