"""Evaluation answers cannot be put in the order attendees answered (issue 17, finding 5): a
sequential key and the table's own order gave that away; now both are random."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from tests.consultations.test_rating_anonymity import physical_order
from tests.courses.test_evaluations import tokens_from_outbox
from tillid.accounts.models import User
from tillid.core.models import AuditEntry
from tillid.courses import services
from tillid.courses.models import CourseSession, EvaluationResponse, Registration

ANSWERS = 10  # a wrong order passes by chance once in 10! (3.6 million) runs


@pytest.mark.django_db
def test_answers_cannot_be_ordered_by_when_they_were_given(
    make_session: Callable[..., CourseSession],
    make_professional: Callable[[str], User],
    course_admin: User,
) -> None:
    session = make_session(capacity=ANSWERS)
    for index in range(ANSWERS):
        name = f"Deltager {index}"
        Registration.objects.create(
            session=session,
            user=make_professional(name),
            name=name,
            email=f"deltager{index}@kk.dk",
            status=Registration.Status.ATTENDED,
            arrival_number=index + 1,
        )
    after = session.ends_at + timedelta(hours=1)
    services.evaluation_invite_attendees(session_id=session.pk, actor=course_admin, now=after)
    before = AuditEntry.objects.count()
    given = []
    for index, token in enumerate(tokens_from_outbox()):
        services.evaluation_submit(
            token=token, rating=1 + index % 5, comment=f"Svar {index}", now=after
        )
        given.append(f"Svar {index}")
    assert AuditEntry.objects.count() == before

    comment_of = dict(EvaluationResponse.objects.values_list("pk", "comment"))
    assert sorted(comment_of.values()) == sorted(given)
    by_key = [comment_of[pk] for pk in sorted(comment_of)]
    stored = [comment_of[pk] for pk in physical_order(EvaluationResponse)]
    assert by_key != given, "the keys follow the order of the answers"
    assert stored != given, "the table keeps the answers in the order they were given"
    assert not any(
        field.get_internal_type() == "DateTimeField"
        for field in EvaluationResponse._meta.concrete_fields
    )
