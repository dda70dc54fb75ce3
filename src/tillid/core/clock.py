"""The one clock. Code asks ``clock.now()`` for the time, never ``clock.now()`` itself.

Tests move time with the ``clock`` fixture (``tests/conftest.py``), which freezes this clock;
nothing sleeps to wait for time. Model field defaults keep ``timezone.now`` because migrations
serialise them; services that need a time set it from this clock explicitly.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

_frozen_at: datetime | None = None


def now() -> datetime:
    """The current moment, timezone-aware (UTC inside, Europe/Copenhagen for display)."""
    return _frozen_at if _frozen_at is not None else timezone.now()


def freeze(moment: datetime | None) -> None:
    """Stop the clock at ``moment`` (None runs it again). For tests and backdated demo data."""
    global _frozen_at
    if moment is not None and timezone.is_naive(moment):
        raise ValueError("the clock takes timezone-aware moments only")
    _frozen_at = moment
