"""Fixtures of the course tests: sessions, users on each side, the loopback SMTP server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.core.test_mail import inbox, smtp_port, start_smtp  # noqa: F401
from tests.courses.factories import CourseSessionFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.courses.models import CourseSession


@pytest.fixture
def make_session(db: None) -> Callable[..., CourseSession]:
    def make(**fields: Any) -> CourseSession:
        return CourseSessionFactory(**fields)

    return make


@pytest.fixture
def session(make_session: Callable[..., CourseSession]) -> CourseSession:
    return make_session(capacity=2)


@pytest.fixture
def professional(make_user: Callable[..., User]) -> User:
    return make_user(
        Role.PROFESSIONAL, name="Sara Nielsen", email="sara.nielsen@kk.dk", password=None
    )


@pytest.fixture
def make_professional(make_user: Callable[..., User]) -> Callable[[str], User]:
    def make(name: str) -> User:
        local = name.lower().replace(" ", ".")
        # No password: hashing one with Argon2 costs a fifth of a second per user.
        return make_user(Role.PROFESSIONAL, name=name, email=f"{local}@kk.dk", password=None)

    return make


@pytest.fixture
def course_admin(make_user: Callable[..., User]) -> User:
    return make_user(
        Role.COURSE_ADMINISTRATOR, name="Mads Holm", email="mads.holm@kk.dk", password=None
    )
