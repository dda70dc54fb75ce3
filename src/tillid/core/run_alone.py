"""One run at a time across processes and machines, for scheduled commands without row claims.

Most scheduled commands claim rows (a conditional update, a row lock) and are safe to run on
several machines at once. Where a command is third-party code that does not (Wagtail's
``publish_scheduled``), ``run_alone(name)`` takes a lock for the whole run instead and says
whether it got it; a run that does not get it does nothing, because the run that holds it does
the same work. PostgreSQL: a session-level advisory lock, which every app server sharing the
database sees, released when the run ends or its connection drops. SQLite (one machine only):
an exclusive ``flock`` on a file under ``TILLID_VAR_DIR``, released when the process ends.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection


def lock_id(name: str) -> int:
    """A stable signed 64-bit key for PostgreSQL's advisory locks."""
    return int.from_bytes(
        hashlib.sha256(f"tillid:{name}".encode()).digest()[:8], "big", signed=True
    )


@contextmanager
def run_alone(name: str) -> Iterator[bool]:
    """Yield True while this process alone runs ``name``; False if another run holds it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [lock_id(name)])
            row = cursor.fetchone()
            acquired = bool(row and row[0])
        try:
            yield acquired
        finally:
            if acquired:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_id(name)])
        return
    folder = Path(settings.VAR_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f".{name}.lock", "w") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
