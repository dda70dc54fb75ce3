"""Opening hours in words: "Åben nu · lukker kl. 15", "Lukket · åbner mandag kl. 9", "9-15".

Texts are built at render time in the active language (Danish: "kl. 15", "kl. 15.30"; English:
"15:00"). Midnight as a closing time reads "kl. 24" on the day that ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, pgettext

from tillid.directory.opening_hours import MIDNIGHT, DayHours, HoursStatus

WEEK = 7


def clock(value: time, *, end_of_day: bool = False) -> str:
    """'15', '15.30' or '24' in Danish; '15:00', '24:00' in English."""
    hour = 24 if end_of_day and value == MIDNIGHT else value.hour
    if (get_language() or "da").startswith("da"):
        return f"{hour}" if value.minute == 0 else f"{hour}.{value.minute:02d}"
    return f"{hour}:{value.minute:02d}"


def interval_text(opens_at: time, closes_at: time) -> str:
    if opens_at == MIDNIGHT and closes_at == MIDNIGHT:
        return gettext("hele døgnet")
    return f"{clock(opens_at)}–{clock(closes_at, end_of_day=True)}"


def day_name(day: date) -> str:
    return date_format(day, "l")


def day_and_month(day: date) -> str:
    return date_format(day, pgettext("date format: day and month", "j. F"))


def _when(moment: datetime, today: date, *, closing: bool) -> tuple[str, str]:
    """(day words, clock) for a moment relative to today; "" for today."""
    day, at = moment.date(), moment.time()
    if closing and at == MIDNIGHT:
        day -= timedelta(days=1)  # "lukker kl. 24" on the evening it ends
    hours = clock(at, end_of_day=closing)
    if day == today:
        return "", hours
    if day == today + timedelta(days=1):
        return gettext("i morgen"), hours
    if day < today + timedelta(days=WEEK):
        return day_name(day), hours
    return day_and_month(day), hours


def status_text(status: HoursStatus) -> str:
    """One line for cards and lists."""
    today = status.now.date()
    if status.kind == "always":
        return gettext("Åben døgnet rundt")
    if status.kind == "appointment":
        return gettext("Efter aftale")
    if status.kind == "not_stated":
        return gettext("Åbningstider ikke oplyst")
    if status.kind == "open":
        if status.closes_at is None or status.closes_at.date() > today + timedelta(days=WEEK):
            return gettext("Åben nu")
        day, hours = _when(status.closes_at, today, closing=True)
        if not day:
            return gettext("Åben nu · lukker kl. %(time)s") % {"time": hours}
        return gettext("Åben nu · lukker %(day)s kl. %(time)s") % {"day": day, "time": hours}
    if status.opens_at is None:
        return gettext("Lukket")
    day, hours = _when(status.opens_at, today, closing=False)
    if status.opens_at.time() == MIDNIGHT and day:  # opens as the day begins
        return gettext("Lukket · åbner %(day)s") % {"day": day}
    if not day:
        return gettext("Lukket · åbner kl. %(time)s") % {"time": hours}
    return gettext("Lukket · åbner %(day)s kl. %(time)s") % {"day": day, "time": hours}


@dataclass(frozen=True)
class DayLine:
    """One row of the "next seven days" table."""

    day: date
    name: str  # "mandag"
    date_label: str  # "24. november"
    hours: str  # "9-15" (with an en dash), "Lukket", "hele døgnet"
    note: str  # "Anden påskedag", an exception's note
    is_today: bool
    is_closed: bool


def day_line(day: DayHours, today: date) -> DayLine:
    if day.reason == "appointment":
        hours = gettext("Efter aftale")
    elif day.reason == "not_stated":
        hours = gettext("Ikke oplyst")
    elif day.is_closed:
        hours = gettext("Lukket")
    else:
        hours = ", ".join(interval_text(opens, closes) for opens, closes in day.intervals)
    note = day.note
    if day.reason == "closing_day" and not note:
        note = gettext("Kommunens lukkedag")
    return DayLine(
        day=day.day,
        name=day_name(day.day),
        date_label=day_and_month(day.day),
        hours=hours,
        note=note,
        is_today=day.day == today,
        is_closed=day.is_closed,
    )


def week_lines(status: HoursStatus) -> tuple[DayLine, ...]:
    today = status.now.date()
    return tuple(day_line(day, today) for day in status.days)


def weekly_summary(rules: list[tuple[int, time, time]]) -> str:
    """'mandag-torsdag 8-16, fredag 8-15' (en dashes) from (weekday, opens, closes) rules."""
    names = [
        gettext("mandag"),
        gettext("tirsdag"),
        gettext("onsdag"),
        gettext("torsdag"),
        gettext("fredag"),
        gettext("lørdag"),
        gettext("søndag"),
    ]
    by_day: dict[int, str] = {}
    for weekday, opens_at, closes_at in sorted(rules):
        text = interval_text(opens_at, closes_at)
        by_day[weekday] = f"{by_day[weekday]}, {text}" if weekday in by_day else text
    parts: list[str] = []
    run_start: int | None = None
    for weekday in range(8):
        hours = by_day.get(weekday)
        if run_start is not None and (hours is None or hours != by_day[run_start]):
            last = weekday - 1
            label = names[run_start] if last == run_start else f"{names[run_start]}–{names[last]}"
            parts.append(f"{label} {by_day[run_start]}")
            run_start = None
        if hours is not None and run_start is None:
            run_start = weekday
    return ", ".join(parts)
