"""First-response deadlines, counted with the working-day calendar (Copenhagen time).

The rule, also in the README ("Consultations"):

1. The *day of receipt* is the day a request arrives when that is a working day and it arrives
   before the cut-off (``TILLID_CONSULTATION_CUTOFF``, default 15:00); otherwise it is the next
   working day. A request on a Saturday, a public holiday or a Tuesday at 17:00 is received on
   the next working day.
2. The deadline falls ``TILLID_CONSULTATION_RESPONSE_DAYS[urgency]`` working days after the day of
   receipt (defaults: acute 0, i.e. the day of receipt itself; within a week and not urgent 2).
   The day of receipt never counts, as everywhere in ``core.calendar``.
3. The deadline is the end of the working day (``TILLID_CONSULTATION_DAY_ENDS``, default 16:00)
   on that day.

So an acute request on Monday at 10:00 is due Monday at 16:00; on Friday at 18:00 it is due
Monday at 16:00 (Tuesday if Monday is a holiday); a request for "within a week" on Monday at
10:00 is due Wednesday at 16:00.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tillid.core.calendar import COPENHAGEN, add_working_days, is_working_day, next_working_day

DEFAULT_RESPONSE_DAYS = {"akut": 0, "uge": 2, "ikke_hastende": 2}


def _time_setting(name: str, default: str) -> time:
    value = getattr(settings, name, default)
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a time such as 15:00, not {value!r}") from None


def response_days(urgency: str) -> int:
    configured = getattr(settings, "TILLID_CONSULTATION_RESPONSE_DAYS", DEFAULT_RESPONSE_DAYS)
    days = configured.get(urgency, DEFAULT_RESPONSE_DAYS.get(urgency))
    if days is None or days < 0:
        raise ImproperlyConfigured(f"No first-response deadline is configured for {urgency!r}")
    return int(days)


def day_of_receipt(received_at: datetime) -> date:
    """The working day a request counts as received on (rule 1)."""
    local = received_at.astimezone(COPENHAGEN)
    cutoff = _time_setting("TILLID_CONSULTATION_CUTOFF", "15:00")
    day = local.date()
    if is_working_day(day) and local.time() < cutoff:
        return day
    return next_working_day(day)


def first_response_due(*, received_at: datetime, urgency: str) -> datetime:
    """When the team must have answered a request of ``urgency`` received at ``received_at``."""
    due_day = add_working_days(day_of_receipt(received_at), response_days(urgency))
    day_ends = _time_setting("TILLID_CONSULTATION_DAY_ENDS", "16:00")
    return datetime.combine(due_day, day_ends, tzinfo=COPENHAGEN)
