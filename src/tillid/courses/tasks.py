"""Background tasks of the course calendar (django-tasks, database backend)."""

from __future__ import annotations

from django_tasks import task

from tillid.courses.services.reminders import reminders_send_due


@task()
def send_session_reminders(session_id: int) -> int:
    """Send the due reminders of one session; queued to run when they fall due."""
    return reminders_send_due(session_id=session_id)
