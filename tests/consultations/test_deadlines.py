"""First-response deadlines per urgency, counted in working days across weekends and holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tillid.consultations.deadlines import day_of_receipt, first_response_due
from tillid.core.calendar import COPENHAGEN, is_working_day


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=COPENHAGEN)


@pytest.mark.parametrize(
    ("received", "urgency", "due"),
    [
        pytest.param(at(date(2026, 3, 2), 10), "akut", at(date(2026, 3, 2), 16), id="acute-monday"),
        pytest.param(
            at(date(2026, 3, 2), 15, 30), "akut", at(date(2026, 3, 3), 16), id="acute-after-cutoff"
        ),
        pytest.param(
            at(date(2026, 3, 6), 18), "akut", at(date(2026, 3, 9), 16), id="acute-friday-evening"
        ),
        pytest.param(
            at(date(2026, 3, 7), 11), "akut", at(date(2026, 3, 9), 16), id="acute-saturday"
        ),
        pytest.param(at(date(2026, 3, 2), 10), "uge", at(date(2026, 3, 4), 16), id="week-monday"),
        pytest.param(
            at(date(2026, 3, 5), 9), "ikke_hastende", at(date(2026, 3, 9), 16), id="over-weekend"
        ),
        pytest.param(
            at(date(2026, 3, 7), 9), "uge", at(date(2026, 3, 11), 16), id="saturday-counts-monday"
        ),
        # Easter 2026: Maundy Thursday 2/4, Good Friday 3/4 and Easter Monday 6/4 are closed.
        pytest.param(at(date(2026, 4, 1), 12), "uge", at(date(2026, 4, 8), 16), id="across-easter"),
        pytest.param(
            at(date(2026, 4, 2), 12), "akut", at(date(2026, 4, 7), 16), id="acute-on-holiday"
        ),
        # 24/12 is a closing day by default; 25/12, 26/12 and the weekend are not working days.
        pytest.param(
            at(date(2026, 12, 23), 14), "uge", at(date(2026, 12, 29), 16), id="across-christmas"
        ),
        pytest.param(
            at(date(2026, 12, 23), 14), "akut", at(date(2026, 12, 23), 16), id="acute-23-dec"
        ),
    ],
)
def test_first_response_due(received: datetime, urgency: str, due: datetime) -> None:
    assert first_response_due(received_at=received, urgency=urgency) == due


def test_deadlines_follow_settings(settings) -> None:
    settings.TILLID_CONSULTATION_RESPONSE_DAYS = {"akut": 1, "uge": 5, "ikke_hastende": 10}
    settings.TILLID_CONSULTATION_CUTOFF = "12:00"
    settings.TILLID_CONSULTATION_DAY_ENDS = "15:30"
    monday_11 = at(date(2026, 3, 2), 11)
    assert first_response_due(received_at=monday_11, urgency="akut") == at(date(2026, 3, 3), 15, 30)
    assert first_response_due(received_at=monday_11, urgency="uge") == at(date(2026, 3, 9), 15, 30)
    # After the cut-off the request counts from Tuesday.
    assert first_response_due(received_at=at(date(2026, 3, 2), 13), urgency="akut") == at(
        date(2026, 3, 4), 15, 30
    )


def test_christmas_eve_counts_when_the_municipality_opens(settings) -> None:
    settings.TILLID_CLOSED_ON_CHRISTMAS_EVE = False
    assert first_response_due(received_at=at(date(2026, 12, 23), 14), urgency="uge") == at(
        date(2026, 12, 28), 16
    )


def test_utc_input_is_read_in_copenhagen_time() -> None:
    # 14:30 UTC on a winter Monday is 15:30 in Copenhagen: after the 15:00 cut-off.
    assert day_of_receipt(datetime(2026, 3, 2, 14, 30, tzinfo=UTC)) == date(2026, 3, 3)
    assert day_of_receipt(datetime(2026, 3, 2, 13, 30, tzinfo=UTC)) == date(2026, 3, 2)


@settings(max_examples=200, deadline=None)
@given(
    received=st.datetimes(
        min_value=datetime(2024, 1, 1),
        max_value=datetime(2030, 12, 31),
        timezones=st.just(COPENHAGEN),
    ),
    urgency=st.sampled_from(["akut", "uge", "ikke_hastende"]),
)
def test_a_deadline_is_the_end_of_a_working_day_after_receipt(
    received: datetime, urgency: str
) -> None:
    due = first_response_due(received_at=received, urgency=urgency)
    assert is_working_day(due.date())
    assert due.time() == time(16, 0)
    assert due > received
    # Never further than the working days allowed plus the longest run of closed days.
    assert due - received < timedelta(days=12)
