"""Whatever happens in whatever order, the seat count tells the truth and nobody jumps the queue."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.courses.factories import CourseSessionFactory
from tillid.accounts.models import User
from tillid.courses import services
from tillid.courses.models import SEAT_HOLDING, CourseSession, Registration
from tillid.courses.services import CourseActionRefusedError

pytestmark = pytest.mark.django_db

PEOPLE = 6
operations = st.lists(
    st.tuples(
        st.sampled_from(["register", "cancel", "capacity", "promote"]),
        st.integers(min_value=0, max_value=PEOPLE - 1),
    ),
    max_size=15,
)


@pytest.fixture
def people(make_professional: Callable[[str], User]) -> list[User]:
    return [make_professional(f"Person {index}") for index in range(PEOPLE)]


def _check(session: CourseSession) -> None:
    session.refresh_from_db()
    registrations = list(Registration.objects.filter(session=session))
    holders = [r for r in registrations if r.status in SEAT_HOLDING]
    waiting = sorted(
        (r for r in registrations if r.status == Registration.Status.WAITING),
        key=lambda r: r.arrival_number or 0,
    )
    assert session.seats_taken == len(holders) <= session.capacity
    assert len({r.arrival_number for r in registrations}) == len(registrations)
    if waiting:  # while registration is open, a free seat never stays free with people waiting
        assert session.seats_taken == session.capacity
    for position, registration in enumerate(waiting, start=1):
        assert services.registrations.waiting_position(registration) == position


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=operations)
def test_any_sequence_keeps_the_seat_count_and_the_queue(
    steps: list[tuple[str, int]], people: list[User], course_admin: User
) -> None:
    session = CourseSessionFactory(capacity=2)
    for action, index in steps:
        person = people[index]
        mine = (
            Registration.objects.filter(session=session, user=person)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        try:
            if action == "register":
                services.registration_create_for_user(session_id=session.pk, user=person)
            elif action == "cancel" and mine is not None:
                services.registration_cancel(registration_id=mine.pk, actor=person)
            elif action == "promote" and mine is not None:
                services.registration_promote(registration_id=mine.pk, actor=course_admin)
            elif action == "capacity":
                session.refresh_from_db()
                services.session_update(
                    session_id=session.pk,
                    actor=course_admin,
                    data=services.SessionData(
                        starts_at=session.starts_at,
                        ends_at=session.ends_at,
                        registration_deadline=session.registration_deadline,
                        capacity=1 + index % 4,
                        place=session.place,
                        venue=session.venue,
                    ),
                )
        except CourseActionRefusedError:
            pass  # a refusal changes nothing; the invariants below still hold
        _check(session)
