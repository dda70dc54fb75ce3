"""The two clocks: 24 calendar hours (real elapsed time, across DST) and 6 working days (Danish
holidays, the configured closing days). The convention is in docs/domain.md."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tillid.concerns import deadlines
from tillid.core.calendar import COPENHAGEN


def cph(*args: int) -> datetime:
    return datetime(*args, tzinfo=COPENHAGEN)


@pytest.mark.parametrize(
    ("received", "assessment_due", "receipt_due"),
    [
        # Maundy Thursday 2026, 16:00: Good Friday, Easter Monday are holidays; 24 h run on.
        (cph(2026, 4, 2, 16, 0), cph(2026, 4, 3, 16, 0), date(2026, 4, 14)),
        # The Wednesday before Easter: Thursday, Friday and Monday are not working days.
        (cph(2026, 4, 1, 16, 0), cph(2026, 4, 2, 16, 0), date(2026, 4, 14)),
        # Friday afternoon: the 24 hours end on Saturday; the receipt on the Monday after next.
        (cph(2026, 11, 27, 15, 30), cph(2026, 11, 28, 15, 30), date(2026, 12, 7)),
        # 23 December: 24/12 and 31/12 closed, 25-26/12 and 1/1 holidays.
        (cph(2026, 12, 23, 11, 0), cph(2026, 12, 24, 11, 0), date(2027, 1, 6)),
        # Received on a Sunday: day 0 is the Sunday, Monday is working day 1.
        (cph(2026, 3, 1, 9, 0), cph(2026, 3, 2, 9, 0), date(2026, 3, 9)),
    ],
)
def test_both_deadlines(received: datetime, assessment_due: datetime, receipt_due: date) -> None:
    assert deadlines.assessment_due(received) == assessment_due
    assert deadlines.receipt_due(received) == receipt_due


def test_spring_forward_counts_24_real_hours() -> None:
    # 29 March 2026 the clocks go from 02:00 to 03:00: the day has 23 hours.
    received = cph(2026, 3, 28, 12, 0)
    due = deadlines.assessment_due(received)
    assert due.astimezone(UTC) - received.astimezone(UTC) == timedelta(hours=24)
    local = due.astimezone(COPENHAGEN)
    assert (local.day, local.hour, local.minute) == (29, 13, 0)


def test_fall_back_counts_24_real_hours() -> None:
    # 25 October 2026 the clocks go from 03:00 back to 02:00: the day has 25 hours.
    received = cph(2026, 10, 24, 12, 0)
    due = deadlines.assessment_due(received)
    assert due.astimezone(UTC) - received.astimezone(UTC) == timedelta(hours=24)
    local = due.astimezone(COPENHAGEN)
    assert (local.day, local.hour, local.minute) == (25, 11, 0)


def test_received_in_the_repeated_hour_of_the_fall_back_night() -> None:
    first_0230 = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)  # 02:30 summer time
    second_0230 = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 02:30 winter time
    assert deadlines.assessment_due(second_0230) - deadlines.assessment_due(
        first_0230
    ) == timedelta(hours=1)


def test_receipt_day_is_the_copenhagen_date_not_the_utc_date() -> None:
    # 23:30 on Friday in Copenhagen is 22:30 UTC the same day; 00:30 on Saturday is Friday UTC.
    saturday_0030 = cph(2026, 11, 28, 0, 30)
    assert saturday_0030.astimezone(UTC).day == 27
    assert deadlines.receipt_due(saturday_0030) == date(2026, 12, 7)


def test_clocks_count_down_and_go_overdue() -> None:
    received = cph(2026, 4, 2, 16, 0)
    clocks = deadlines.clocks(
        received_at=received, now=cph(2026, 4, 3, 14, 0), assessed=False, receipt_sent=False
    )
    assert clocks.time_left == (2, 0)
    assert not clocks.overdue
    assert clocks.working_days_left == 6  # the Good Friday itself counts for nothing
    late = deadlines.clocks(
        received_at=received, now=cph(2026, 4, 3, 17, 30), assessed=False, receipt_sent=False
    )
    assert late.assessment_overdue
    assert late.time_left == (1, 30)
    receipt_late = deadlines.clocks(
        received_at=received, now=cph(2026, 4, 15, 9, 0), assessed=True, receipt_sent=False
    )
    assert receipt_late.receipt_overdue
    assert receipt_late.working_days_late == 1
    assert not receipt_late.assessment_overdue


def test_the_receipt_clock_on_its_last_day_is_not_overdue() -> None:
    received = cph(2026, 11, 27, 15, 30)
    clocks = deadlines.clocks(
        received_at=received, now=cph(2026, 12, 7, 23, 0), assessed=True, receipt_sent=False
    )
    assert clocks.working_days_left == 0
    assert not clocks.receipt_overdue
