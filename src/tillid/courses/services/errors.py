"""What the course services refuse, with the Danish message to show."""

from __future__ import annotations

from django.utils.functional import Promise


class CourseActionRefusedError(Exception):
    """A rule stopped the action; nothing was changed. ``message`` is for the user to read."""

    def __init__(self, message: str | Promise, *, code: str) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code


class SessionBusyError(Exception):
    """The session stayed locked by other registrations longer than the lock timeout."""
