"""Opening hours: weekly rules, dated exceptions and Danish holidays, computed for a given clock.

Pure functions over plain data (no database, no ``timezone.now()``): callers pass ``now``, so tests
never wait for time. All hours are Europe/Copenhagen wall-clock times, which is how services state
them ("9-15" means 9-15 in summer and in winter). ``now`` is converted to that wall clock before
comparing, so a DST change moves nothing: 9-15 stays 9-15 local time on both sides of it.

Which days are closed (first match wins):

1. a dated exception for the day replaces everything else for that day (it can close a normal day
   or open a holiday);
2. "døgnåben" (``always``) is open all day, every day, holidays included;
3. official Danish public holidays close the day, unless the service keeps its hours on holidays
   (``HolidayPolicy.KEEPS_HOURS``). The holidays come from the same ``holidays`` package and
   category as ``tillid.core.calendar``;
4. with ``HolidayPolicy.MUNICIPAL`` the municipality's own closing days close the day too: any
   weekday that ``tillid.core.calendar.is_working_day`` does not count (24/12, 31/12 and 5/6 as
   configured in settings). The default is official holidays only, because most services in the
   directory are not run by the municipality and do not follow its closing days; a service that
   does (Etnisk Konsulentteam) chooses ``MUNICIPAL``;
5. otherwise the weekly rules for that weekday.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from tillid.core.calendar import is_working_day

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
MIDNIGHT = time(0, 0)
ONE_DAY = timedelta(days=1)
HORIZON_DAYS = 15  # how far ahead "opens on ..." looks


class Mode:
    WEEKLY = "weekly"
    ALWAYS = "always"
    APPOINTMENT = "appointment"
    NOT_STATED = "not_stated"


class Holidays:
    PUBLIC_HOLIDAYS = "public_holidays"
    MUNICIPAL = "municipal"
    KEEPS_HOURS = "keeps_hours"


@dataclass(frozen=True)
class WeeklyRule:
    weekday: int  # Monday is 0
    opens_at: time
    closes_at: time  # 00:00 is midnight at the end of the day


@dataclass(frozen=True)
class DatedHours:
    day: date
    is_closed: bool
    opens_at: time | None = None
    closes_at: time | None = None
    note: str = ""


@dataclass(frozen=True)
class HoursSpec:
    mode: str
    rules: tuple[WeeklyRule, ...] = ()
    exceptions: tuple[DatedHours, ...] = ()
    holiday_policy: str = Holidays.PUBLIC_HOLIDAYS


@dataclass(frozen=True)
class DayHours:
    """One calendar day: its opening intervals (wall clock) and why it looks the way it does."""

    day: date
    intervals: tuple[tuple[time, time], ...]
    reason: str  # "weekly", "always", "exception", "holiday", "closing_day", "appointment", ...
    note: str = ""  # the exception's note or the holiday's name

    @property
    def is_closed(self) -> bool:
        return not self.intervals


@dataclass(frozen=True)
class HoursStatus:
    """Where ``now`` stands: open (until when), closed (opening when), or no fixed hours."""

    kind: str  # "open", "closed", "always", "appointment", "not_stated"
    now: datetime  # local wall clock, naive
    closes_at: datetime | None = None  # local wall clock, naive
    opens_at: datetime | None = None
    days: tuple[DayHours, ...] = field(default=())

    @property
    def is_open(self) -> bool:
        return self.kind in {"open", "always"}


@lru_cache(maxsize=32)
def _holiday_names(year: int) -> dict[date, str]:
    """Official Danish public holidays (Danish names), as ``tillid.core.calendar`` counts them."""
    return dict(
        holidays.country_holidays("DK", years=year, categories=(holidays.PUBLIC,), language="da")
    )


def public_holiday_name(day: date) -> str | None:
    return _holiday_names(day.year).get(day)


def is_municipal_closing_day(day: date) -> bool:
    """A weekday the municipality does not work (public holiday or configured closing day)."""
    return day.weekday() < 5 and not is_working_day(day)


def _valid(opens_at: time, closes_at: time) -> bool:
    return closes_at == MIDNIGHT or closes_at > opens_at


def day_hours(spec: HoursSpec, day: date) -> DayHours:
    """The opening intervals of one day under ``spec`` (see the module docstring for the order)."""
    if spec.mode == Mode.APPOINTMENT:
        return DayHours(day, (), "appointment")
    if spec.mode == Mode.NOT_STATED:
        return DayHours(day, (), "not_stated")
    todays = [exception for exception in spec.exceptions if exception.day == day]
    if todays:
        intervals = tuple(
            sorted(
                (exception.opens_at, exception.closes_at)
                for exception in todays
                if not exception.is_closed
                and exception.opens_at is not None
                and exception.closes_at is not None
                and _valid(exception.opens_at, exception.closes_at)
            )
        )
        note = next((exception.note for exception in todays if exception.note), "")
        return DayHours(day, intervals, "exception", note)
    if spec.mode == Mode.ALWAYS:
        return DayHours(day, ((MIDNIGHT, MIDNIGHT),), "always")
    holiday = public_holiday_name(day)
    if holiday and spec.holiday_policy != Holidays.KEEPS_HOURS:
        return DayHours(day, (), "holiday", holiday)
    if spec.holiday_policy == Holidays.MUNICIPAL and is_municipal_closing_day(day):
        return DayHours(day, (), "closing_day")
    intervals = tuple(
        sorted(
            (rule.opens_at, rule.closes_at)
            for rule in spec.rules
            if rule.weekday == day.weekday() and _valid(rule.opens_at, rule.closes_at)
        )
    )
    return DayHours(day, intervals, "weekly", holiday or "")


def _wall_clock_intervals(days: Iterable[DayHours]) -> list[tuple[datetime, datetime]]:
    """Naive local datetimes, overlapping or touching intervals merged (across midnight too)."""
    spans: list[tuple[datetime, datetime]] = []
    for day in days:
        for opens_at, closes_at in day.intervals:
            start = datetime.combine(day.day, opens_at)
            end = datetime.combine(
                day.day + ONE_DAY if closes_at == MIDNIGHT else day.day, closes_at
            )
            spans.append((start, end))
    spans.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def local_wall_clock(now: datetime) -> datetime:
    """``now`` as a naive Copenhagen wall-clock time; naive input is refused."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("opening hours need a timezone-aware 'now'")
    return now.astimezone(COPENHAGEN).replace(tzinfo=None)


