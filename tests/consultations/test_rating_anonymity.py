"""Anonymous ratings cannot be joined to the case or the professional (issue 17, finding 5).

The join that worked: the rating table kept its rows in the order they were written, beside an
audit entry per rating that named the case and the professional. Now nothing is audited when a
rating is given, keys are random, dates are months, and the stored order is a random one.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection, models

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.models import Consultation, Rating
from tillid.core.models import AuditEntry

RATINGS = 10  # a wrong order passes by chance once in 10! (3.6 million) runs


def physical_order(model: type[models.Model]) -> list[object]:
    """Primary keys in the order the database stores the rows (what a dump or SELECT * shows)."""
    column = "rowid" if connection.vendor == "sqlite" else "ctid"
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {table} ORDER BY {column}")
        return [model._meta.pk.to_python(row[0]) for row in cursor.fetchall()]  # type: ignore[union-attr]


@pytest.mark.django_db
def test_ratings_cannot_be_joined_to_cases_or_people(
    submit: Callable[..., Consultation],
    consultant: User,
    make_user: Callable[..., User],
    org: object,
) -> None:
    given: list[str] = []
    requesters: list[User] = []
    cases: list[Consultation] = []
    for index in range(RATINGS):
        requester = make_user(Role.PROFESSIONAL, org_unit=org.school)  # type: ignore[attr-defined]
        case = submit(actor=requester)
        services.consultation_assign(
            actor=consultant, consultation=case, assignee=consultant, expected_assignee_id=None
        )
        services.consultation_close(
            actor=consultant,
            consultation=case,
            outcome=services.OutcomeData(help_types=["sparring"], time_spent_minutes=30),
        )
        before = AuditEntry.objects.count()
        services.rating_give(
            actor=requester, consultation=case, score=1 + index % 5, comment=f"Svar {index}"
        )
        # No audit entry at all: even one without names would date the rating to the second,
        # right beside the professional's next audited page view.
        assert AuditEntry.objects.count() == before
        given.append(f"Svar {index}")
        requesters.append(requester)
        cases.append(case)

    comment_of = dict(Rating.objects.values_list("pk", "comment"))
    assert sorted(comment_of.values()) == sorted(given)
    by_key = [comment_of[pk] for pk in sorted(comment_of)]
    stored = [comment_of[pk] for pk in physical_order(Rating)]
    assert by_key != given, "the keys follow the order the ratings were given"
    assert stored != given, "the table keeps the ratings in the order they were given"

    # Nothing in a rating points at a time finer than the month, a case or a person.
    assert {field.name for field in Rating._meta.get_fields()} == {
        "id",
        "team",
        "month",
        "score",
        "comment",
    }
    assert {rating.month.day for rating in Rating.objects.all()} == {1}
    named = AuditEntry.objects.filter(action__contains="rating")
    assert not named.exists()
    for case in cases:
        case.refresh_from_db()
        assert case.rating_given
