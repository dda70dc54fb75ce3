"""Sealing the audit trail in the background, a moment after entries are written.

Every commit that wrote an entry calls ``schedule_seal()``. It enqueues at most one
``seal_audit_trail`` task per process per ``SEAL_DELAY``, to run ``SEAL_DELAY`` later, so a
burst of writes costs one task, and every entry committed before the task runs is in its seal.
``manage.py audit_seal`` (scheduled every minute) is the safety net when no worker runs.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

SEAL_DELAY = 1.0  # seconds between a write and its seal task, at most one task per process

_lock = threading.Lock()
_next_run = 0.0  # monotonic time of this process's pending seal task


@task()
def seal_audit_trail() -> int:
    """Seal every committed entry; return how many were sealed."""
    from tillid.core.audit_seal import seal_pending

    return seal_pending().sealed


def schedule_seal() -> None:
    """Enqueue a seal task unless this process already has one waiting to run."""
    global _next_run
    now = time.monotonic()
    with _lock:
        if now < _next_run:
            return
        _next_run = now + SEAL_DELAY
    try:
        if seal_audit_trail.get_backend().supports_defer:
            run_after = timezone.now() + timedelta(seconds=SEAL_DELAY)
            seal_audit_trail.using(run_after=run_after).enqueue()
        else:  # the immediate backend: seal now
            seal_audit_trail.enqueue()
    except Exception:
        with _lock:
            _next_run = 0.0
        logger.exception("Could not enqueue the audit seal task; audit_seal will seal later.")
