"""Reminders before a session, and evaluation invitations after it.

django-tasks has no periodic scheduler, so reminders are sent in two idempotent ways:

- when a session is created or moved, a ``send_session_reminders`` task is queued to run when
  the reminder falls due (``run_after``); the task worker started by ``scripts/run`` runs it;
- ``manage.py send_course_reminders`` sends whatever is due and not sent yet (run it from cron or
  a systemd timer every 15 minutes as a safety net, e.g. after the worker was down).

Both send each reminder at most once: ``reminder_sent_at`` is set under the session lock in the
same transaction that queues the mail. A seat given inside the reminder window counts as
reminded, since its confirmation already carries every detail.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings

from tillid.core import clock
from tillid.courses.models import CourseSession, Registration
from tillid.courses.services import notifications
from tillid.courses.services.errors import SessionBusyError
from tillid.courses.services.locking import locked_session

logger = logging.getLogger(__name__)

# How long after a session ends its attendees are still invited to evaluate it.
EVALUATION_INVITE_WINDOW = timedelta(days=14)


def reminder_days() -> int:
    return int(getattr(settings, "TILLID_COURSE_REMINDER_DAYS", 2))


def reminder_due_from(session: CourseSession) -> datetime:
    return session.starts_at - timedelta(days=reminder_days())


def reminders_send_due(*, now: datetime | None = None, session_id: int | None = None) -> int:
    """Send every due, unsent reminder (of one session, or of all); return how many were sent."""
    now = now or clock.now()
    sessions = CourseSession.objects.filter(
        starts_at__gt=now, starts_at__lte=now + timedelta(days=reminder_days())
    ).exclude(status=CourseSession.Status.CANCELLED)
    if session_id is not None:
        sessions = sessions.filter(pk=session_id)
    sent = 0
    for pk in sessions.values_list("pk", flat=True):
        try:
            sent += _send_session_reminders(pk, now=now)
        except SessionBusyError:
            # Another machine's run (or a registration) holds the session: it sends these
            # reminders, or the next run does. A busy session must not stop the others.
            logger.info("Course session %s was busy; its reminders wait for the next run.", pk)
    return sent


def _send_session_reminders(session_id: int, *, now: datetime) -> int:
    sent = 0
    with locked_session(session_id) as session:
        if session.status == CourseSession.Status.CANCELLED:
            return 0
        due = Registration.objects.filter(
            session=session,
            status=Registration.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
        ).order_by("arrival_number")
        for registration in due:
            registration.session = session
            registration.reminder_sent_at = now
            registration.save(update_fields=["reminder_sent_at"])
            notifications.reminder(registration)
            sent += 1
    return sent


def evaluations_invite_due(*, now: datetime | None = None) -> int:
    """Invite attendees of sessions that ended in the last two weeks and were not invited yet."""
    from tillid.courses.services.evaluations import evaluation_invite_attendees

    now = now or clock.now()
    session_ids = (
        Registration.objects.filter(
            status=Registration.Status.ATTENDED,
            evaluation_invited_at__isnull=True,
            session__ends_at__lte=now,
            session__ends_at__gt=now - EVALUATION_INVITE_WINDOW,
        )
        .exclude(session__status=CourseSession.Status.CANCELLED)
        .values_list("session_id", flat=True)
        .distinct()
    )
    invited = 0
    for session_id in list(session_ids):
        try:
            invited += evaluation_invite_attendees(session_id=session_id, actor=None, now=now)
        except SessionBusyError:
            logger.info("Course session %s was busy; its invitations wait.", session_id)
    return invited
