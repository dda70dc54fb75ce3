"""Course administrators' changes: courses, sessions, cancellation and messages.

Changes to a session run under its lock like registrations do, because time, place and capacity
decide what participants are told and who gets a seat. Each service refuses anyone but an active
course administrator itself (``NotPermittedError``), whoever calls it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import partial
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tillid.accounts.models import User
from tillid.core import audit, clock
from tillid.core.cpr import contains_cpr
from tillid.courses.models import RESERVED_SLUGS, Course, CourseSession, Registration
from tillid.courses.services import notifications
from tillid.courses.services.errors import CourseActionRefusedError, require_course_administrator
from tillid.courses.services.locking import locked_session
from tillid.courses.services.registrations import _fill_free_seats
from tillid.courses.services.reminders import reminder_due_from


def course_slug_from_title(title: str) -> str:
    """A course's address from its Danish title ("Æresrelaterede" becomes "aeresrelaterede"),
    proposed when the administrator leaves the address empty."""
    for letter, replacement in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        title = title.replace(letter, replacement).replace(letter.upper(), replacement.capitalize())
    return slugify(title)[:120]


COURSE_FIELDS = (
    "title",
    "slug",
    "kind",
    "summary",
    "description",
    "audience",
    "eligibility",
    "organiser",
    "is_published",
)


@dataclass(frozen=True)
class SessionData:
    starts_at: datetime
    ends_at: datetime
    registration_deadline: datetime
    capacity: int
    place: str
    venue: str = ""
    online_url: str = ""
    language: str = CourseSession.Language.DANISH
    status: str = CourseSession.Status.OPEN


# Changing these sends participants an updated invitation.
TIME_AND_PLACE = ("starts_at", "ends_at", "place", "venue", "online_url")


def _validate_session(data: SessionData) -> None:
    if data.ends_at <= data.starts_at:
        raise CourseActionRefusedError(_("Holdet skal slutte efter, det begynder."), code="times")
    if data.registration_deadline > data.starts_at:
        raise CourseActionRefusedError(
            _("Tilmeldingsfristen skal ligge før holdets start."), code="deadline"
        )
    if data.capacity < 1:
        raise CourseActionRefusedError(_("Holdet skal have mindst én plads."), code="capacity")
    if data.status == CourseSession.Status.CANCELLED:
        raise CourseActionRefusedError(_("Brug 'Aflys holdet' for at aflyse."), code="status")


def _validate_course(data: dict[str, Any], *, course_id: int | None) -> None:
    slug = data["slug"]
    if slug in RESERVED_SLUGS:
        raise CourseActionRefusedError(
            _("Adressen '%(slug)s' er reserveret. Vælg en anden.") % {"slug": slug}, code="slug"
        )
    others = Course.objects.filter(slug=slug)
    if course_id is not None:
        others = others.exclude(pk=course_id)
    if others.exists():
        raise CourseActionRefusedError(
            _("Et andet kursus bruger allerede adressen '%(slug)s'.") % {"slug": slug},
            code="slug",
        )


def course_create(
    *,
    actor: User,
    data: dict[str, Any],
    topics: Iterable[Any] = (),
    audiences: Iterable[Any] = (),
) -> Course:
    require_course_administrator(actor)
    with transaction.atomic():
        _validate_course(data, course_id=None)
        course = Course.objects.create(**{field: data[field] for field in COURSE_FIELDS})
        course.topics.set(list(topics))
        course.audiences.set(list(audiences))
        audit.record(actor=actor, action="courses.course.created", target=course)
    return course


def course_update(
    *,
    course_id: int,
    actor: User,
    data: dict[str, Any],
    topics: Iterable[Any] = (),
    audiences: Iterable[Any] = (),
) -> Course:
    require_course_administrator(actor)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course_id)
        _validate_course(data, course_id=course.pk)
        changed = [field for field in COURSE_FIELDS if getattr(course, field) != data[field]]
        for field in COURSE_FIELDS:
            setattr(course, field, data[field])
        course.save()
        course.topics.set(list(topics))
        course.audiences.set(list(audiences))
        audit.record(actor=actor, action="courses.course.updated", target=course, changed=changed)
    return course


def _schedule_reminders(session: CourseSession) -> None:
    from tillid.courses.tasks import send_session_reminders

    run_after = reminder_due_from(session)
    transaction.on_commit(
        partial(send_session_reminders.using(run_after=run_after).enqueue, session.pk),
        robust=True,
    )


def session_create(
    *, course_id: int, actor: User, data: SessionData, now: datetime | None = None
) -> CourseSession:
    require_course_administrator(actor)
    _validate_session(data)
    with transaction.atomic():
        course = Course.objects.get(pk=course_id)
        session = CourseSession.objects.create(course=course, **asdict(data))
        audit.record(actor=actor, action="courses.session.created", target=session)
        _schedule_reminders(session)
    return session


def session_update(
    *, session_id: int, actor: User, data: SessionData, now: datetime | None = None
) -> CourseSession:
    """Change a session; participants with a seat get an updated invitation if time or place
    changed, and a higher capacity (or opening the session) gives seats to the waiting list.

    Refuses a capacity below the seats already taken, and any change to a cancelled session.
    """
    require_course_administrator(actor)
    now = now or clock.now()
    _validate_session(data)
    with locked_session(session_id) as session:
        if session.status == CourseSession.Status.CANCELLED:
            raise CourseActionRefusedError(
                _("Holdet er aflyst og kan ikke ændres."), code="cancelled"
            )
        if data.capacity < session.seats_taken:
            raise CourseActionRefusedError(
                _(
                    "Der er allerede %(taken)d deltagere med plads, så antallet af pladser kan "
                    "ikke sættes til %(capacity)d. Fjern deltagere først, eller vælg mindst "
                    "%(taken)d pladser."
                )
                % {"taken": session.seats_taken, "capacity": data.capacity},
                code="capacity_below_taken",
            )
        changed = [
            field for field, value in asdict(data).items() if getattr(session, field) != value
        ]
        moved = any(field in TIME_AND_PLACE for field in changed)
        for field, value in asdict(data).items():
            setattr(session, field, value)
        if moved:
            session.sequence += 1
        session.save()
        if "starts_at" in changed:
            if now < reminder_due_from(session):
                Registration.objects.filter(session=session).update(reminder_sent_at=None)
            _schedule_reminders(session)
        audit.record(actor=actor, action="courses.session.updated", target=session, changed=changed)
        if moved and session.starts_at > now:
            for registration in Registration.objects.filter(
                session=session, status=Registration.Status.CONFIRMED
            ).order_by("arrival_number"):
                registration.session = session
                notifications.session_changed(registration, now=now)
        _fill_free_seats(session, now=now, actor=actor)
    return session


def session_cancel(
    *, session_id: int, actor: User, reason: str = "", now: datetime | None = None
) -> int:
    """Cancel a session and tell everyone registered; return how many were told.

    People with a seat get a calendar cancellation (METHOD:CANCEL) for their invitation.
    """
    require_course_administrator(actor)
    now = now or clock.now()
    if contains_cpr(reason):
        raise CourseActionRefusedError(_("Skriv ikke CPR-numre i begrundelsen."), code="cpr")
    with locked_session(session_id) as session:
        if session.status == CourseSession.Status.CANCELLED:
            raise CourseActionRefusedError(_("Holdet er allerede aflyst."), code="cancelled")
        if session.ends_at <= now:
            raise CourseActionRefusedError(_("Holdet er afholdt og kan ikke aflyses."), code="past")
        session.status = CourseSession.Status.CANCELLED
        session.cancelled_at = now
        session.cancellation_reason = reason.strip()
        session.sequence += 1
        session.save()
        told = 0
        for registration in Registration.objects.filter(
            session=session,
            status__in=[
                Registration.Status.CONFIRMED,
                Registration.Status.WAITING,
                Registration.Status.PENDING,
            ],
        ).order_by("arrival_number", "pk"):
            registration.session = session
            had_seat = registration.status == Registration.Status.CONFIRMED
            notifications.session_cancelled(registration, had_seat=had_seat, now=now)
            told += 1
        audit.record(actor=actor, action="courses.session.cancelled", target=session, notified=told)
    return told


def session_message(
    *,
    session_id: int,
    actor: User,
    subject: str,
    body: str,
    include_waiting: bool = False,
) -> int:
    """Mail a message to everyone with a seat (and the waiting list if asked); return the count."""
    require_course_administrator(actor)
    if contains_cpr(subject) or contains_cpr(body):
        raise CourseActionRefusedError(_("Skriv ikke CPR-numre i beskeden."), code="cpr")
    statuses = [Registration.Status.CONFIRMED, Registration.Status.ATTENDED]
    if include_waiting:
        statuses.append(Registration.Status.WAITING)
    with transaction.atomic():
        session = CourseSession.objects.select_related("course").get(pk=session_id)
        recipients = list(
            Registration.objects.filter(session=session, status__in=statuses).order_by(
                "arrival_number"
            )
        )
        for registration in recipients:
            registration.session = session
            notifications.message(registration, subject=subject.strip(), body=body.strip())
        audit.record(
            actor=actor,
            action="courses.session.messaged",
            target=session,
            recipients=len(recipients),
            include_waiting=include_waiting,
            subject=subject.strip(),
        )
    return len(recipients)
