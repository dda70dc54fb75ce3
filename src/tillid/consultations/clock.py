"""The consultations app's clock. Call ``clock.now()`` (not ``timezone.now`` directly) wherever a
decision depends on the time of day, so that a test can move it (``mock.patch`` on this module)
without sleeping and without touching the rest of Django."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
