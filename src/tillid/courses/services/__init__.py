"""Every write of the course calendar. See each module's docstring for its guarantees."""

from tillid.courses.services.errors import CourseActionRefusedError, SessionBusyError
from tillid.courses.services.evaluations import (
    evaluation_invite_attendees,
    evaluation_session_for_token,
    evaluation_submit,
)
from tillid.courses.services.external import (
    registration_confirm_email,
    registration_request_external,
)
from tillid.courses.services.registrations import (
    Placement,
    registration_cancel,
    registration_cancel_by_link,
    registration_create_for_user,
    registration_for_cancel_link,
    registration_mark_attendance,
    registration_promote,
)
from tillid.courses.services.reminders import evaluations_invite_due, reminders_send_due
from tillid.courses.services.sessions import (
    SessionData,
    course_create,
    course_slug_from_title,
    course_update,
    session_cancel,
    session_create,
    session_message,
    session_update,
)

__all__ = [
    "CourseActionRefusedError",
    "Placement",
    "SessionBusyError",
    "SessionData",
    "course_create",
    "course_slug_from_title",
    "course_update",
    "evaluation_invite_attendees",
    "evaluation_session_for_token",
    "evaluation_submit",
    "evaluations_invite_due",
    "registration_cancel",
    "registration_cancel_by_link",
    "registration_confirm_email",
    "registration_create_for_user",
    "registration_for_cancel_link",
    "registration_mark_attendance",
    "registration_promote",
    "registration_request_external",
    "reminders_send_due",
    "session_cancel",
    "session_create",
    "session_message",
    "session_update",
]