def week_ahead(spec: HoursSpec, start: date, days: int = 7) -> tuple[DayHours, ...]:
    return tuple(day_hours(spec, start + timedelta(days=offset)) for offset in range(days))


def status_at(spec: HoursSpec, now: datetime) -> HoursStatus:
    """Open or closed at ``now``, with the closing or next opening time, and the next 7 days."""
    local = local_wall_clock(now)
    today = local.date()
    week = week_ahead(spec, today)
    if spec.mode == Mode.APPOINTMENT:
        return HoursStatus("appointment", local, days=week)
    if spec.mode == Mode.NOT_STATED:
        return HoursStatus("not_stated", local, days=week)
    # From yesterday (a night that began then) to the horizon.
    window = [day_hours(spec, today - ONE_DAY)] + [
        day_hours(spec, today + timedelta(days=offset)) for offset in range(HORIZON_DAYS)
    ]
    horizon_end = datetime.combine(today + timedelta(days=HORIZON_DAYS), MIDNIGHT)
    for start, end in _wall_clock_intervals(window):
        if start <= local < end:
            if end >= horizon_end:
                kind = "always" if spec.mode == Mode.ALWAYS else "open"
                return HoursStatus(kind, local, days=week)
            return HoursStatus("open", local, closes_at=end, days=week)
        if start > local:
            return HoursStatus("closed", local, opens_at=start, days=week)
    return HoursStatus("closed", local, days=week)
