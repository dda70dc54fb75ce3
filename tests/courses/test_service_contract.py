"""The service contract in courses: each service checks its actor itself and refuses a wrong
user with ``NotPermittedError`` (an ``ActionRefusedError``), whoever calls it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from tests.courses.factories import in_days
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError, NotPermittedError
from tillid.courses import services
from tillid.courses.models import CourseSession, Registration
from tillid.courses.services import SessionData

pytestmark = pytest.mark.django_db


def test_registration_cancel_checks_its_actor_itself(
    session: CourseSession, make_professional: Callable[[str], User], course_admin: User
) -> None:
    owner = make_professional("Ada Aa")
    stranger = make_professional("Bo Bb")
    registration = services.registration_create_for_user(
        session_id=session.pk, user=owner
    ).registration
    before = AuditEntry.objects.count()
    for actor, by_administrator in ((stranger, False), (stranger, True), (owner, True)):
        with pytest.raises(NotPermittedError):
            services.registration_cancel(
                registration_id=registration.pk, actor=actor, by_administrator=by_administrator
            )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert AuditEntry.objects.count() == before
    services.registration_cancel(
        registration_id=registration.pk, actor=course_admin, by_administrator=True
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_administration_services_refuse_anyone_but_a_course_administrator(
    session: CourseSession, make_user: Callable[..., User], make_professional: Callable[[str], User]
) -> None:
    waiting = services.registration_create_for_user(
        session_id=session.pk, user=make_professional("Cy Cc")
    ).registration
    data = SessionData(
        starts_at=in_days(30),
        ends_at=in_days(30) + timedelta(hours=3),
        registration_deadline=in_days(20),
        capacity=session.capacity,
        place=session.place,
    )
    attempts: list[Callable[[User], object]] = [
        lambda actor: services.session_cancel(session_id=session.pk, actor=actor),
        lambda actor: services.session_message(
            session_id=session.pk, actor=actor, subject="Hej", body="Hej"
        ),
        lambda actor: services.session_update(session_id=session.pk, actor=actor, data=data),
        lambda actor: services.registration_promote(registration_id=waiting.pk, actor=actor),
        lambda actor: services.registration_mark_attendance(
            registration_id=waiting.pk, attended=True, actor=actor
        ),
        lambda actor: services.evaluation_invite_attendees(session_id=session.pk, actor=actor),
    ]
    for role in (Role.PROFESSIONAL, Role.EDITOR, Role.ADMINISTRATOR):
        for attempt in attempts:
            with pytest.raises(NotPermittedError):
                attempt(make_user(role))
    session.refresh_from_db()
    assert session.status != CourseSession.Status.CANCELLED


def test_registering_is_for_active_professionals(
    session: CourseSession, make_user: Callable[..., User]
) -> None:
    for user in (make_user(Role.EDITOR), make_user(Role.PROFESSIONAL, is_active=False)):
        with pytest.raises(NotPermittedError) as refused:
            services.registration_create_for_user(session_id=session.pk, user=user)
        assert isinstance(refused.value, ActionRefusedError)
    assert not Registration.objects.exists()
