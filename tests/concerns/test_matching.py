"""Reports about the same child find each other by a keyed hash of the CPR number, or of the
name with the birth date; two different children with the same name do not match."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client

from tests.concerns.conftest import MONDAY_10
from tillid.accounts.models import User
from tillid.concerns import matching, services
from tillid.concerns.models import Report
from tillid.concerns.selectors import earlier_reports

pytestmark = pytest.mark.django_db

CHILD_CPR = "0505144234"
DAY = timedelta(days=1)


def test_same_cpr_number_matches_even_with_another_spelling_of_the_name(
    submit: Callable[..., Report], intake_worker: User, clock: Any
) -> None:
    first = submit(at=MONDAY_10, name="Amira Testbarn", cpr="050514-4234")
    clock.set(MONDAY_10 + DAY)
    services.report_assess(
        actor=intake_worker,
        report=first,
        data=services.AssessmentData(
            health_in_danger=True, urgent_measures=False, next_step="afdaekning", reasons="Ja."
        ),
        expected_version=first.version,
    )
    submit(at=MONDAY_10 + 2 * DAY, name="Amiira T.", cpr="0505144234")
    third = submit(at=MONDAY_10 + 3 * DAY, name="A. Testbarn", cpr=CHILD_CPR)
    found = earlier_reports(report=third)
    assert len(found) == 2
    assert [row.submitted_at for row in found] == [MONDAY_10 + 2 * DAY, MONDAY_10]
    assert found[1].assessed
    assert found[1].health_in_danger is True
    assert str(found[1].next_step_label) == "Afdækning"
    assert earlier_reports(report=first) == []


def test_same_name_and_birth_date_matches(submit: Callable[..., Report]) -> None:
    submit(at=MONDAY_10, name="Amira  Testbarn", birth_date=date(2014, 5, 5))
    later = submit(at=MONDAY_10 + DAY, name="amira testbarn", cpr=CHILD_CPR)
    assert len(earlier_reports(report=later)) == 1


def test_two_children_with_the_same_name_do_not_match(submit: Callable[..., Report]) -> None:
    submit(at=MONDAY_10, name="Amira Testbarn", birth_date=date(2014, 5, 5))
    submit(at=MONDAY_10 + DAY, name="Amira Testbarn", cpr="0606154234")
    other = submit(at=MONDAY_10 + 2 * DAY, name="Amira Testbarn", birth_date=date(2012, 1, 9))
    assert earlier_reports(report=other) == []


def test_a_name_with_only_an_age_never_matches(submit: Callable[..., Report]) -> None:
    submit(at=MONDAY_10, name="Amira Testbarn", age=11)
    later = submit(at=MONDAY_10 + DAY, name="Amira Testbarn", age=11)
    assert later.name_birth_hash == ""
    assert earlier_reports(report=later) == []


def test_the_hash_depends_on_the_key(settings: Any) -> None:
    first = matching.cpr_hash(CHILD_CPR)
    settings.TILLID_MATCH_KEY = "another-key-" + "x" * 30
    assert matching.cpr_hash(CHILD_CPR) != first
    assert CHILD_CPR not in first


def test_the_queue_and_the_report_show_the_count_to_intake_workers_only(
    submit: Callable[..., Report],
    intake_worker: User,
    professional: User,
    login: Callable[[User], Client],
) -> None:
    for offset in range(3):
        submit(at=MONDAY_10 + offset * DAY, cpr=CHILD_CPR)
    latest = submit(at=MONDAY_10 + 3 * DAY, cpr=CHILD_CPR)
    client = login(intake_worker)
    assert "3 tidligere underretninger" in client.get("/modtagelse/").content.decode()
    page = client.get(f"/modtagelse/{latest.pk}/").content.decode()
    assert "3 tidligere underretninger" in page
    assert "050514-4234" in page  # the intake sees the number on the report itself
    notifier_page = login(professional).get(f"/underretning/{latest.pk}/status/")
    assert "tidligere underretning" not in notifier_page.content.decode()
