"""The working-day calendar behind legal deadlines (Barnets lov: receipt within 6 working days).

Danish public holidays come from the ``holidays`` package, which knows the moving feasts and that
Store Bededag was abolished from 2024. Days that are not public holidays but on which municipal
offices close are configurable in settings and read at call time.
"""

from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
ONE_DAY = timedelta(days=1)

# Not public holidays (the package lists them only under its "optional" category), but offices
# close on them by custom and collective agreement; a deadline must not fall on a day nobody is
# there. Grundlovsdag (5 June) is not an official holiday, yet most municipal offices close at
# least from noon, so we count it as closed unless the municipality says otherwise.
CLOSED_DAY_SETTINGS = {
    (12, 24): "TILLID_CLOSED_ON_CHRISTMAS_EVE",
    (12, 31): "TILLID_CLOSED_ON_NEW_YEARS_EVE",
    (6, 5): "TILLID_CLOSED_ON_CONSTITUTION_DAY",
}


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    """Danish public holidays of one year (frozen, so the cached value cannot be mutated)."""
    return frozenset(holidays.country_holidays("DK", years=year, categories=(holidays.PUBLIC,)))


def is_working_day(day: date) -> bool:
    """Monday to Friday, not a public holiday, and not a configured closing day."""
    if day.weekday() >= 5 or day in _public_holidays(day.year):
        return False
    setting = CLOSED_DAY_SETTINGS.get((day.month, day.day))
    return setting is None or not getattr(settings, setting, True)


def next_working_day(day: date) -> date:
    """The first working day strictly after ``day``."""
    day += ONE_DAY
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start``; the start day itself never counts (it is day 0).

    A notification received on a Friday has its 6-working-day receipt deadline on the Monday
    of the following week (Mon 1, Tue 2, Wed 3, Thu 4, Fri 5, Mon 6), holidays permitting.
    ``n=0`` returns ``start`` if it is a working day, otherwise the next working day, so that a
    deadline "today" never lands on a closed day. Raises ``ValueError`` for negative ``n``.
    """
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    if n == 0:
        return start if is_working_day(start) else next_working_day(start)
    day = start
    for _ in range(n):
        day = next_working_day(day)
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b``; 0 when ``b <= a``.

    The inverse of ``add_working_days``: ``working_days_between(a, add_working_days(a, n)) == n``
    for every ``n >= 1`` (and for ``n=0`` when ``a`` is a working day), e.g. to show how many
    working days of a deadline have been used.
    """
    return sum(is_working_day(a + timedelta(days=offset)) for offset in range(1, (b - a).days + 1))


def add_hours(start: datetime, hours: int | float) -> datetime:
    """``start`` plus ``hours`` of elapsed time (e.g. the 24-hour assessment), in Copenhagen time.

    Arithmetic on aware datetimes in one zone is wall-clock arithmetic, which makes a day across
    a DST change 23 or 25 real hours; computing in UTC keeps it exact. Naive datetimes are
    rejected (``ValueError``) because their instant is unknown.
    """
    if start.tzinfo is None or start.utcoffset() is None:
        raise ValueError("add_hours needs a timezone-aware datetime")
    return (start.astimezone(UTC) + timedelta(hours=hours)).astimezone(COPENHAGEN)
