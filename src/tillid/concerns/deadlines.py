"""The two clocks of a concern report (Barnets lov: assessment within 24 hours, a receipt to a
professional notifier within 6 working days). The convention is documented in docs/domain.md,
"Concern reports: the two clocks":

- **24-hour clock**: 24 elapsed hours from the moment the report was received (submitted), in
  real time: computed in UTC (``core.calendar.add_hours``), so across a daylight-saving change
  the deadline is 24 real hours later and its wall-clock time shifts by one hour. Weekends and
  holidays count: the 24 hours run day and night.
- **6-working-day clock**: the day of receipt is day 0, whatever the time and whether or not it
  is a working day; the deadline is the 6th working day after it
  (``core.calendar.add_working_days``), and the receipt is on time when sent on or before that
  day (Copenhagen time). Working days are Monday to Friday except Danish public holidays and the
  configured closing days (24 and 31 December, 5 June).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from tillid.core.calendar import COPENHAGEN, add_hours, add_working_days, working_days_between

ASSESSMENT_HOURS = 24
RECEIPT_WORKING_DAYS = 6
WARNING_BEFORE = timedelta(hours=2)


def assessment_due(received_at: datetime) -> datetime:
    return add_hours(received_at, ASSESSMENT_HOURS)


def receipt_due(received_at: datetime) -> date:
    return add_working_days(received_at.astimezone(COPENHAGEN).date(), RECEIPT_WORKING_DAYS)


def warning_at(due: datetime) -> datetime:
    """When the unit lead is warned that a 24-hour deadline is near (2 hours before)."""
    return due - WARNING_BEFORE


@dataclass(frozen=True)
class Clocks:
    """Both clocks of one report as of a moment, for the queue and the report page."""

    assessment_due: datetime
    assessment_done: bool
    hours_left: float  # negative once overdue
    receipt_due: date
    receipt_done: bool
    working_days_left: int  # negative once overdue (working days past the deadline)

    @property
    def assessment_overdue(self) -> bool:
        return not self.assessment_done and self.hours_left < 0

    @property
    def receipt_overdue(self) -> bool:
        return not self.receipt_done and self.working_days_left < 0

    @property
    def overdue(self) -> bool:
        return self.assessment_overdue or self.receipt_overdue

    @property
    def working_days_late(self) -> int:
        return max(-self.working_days_left, 0)

    @property
    def time_left(self) -> tuple[int, int]:
        """Hours and minutes left (or past the deadline, once overdue), for display."""
        hours, minutes = divmod(abs(int(self.hours_left * 60)), 60)
        return hours, minutes


def clocks(
    *,
    received_at: datetime,
    now: datetime,
    assessed: bool,
    receipt_sent: bool,
    due: datetime | None = None,
    receipt_day: date | None = None,
) -> Clocks:
    due = due or assessment_due(received_at)
    receipt_day = receipt_day or receipt_due(received_at)
    today = timezone.localtime(now, COPENHAGEN).date()
    if today <= receipt_day:
        days_left = working_days_between(today, receipt_day)
    else:
        days_left = -max(working_days_between(receipt_day, today), 1)
    return Clocks(
        assessment_due=due,
        assessment_done=assessed,
        hours_left=(due - now).total_seconds() / 3600,
        receipt_due=receipt_day,
        receipt_done=receipt_sent,
        working_days_left=days_left,
    )
