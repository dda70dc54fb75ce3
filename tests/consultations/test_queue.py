"""The team's queue: overdue first, filters, counts; and bounded query counts on its pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import FrozenClock
from tests.consultations.conftest import MONDAY_10
from tillid.accounts.models import User
from tillid.consultations import services
from tillid.consultations.models import Consultation, Status
from tillid.consultations.selectors import QueueFilters, consultation_queue, queue_counts
from tillid.core.csv_export import BYTE_ORDER_MARK

# Thursday 17:00: "within a week" requests from Monday (due Wednesday 16:00) are overdue.
THURSDAY_17 = MONDAY_10 + timedelta(days=3, hours=7)


@pytest.fixture
def queue(
    submit: Callable[..., Consultation], consultant: User, colleague: User
) -> dict[str, Consultation]:
    cases = {
        "overdue": submit(urgency="uge", help_types=["raadgivning"]),
        "acute": submit(urgency="akut", now=THURSDAY_17 - timedelta(hours=8)),
        "later": submit(urgency="ikke_hastende", now=THURSDAY_17 - timedelta(hours=1)),
        "teaching": submit(
            help_types=["undervisning"],
            teaching_group="Lærere",
            teaching_size=10,
            teaching_dates="Maj",
            now=THURSDAY_17 - timedelta(hours=2),
        ),
        "closed": submit(),
    }
    services.consultation_assign(
        actor=consultant, consultation=cases["later"], assignee=colleague, expected_assignee_id=None
    )
    services.consultation_assign(
        actor=consultant,
        consultation=cases["closed"],
        assignee=consultant,
        expected_assignee_id=None,
    )
    services.consultation_close(
        actor=consultant,
        consultation=cases["closed"],
        outcome=services.OutcomeData(help_types=["sparring"], time_spent_minutes=30),
        now=MONDAY_10 + timedelta(hours=1),
    )
    return cases


def names(queue: dict[str, Consultation], cases: Any) -> list[str]:
    by_pk = {case.pk: name for name, case in queue.items()}
    return [by_pk[case.pk] for case in cases]


@pytest.mark.django_db
def test_overdue_first_then_acute_then_by_deadline(
    queue: dict[str, Consultation], consultant: User
) -> None:
    rows = consultation_queue(user=consultant, filters=QueueFilters(), now=THURSDAY_17)
    # The acute one came in at 9:00 Thursday, due 16:00: overdue too, and acute goes first.
    assert names(queue, rows) == ["acute", "overdue", "teaching", "later"]
    assert [row.overdue for row in rows] == [True, True, False, False]
    closed = consultation_queue(
        user=consultant, filters=QueueFilters(status=Status.CLOSED), now=THURSDAY_17
    )
    assert names(queue, closed) == ["closed"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (QueueFilters(help_type="undervisning"), ["teaching"]),
        (QueueFilters(help_type="raadgivning"), ["overdue"]),
        (QueueFilters(urgency="akut"), ["acute"]),
        (QueueFilters(assignee="none"), ["overdue", "acute", "teaching"]),
        (QueueFilters(overdue=True), ["overdue", "acute"]),
        (QueueFilters(status="all", help_type="sparring"), ["acute", "later", "closed"]),
    ],
)
def test_filters(
    queue: dict[str, Consultation], consultant: User, filters: QueueFilters, expected: list[str]
) -> None:
    rows = consultation_queue(user=consultant, filters=filters, now=THURSDAY_17)
    assert sorted(names(queue, rows)) == sorted(expected)


@pytest.mark.django_db
def test_filter_by_team_member(queue: dict[str, Consultation], colleague: User) -> None:
    rows = consultation_queue(
        user=colleague, filters=QueueFilters(assignee=str(colleague.pk)), now=THURSDAY_17
    )
    assert names(queue, rows) == ["later"]


@pytest.mark.django_db
def test_counts(queue: dict[str, Consultation], consultant: User) -> None:
    counts = queue_counts(user=consultant, now=THURSDAY_17)
    assert counts["open"] == 4
    assert counts["all"] == 5
    assert counts[Status.NEW] == 3
    assert counts[Status.ASSIGNED] == 1
    assert counts[Status.CLOSED] == 1
    assert counts["overdue"] == 2


@pytest.mark.django_db
def test_queue_page_lists_overdue_first_with_a_bounded_number_of_queries(
    queue: dict[str, Consultation],
    submit: Callable[..., Consultation],
    consultant: User,
    login: Callable[[User], Client],
    django_assert_max_num_queries: Any,
    clock: FrozenClock,
) -> None:
    client = login(consultant)
    clock.set(THURSDAY_17)
    client.get(reverse("consultations:queue"))  # warm up session and caches
    with django_assert_max_num_queries(18):
        response = client.get(reverse("consultations:queue"))
    for _ in range(10):
        submit()
    with django_assert_max_num_queries(18):
        more = client.get(reverse("consultations:queue") + "?status=all&urgency=uge")
    content = response.content.decode()
    assert content.index(f"{queue['overdue'].reference}<") < content.index(
        f"{queue['later'].reference}<"
    )
    assert "Overskredet" in content
    assert "2 henvendelser har overskredet fristen" in content
    assert more.status_code == 200


@pytest.mark.django_db
def test_case_page_has_a_bounded_number_of_queries(
    assigned_case: Consultation,
    consultant: User,
    professional: User,
    login: Callable[[User], Client],
    django_assert_max_num_queries: Any,
) -> None:
    for number in range(5):
        services.message_to_requester(
            actor=consultant, consultation=assigned_case, body=f"Besked {number}"
        )
        services.message_from_requester(
            actor=professional, consultation=assigned_case, body=f"Svar {number}"
        )
        services.note_add(actor=consultant, consultation=assigned_case, body=f"Notat {number}")
    client = login(consultant)
    url = reverse("consultations:case", kwargs={"pk": assigned_case.pk})
    client.get(url)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    content = response.content.decode()
    assert (content.count('id="besked-'), content.count('id="notat-')) == (10, 5)

    client = login(professional)
    url = reverse("consultations:mine_detail", kwargs={"pk": assigned_case.pk})
    client.get(url)
    with django_assert_max_num_queries(15):
        client.get(url)
    with django_assert_max_num_queries(12):
        client.get(reverse("consultations:mine"))


@pytest.mark.django_db
def test_export_holds_figures_only_and_is_audited(
    queue: dict[str, Consultation], consultant: User, login: Callable[[User], Client]
) -> None:
    from tillid.core.models import AuditEntry

    response = login(consultant).get(reverse("consultations:export") + "?status=all")
    assert response.content.startswith(BYTE_ORDER_MARK.encode())
    content = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert content.splitlines()[0].startswith("Id;Modtaget;Hast;Ønsket hjælp")
    # Readable labels, not the stored codes:
    assert "Inden for en uge" in content
    assert ";uge;" not in content
    assert len(content.splitlines()) == 6
    assert "svømning" not in content  # no description
    assert consultant.name not in content
    entry = AuditEntry.objects.get(action="consultations.consultation.exported")
    assert entry.details["count"] == 5


@pytest.mark.django_db
def test_unanswered_acute_requests_come_first_answered_ones_fall_back(
    submit: Callable[..., Consultation],
    consultant: User,
) -> None:
    answered = submit(urgency="akut")
    calm = submit()
    waiting = submit(urgency="akut")
    services.message_to_requester(actor=consultant, consultation=answered, body="Jeg ringer nu.")
    order = list(consultation_queue(user=consultant, filters=QueueFilters(), now=MONDAY_10))
    assert order[0] == waiting
    assert order.index(calm) > 0
    assert answered != order[0]


def test_the_reference_is_readable_and_carries_the_year() -> None:
    from datetime import datetime

    from tillid.consultations.models import Consultation as Case
    from tillid.core.calendar import COPENHAGEN

    case = Case(pk=5, created_at=datetime(2026, 3, 2, 10, 0, tzinfo=COPENHAGEN))
    assert case.reference == "K-2026-0005"
