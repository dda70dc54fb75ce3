"""The emails of the course calendar, all through ``tillid.core.mail.send_mail``.

Called by the services inside their transactions: a mail is stored with the change and sent
only after it commits. Links are absolute and in the participant's language; the venue and the
online link appear only in mails to people who hold a seat.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tillid.core import mail
from tillid.core.links import absolute_reverse
from tillid.courses import invites, tokens
from tillid.courses.models import Registration

ICS_FILENAME = "invitation.ics"


def _context(registration: Registration, **extra: Any) -> dict[str, Any]:
    session = registration.session
    language = registration.language
    context: dict[str, Any] = {
        "registration": registration,
        "session": session,
        "course": session.course,
        "course_url": absolute_reverse(
            "courses:course", language=language, slug=session.course.slug
        ),
        "show_venue": registration.holds_seat,
        "my_courses_url": (
            absolute_reverse("courses:mine", language=language) if registration.user_id else ""
        ),
    }
    if registration.status in (Registration.Status.CONFIRMED, Registration.Status.WAITING):
        token = tokens.cancel_token(registration.public_id)
        context["cancel_url"] = absolute_reverse(
            "courses:cancel_link", language=language, token=token
        )
    context.update(extra)
    return context


def _invitation(registration: Registration, method: str, now: datetime) -> mail.Attachment:
    return mail.Attachment(
        filename=ICS_FILENAME,
        content=invites.registration_invitation(registration, method=method, now=now),
        mimetype=f"text/calendar; method={method}",
    )


def _send(
    registration: Registration,
    template: str,
    *,
    attachments: tuple[mail.Attachment, ...] = (),
    **extra: Any,
) -> None:
    mail.send_mail(
        to=registration.email,
        template=f"courses/email/{template}",
        context=_context(registration, **extra),
        language=registration.language,
        attachments=attachments,
    )


def registration_confirmed(registration: Registration, *, now: datetime) -> None:
    _send(
        registration,
        "registration_confirmed",
        attachments=(_invitation(registration, invites.REQUEST, now),),
    )


def registration_waiting(registration: Registration, *, position: int) -> None:
    _send(registration, "registration_waiting", position=position)


def registration_promoted(registration: Registration, *, now: datetime) -> None:
    _send(
        registration,
        "registration_promoted",
        attachments=(_invitation(registration, invites.REQUEST, now),),
    )


def registration_cancelled(
    registration: Registration, *, had_seat: bool, by_administrator: bool, now: datetime
) -> None:
    attachments = (_invitation(registration, invites.CANCEL, now),) if had_seat else ()
    _send(
        registration,
        "registration_cancelled",
        attachments=attachments,
        had_seat=had_seat,
        by_administrator=by_administrator,
    )


def email_confirmation_requested(registration: Registration) -> None:
    token = tokens.confirm_email_token(registration.public_id)
    _send(
        registration,
        "confirm_email",
        confirm_url=absolute_reverse(
            "courses:confirm_email", language=registration.language, token=token
        ),
        valid_hours=int(tokens.CONFIRM_EMAIL_MAX_AGE.total_seconds() // 3600),
    )


def session_changed(registration: Registration, *, now: datetime) -> None:
    _send(
        registration,
        "session_changed",
        attachments=(_invitation(registration, invites.REQUEST, now),),
    )


def session_cancelled(registration: Registration, *, had_seat: bool, now: datetime) -> None:
    attachments = (_invitation(registration, invites.CANCEL, now),) if had_seat else ()
    _send(registration, "session_cancelled", attachments=attachments, had_seat=had_seat)


def reminder(registration: Registration) -> None:
    _send(registration, "reminder")


def message(registration: Registration, *, subject: str, body: str) -> None:
    _send(registration, "message", message_subject=subject, message_body=body)


def evaluation_invitation(registration: Registration, *, token: str) -> None:
    _send(
        registration,
        "evaluation_invitation",
        evaluation_url=absolute_reverse(
            "courses:evaluate", language=registration.language, token=token
        ),
    )
