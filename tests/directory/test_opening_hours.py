"""Opening hours across weekdays, weekends, Christmas, Easter Monday and DST changes (no database).

Every test passes its own clock; times are written in UTC where the DST offset matters.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tillid.directory.hours_text import status_text, week_lines, weekly_summary
from tillid.directory.opening_hours import (
    COPENHAGEN,
    DatedHours,
    Holidays,
    HoursSpec,
    Mode,
    WeeklyRule,
    day_hours,
    status_at,
)

WEEKDAYS_9_15 = tuple(WeeklyRule(day, time(9), time(15)) for day in range(5))
OFFICE = HoursSpec(Mode.WEEKLY, WEEKDAYS_9_15)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=COPENHAGEN)


def text(spec: HoursSpec, now: datetime) -> str:
    return status_text(status_at(spec, now))


def test_weekday_during_opening_hours_is_open_until_closing() -> None:
    status = status_at(OFFICE, local(2026, 11, 24, 10))  # a Tuesday
    assert status.kind == "open"
    assert status.closes_at == datetime(2026, 11, 24, 15, 0)
    assert status_text(status) == "Åben nu · lukker kl. 15"


def test_weekday_before_opening_opens_today() -> None:
    assert text(OFFICE, local(2026, 11, 24, 8, 15)) == "Lukket · åbner kl. 9"


def test_friday_evening_opens_monday() -> None:
    assert text(OFFICE, local(2026, 11, 27, 16)) == "Lukket · åbner mandag kl. 9"


def test_weekend_is_closed_and_opens_monday() -> None:
    status = status_at(OFFICE, local(2026, 11, 28, 12))  # Saturday
    assert status.kind == "closed"
    assert status.opens_at == datetime(2026, 11, 30, 9, 0)
    assert status_text(status) == "Lukket · åbner mandag kl. 9"


def test_half_hours_are_written_the_danish_way() -> None:
    spec = HoursSpec(Mode.WEEKLY, (WeeklyRule(1, time(9, 30), time(14, 45)),))
    assert text(spec, local(2026, 11, 24, 8)) == "Lukket · åbner kl. 9.30"
    assert text(spec, local(2026, 11, 24, 10)) == "Åben nu · lukker kl. 14.45"


def test_christmas_day_is_closed_as_a_public_holiday() -> None:
    christmas = local(2026, 12, 25, 10)  # a Friday
    assert day_hours(OFFICE, christmas.date()).reason == "holiday"
    assert day_hours(OFFICE, christmas.date()).note == "Juledag"
    status = status_at(OFFICE, christmas)
    assert status.kind == "closed"
    # 26 December is a Saturday: next opening is Monday 28 December.
    assert status.opens_at == datetime(2026, 12, 28, 9, 0)
    assert status_text(status) == "Lukket · åbner mandag kl. 9"


def test_christmas_eve_follows_the_holiday_policy() -> None:
    christmas_eve = local(2026, 12, 24, 10)  # Thursday; not an official public holiday
    assert status_at(OFFICE, christmas_eve).kind == "open"
    municipal = HoursSpec(Mode.WEEKLY, WEEKDAYS_9_15, holiday_policy=Holidays.MUNICIPAL)
    assert status_at(municipal, christmas_eve).kind == "closed"
    assert day_hours(municipal, christmas_eve.date()).reason == "closing_day"


def test_easter_monday_is_closed_and_opens_tuesday() -> None:
    easter_monday = local(2026, 4, 6, 10)
    assert day_hours(OFFICE, easter_monday.date()).note == "Anden påskedag"
    assert text(OFFICE, easter_monday) == "Lukket · åbner i morgen kl. 9"


def test_a_dated_exception_opens_a_public_holiday() -> None:
    spec = HoursSpec(
        Mode.WEEKLY,
        WEEKDAYS_9_15,
        exceptions=(DatedHours(date(2026, 4, 6), False, time(10), time(14), "Åben i påsken"),),
    )
    assert text(spec, local(2026, 4, 6, 11)) == "Åben nu · lukker kl. 14"
    assert day_hours(spec, date(2026, 4, 6)).note == "Åben i påsken"


def test_a_dated_exception_closes_an_ordinary_day() -> None:
    spec = HoursSpec(Mode.WEEKLY, WEEKDAYS_9_15, exceptions=(DatedHours(date(2026, 11, 24), True),))
    assert text(spec, local(2026, 11, 24, 10)) == "Lukket · åbner i morgen kl. 9"


def test_keeping_hours_on_holidays_opens_easter_monday() -> None:
    spec = HoursSpec(Mode.WEEKLY, WEEKDAYS_9_15, holiday_policy=Holidays.KEEPS_HOURS)
    assert status_at(spec, local(2026, 4, 6, 10)).kind == "open"


def test_spring_dst_change_keeps_local_hours() -> None:
    # DST starts on Sunday 29 March 2026. Friday before: UTC+1; Monday after: UTC+2.
    friday_0830_local = datetime(2026, 3, 27, 7, 30, tzinfo=UTC)
    monday_0930_local = datetime(2026, 3, 30, 7, 30, tzinfo=UTC)
    assert text(OFFICE, friday_0830_local) == "Lukket · åbner kl. 9"
    assert text(OFFICE, monday_0930_local) == "Åben nu · lukker kl. 15"
    assert status_at(OFFICE, datetime(2026, 3, 30, 12, 59, tzinfo=UTC)).kind == "open"  # 14:59
    assert status_at(OFFICE, datetime(2026, 3, 30, 13, 0, tzinfo=UTC)).kind == "closed"  # 15:00


def test_night_across_the_spring_dst_change() -> None:
    night = HoursSpec(
        Mode.WEEKLY,
        (WeeklyRule(5, time(22), time(0)), WeeklyRule(6, time(0), time(4))),
    )
    before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 CET
    after = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST: 02:00-03:00 never happened
    assert text(night, before) == "Åben nu · lukker kl. 4"
    assert text(night, after) == "Åben nu · lukker kl. 4"
    assert status_at(night, datetime(2026, 3, 29, 2, 0, tzinfo=UTC)).kind == "closed"  # 04:00


def test_autumn_dst_change_keeps_local_hours() -> None:
    # DST ends on Sunday 25 October 2026. Monday after: UTC+1.
    assert status_at(OFFICE, datetime(2026, 10, 26, 7, 59, tzinfo=UTC)).kind == "closed"  # 08:59
    assert status_at(OFFICE, datetime(2026, 10, 26, 8, 0, tzinfo=UTC)).kind == "open"  # 09:00
    assert status_at(OFFICE, datetime(2026, 10, 23, 7, 0, tzinfo=UTC)).kind == "open"  # Fri 09:00


def test_a_night_service_merges_across_midnight() -> None:
    spec = HoursSpec(
        Mode.WEEKLY, (WeeklyRule(0, time(16), time(0)), WeeklyRule(1, time(0), time(8)))
    )
    assert text(spec, local(2026, 11, 23, 23)) == "Åben nu · lukker i morgen kl. 8"
    assert text(spec, local(2026, 11, 24, 2)) == "Åben nu · lukker kl. 8"


def test_closing_at_midnight_reads_24() -> None:
    spec = HoursSpec(Mode.WEEKLY, (WeeklyRule(0, time(16), time(0)),))
    assert text(spec, local(2026, 11, 23, 20)) == "Åben nu · lukker kl. 24"
    assert weekly_summary([(0, time(16), time(0))]) == "mandag 16–24"


def test_always_open_is_open_on_christmas_day() -> None:
    always = HoursSpec(Mode.ALWAYS)
    assert text(always, local(2026, 12, 25, 3)) == "Åben døgnet rundt"


def test_always_open_with_a_closed_date_says_when_it_closes() -> None:
    spec = HoursSpec(Mode.ALWAYS, exceptions=(DatedHours(date(2026, 12, 24), True),))
    assert text(spec, local(2026, 12, 23, 20)) == "Åben nu · lukker kl. 24"
    assert text(spec, local(2026, 12, 24, 10)) == "Lukket · åbner i morgen"


def test_by_appointment_and_not_stated_have_no_status() -> None:
    assert text(HoursSpec(Mode.APPOINTMENT), local(2026, 11, 24, 10)) == "Efter aftale"
    assert text(HoursSpec(Mode.NOT_STATED), local(2026, 11, 24, 10)) == "Åbningstider ikke oplyst"


def test_opening_more_than_a_week_ahead_gives_the_date() -> None:
    spec = HoursSpec(
        Mode.WEEKLY, exceptions=(DatedHours(date(2026, 12, 4), False, time(9), time(12)),)
    )
    assert text(spec, local(2026, 11, 24, 10)) == "Lukket · åbner 4. december kl. 9"
    assert text(HoursSpec(Mode.WEEKLY), local(2026, 11, 24, 10)) == "Lukket"


def test_next_seven_days_name_holidays() -> None:
    lines = week_lines(status_at(OFFICE, local(2026, 4, 2, 10)))  # Maundy Thursday
    assert [line.day for line in lines] == [date(2026, 4, 2) + timedelta(days=n) for n in range(7)]
    assert [line.hours for line in lines] == [
        "Lukket",  # Skærtorsdag
        "Lukket",  # Langfredag
        "Lukket",  # Saturday
        "Lukket",  # Påskedag (Sunday)
        "Lukket",  # Anden påskedag
        "9–15",
        "9–15",
    ]
    assert lines[0].is_today
    assert lines[0].note == "Skærtorsdag"
    assert lines[4].name == "mandag"
    assert lines[4].note == "Anden påskedag"


def test_weekly_summary_groups_equal_days() -> None:
    rules = [(day, time(8), time(16)) for day in range(4)] + [(4, time(8), time(15))]
    assert weekly_summary(rules) == "mandag–torsdag 8–16, fredag 8–15"


def test_naive_clock_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        status_at(OFFICE, datetime(2026, 11, 24, 10))


rules_strategy = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 23), st.integers(1, 24)).filter(
        lambda rule: rule[2] > rule[1]
    ),
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(
    rules=rules_strategy,
    moment=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
    ),
)
def test_status_is_consistent_with_the_intervals(
    rules: list[tuple[int, int, int]], moment: datetime
) -> None:
    spec = HoursSpec(
        Mode.WEEKLY,
        tuple(WeeklyRule(day, time(start), time(end % 24)) for day, start, end in rules),
    )
    status = status_at(spec, moment)
    if status.kind == "open" and status.closes_at is not None:
        assert status.closes_at > status.now
    if status.kind == "closed" and status.opens_at is not None:
        assert status.opens_at > status.now
    assert len(status.days) == 7
