"""Date filters with the weekday, in the active language's own way of writing it.

Django's named formats (``DATE_FORMAT``, ``DATETIME_FORMAT``, ...; see ``tillid.formats``) cover
most dates. Formats with a weekday have no named setting, so their format strings are
translated: the Danish source is how Danes write it, the English catalogue holds the English.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import pgettext

register = template.Library()


def _localised(value: date | datetime | None, fmt: str) -> str:
    if value in (None, ""):
        return ""
    assert value is not None
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, fmt)


def weekday_formats() -> dict[str, str]:
    """Every weekday format the UI uses, in the active language (tests render each)."""
    return {
        # Translators: PHP-style date format; "l" is the weekday, "F" the month's name.
        "weekday_datetime": pgettext("date format", r"l j. F Y \k\l. H.i"),
        "weekday_day_time": pgettext("date format", r"l j. F \k\l. H.i"),
        "weekday_date": pgettext("date format", "l j. F Y"),
        "short_weekday_datetime": pgettext("date format", r"D j. N \k\l. H.i"),
    }


@register.filter
def weekday_datetime(value: datetime | None) -> str:
    """ "tirsdag 10. marts 2026 kl. 13.30" / "Tuesday 10 March 2026, 13:30"."""
    return _localised(value, weekday_formats()["weekday_datetime"])


@register.filter
def weekday_day_time(value: datetime | None) -> str:
    """ "tirsdag 10. marts kl. 13.30" / "Tuesday 10 March, 13:30"."""
    return _localised(value, weekday_formats()["weekday_day_time"])


@register.filter
def weekday_date(value: date | None) -> str:
    """ "tirsdag 10. marts 2026" / "Tuesday 10 March 2026"."""
    return _localised(value, weekday_formats()["weekday_date"])


@register.filter
def short_weekday_datetime(value: datetime | None) -> str:
    """ "tir 10. marts kl. 13.30" / "Tue 10 Mar, 13:30"."""
    return _localised(value, weekday_formats()["short_weekday_datetime"])
