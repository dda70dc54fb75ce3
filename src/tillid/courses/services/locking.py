"""One transaction per change of seats, holding the session's row lock.

PostgreSQL: ``SELECT … FOR UPDATE`` on the session row, with a transaction-local lock timeout so
that a stuck transaction turns into a clear "try again" instead of piling up requests. SQLite:
``select_for_update`` is a no-op, but settings open every transaction with ``BEGIN IMMEDIATE``,
which takes the database's write lock up front, so writers queue on the busy timeout.

Lock order: the session row first, then whatever the body writes (audit chain head, outbox), so
two changes never wait on each other in opposite order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import OperationalError, connection, transaction

from tillid.courses.models import CourseSession
from tillid.courses.services.errors import SessionBusyError

LOCK_TIMEOUT = "5s"


def _is_lock_failure(error: OperationalError) -> bool:
    cause = error.__cause__
    if type(cause).__name__ == "LockNotAvailable":  # psycopg: lock_timeout expired
        return True
    return "database is locked" in str(error) or "database table is locked" in str(error)


@contextmanager
def locked_session(session_id: int) -> Iterator[CourseSession]:
    """Run the body in a transaction holding the row lock of session ``session_id``.

    Raises ``CourseSession.DoesNotExist`` for an unknown session and ``SessionBusyError`` when
    the lock cannot be had in time; in both cases nothing was changed.
    """
    try:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_TIMEOUT])
            session = (
                CourseSession.objects.select_for_update(of=("self",))
                .select_related("course")
                .get(pk=session_id)
            )
            yield session
    except OperationalError as error:
        if _is_lock_failure(error):
            raise SessionBusyError from error
        raise
