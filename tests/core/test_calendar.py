"""The working-day calendar: Danish holidays, closing days, counting convention and DST."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tillid.core.calendar import (
    COPENHAGEN,
    add_hours,
    add_working_days,
    is_working_day,
    next_working_day,
    working_days_between,
)

# Far enough from the package's year range (1771-2100) that n working days never leave it.
any_day = st.dates(min_value=date(1990, 1, 1), max_value=date(2095, 12, 31))
working_day_counts = st.integers(min_value=1, max_value=300)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(date(2026, 4, 1), True, id="wednesday-before-easter"),
        pytest.param(date(2026, 4, 2), False, id="maundy-thursday"),
        pytest.param(date(2026, 4, 3), False, id="good-friday"),
        pytest.param(date(2026, 4, 6), False, id="easter-monday"),
        pytest.param(date(2026, 4, 7), True, id="tuesday-after-easter"),
        pytest.param(date(2026, 5, 14), False, id="ascension-day"),
        pytest.param(date(2026, 5, 15), True, id="friday-after-ascension"),
        pytest.param(date(2026, 5, 25), False, id="whit-monday"),
        pytest.param(date(2026, 12, 23), True, id="day-before-christmas-eve"),
        pytest.param(date(2026, 12, 25), False, id="christmas-day"),
        pytest.param(date(2026, 12, 28), True, id="monday-between-christmas-and-new-year"),
        pytest.param(date(2027, 1, 1), False, id="new-years-day"),
        pytest.param(date(2023, 5, 5), False, id="great-prayer-day-2023"),
        pytest.param(date(2024, 4, 26), True, id="great-prayer-day-abolished-2024"),
        pytest.param(date(2026, 3, 28), False, id="saturday"),
        pytest.param(date(2026, 3, 29), False, id="sunday"),
        pytest.param(date(2026, 3, 30), True, id="ordinary-monday"),
    ],
)
def test_is_working_day(day: date, expected: bool) -> None:
    assert is_working_day(day) is expected


@pytest.mark.parametrize(
    ("setting", "day"),
    [
        ("TILLID_CLOSED_ON_CHRISTMAS_EVE", date(2026, 12, 24)),
        ("TILLID_CLOSED_ON_NEW_YEARS_EVE", date(2026, 12, 31)),
        ("TILLID_CLOSED_ON_CONSTITUTION_DAY", date(2026, 6, 5)),
    ],
)
def test_closing_days_are_read_at_call_time(settings, setting: str, day: date) -> None:
    assert is_working_day(day) is False  # closed by default

    setattr(settings, setting, False)

    assert is_working_day(day) is True


def test_closing_day_on_a_weekend_stays_closed(settings) -> None:
    settings.TILLID_CLOSED_ON_CHRISTMAS_EVE = False

    assert is_working_day(date(2022, 12, 24)) is False  # a Saturday


def test_christmas_closing_days_move_deadlines(settings) -> None:
    # 2026: Thu 24 (closed), Fri 25, Sat 26, Sun 27; Thu 31 (closed), Fri 1 Jan 2027.
    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert add_working_days(date(2026, 12, 23), 6) == date(2027, 1, 6)

    settings.TILLID_CLOSED_ON_CHRISTMAS_EVE = False
    settings.TILLID_CLOSED_ON_NEW_YEARS_EVE = False

    assert add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 24)
    assert add_working_days(date(2026, 12, 23), 6) == date(2027, 1, 4)


def test_friday_plus_one_working_day_is_monday() -> None:
    assert add_working_days(date(2026, 11, 6), 1) == date(2026, 11, 9)


def test_receipt_deadline_from_a_friday() -> None:
    # Mon 9 (1), Tue 10 (2), Wed 11 (3), Thu 12 (4), Fri 13 (5), Mon 16 (6).
    assert add_working_days(date(2026, 11, 6), 6) == date(2026, 11, 16)


def test_receipt_deadline_across_easter() -> None:
    # Received Mon 30 March 2026: Tue 31 (1), Wed 1 (2); Thu 2 to Mon 6 April closed;
    # Tue 7 (3), Wed 8 (4), Thu 9 (5), Fri 10 (6).
    assert add_working_days(date(2026, 3, 30), 6) == date(2026, 4, 10)
    assert working_days_between(date(2026, 3, 30), date(2026, 4, 10)) == 6


def test_receipt_deadline_across_great_prayer_day() -> None:
    assert add_working_days(date(2023, 5, 4), 1) == date(2023, 5, 8)
    assert add_working_days(date(2024, 4, 25), 1) == date(2024, 4, 26)


def test_zero_working_days_is_start_or_the_next_working_day() -> None:
    assert add_working_days(date(2026, 4, 1), 0) == date(2026, 4, 1)
    assert add_working_days(date(2026, 4, 2), 0) == date(2026, 4, 7)


def test_negative_working_days_are_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 4, 1), -1)


def test_next_working_day_skips_easter() -> None:
    assert next_working_day(date(2026, 4, 1)) == date(2026, 4, 7)


def test_working_days_between_is_zero_unless_b_is_after_a() -> None:
    assert working_days_between(date(2026, 4, 1), date(2026, 4, 1)) == 0
    assert working_days_between(date(2026, 4, 10), date(2026, 4, 1)) == 0


def test_24_hours_across_spring_forward_is_one_hour_later_on_the_clock() -> None:
    start = datetime(2026, 3, 28, 12, tzinfo=COPENHAGEN)  # CET, +01:00

    deadline = add_hours(start, 24)

    assert (deadline.replace(tzinfo=None), deadline.utcoffset()) == (
        datetime(2026, 3, 29, 13),
        timedelta(hours=2),
    )
    assert deadline.tzinfo == COPENHAGEN


def test_24_hours_across_fall_back_is_one_hour_earlier_on_the_clock() -> None:
    start = datetime(2026, 10, 24, 12, tzinfo=COPENHAGEN)  # CEST, +02:00

    deadline = add_hours(start, 24)

    assert (deadline.replace(tzinfo=None), deadline.utcoffset()) == (
        datetime(2026, 10, 25, 11),
        timedelta(hours=1),
    )


def test_hours_through_the_repeated_hour_of_fall_back() -> None:
    start = datetime(2026, 10, 25, 1, 30, tzinfo=COPENHAGEN)  # CEST

    first = add_hours(start, 1)
    second = add_hours(start, 2)

    # The same clock time twice, one real hour apart.
    assert first.replace(tzinfo=None) == datetime(2026, 10, 25, 2, 30)
    assert second.replace(tzinfo=None) == datetime(2026, 10, 25, 2, 30)
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)


def test_add_hours_converts_other_zones_to_copenhagen() -> None:
    deadline = add_hours(datetime(2026, 7, 1, 10, tzinfo=UTC), 0.5)

    assert deadline.tzinfo == COPENHAGEN
    assert deadline.replace(tzinfo=None) == datetime(2026, 7, 1, 12, 30)


def test_add_hours_rejects_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        add_hours(datetime(2026, 3, 28, 12), 24)


@given(start=any_day, n=working_day_counts)
def test_add_working_days_lands_on_a_working_day(start: date, n: int) -> None:
    assert is_working_day(add_working_days(start, n))


@given(start=any_day, n=st.integers(min_value=0, max_value=300))
def test_add_working_days_is_monotonic(start: date, n: int) -> None:
    earlier, later = add_working_days(start, n), add_working_days(start, n + 1)

    assert later > earlier if n >= 1 else later >= earlier


@given(start=any_day, n=working_day_counts)
def test_working_days_between_inverts_add_working_days(start: date, n: int) -> None:
    assert working_days_between(start, add_working_days(start, n)) == n


@given(start=any_day)
def test_zero_working_days_never_skips_a_working_day(start: date) -> None:
    result = add_working_days(start, 0)

    assert is_working_day(result)
    assert working_days_between(start, result) == (0 if result == start else 1)


@given(
    start=st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2095, 12, 31),
        timezones=st.sampled_from([COPENHAGEN, UTC]),
        allow_imaginary=False,
    ),
    hours=st.one_of(
        st.integers(min_value=-1000, max_value=10_000),
        st.floats(min_value=-1000, max_value=10_000, allow_nan=False, allow_infinity=False),
    ),
)
def test_add_hours_adds_elapsed_time(start: datetime, hours: int | float) -> None:
    # Subtract in UTC: aware datetimes sharing one zone subtract by wall clock, ignoring DST.
    assert add_hours(start, hours).astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=hours)
