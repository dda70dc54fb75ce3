"""Registration, cancellation and the waiting list. Every change of seats runs under the lock.

Each function here opens ``locked_session`` before reading anything it decides on, then
validates, writes, audits and queues its mails in that one transaction. So two registrations for
the last seat queue one behind the other, the second sees the first's seat taken and joins the
waiting list; arrival numbers are handed out in the same order, which is the waiting list's
order. ``_place`` and ``_fill_free_seats`` are the only places that give a registration a seat.

Over 400 lines on purpose: keeping every seat change beside those two helpers keeps the lock
discipline visible in one file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, F, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from tillid.accounts.models import User
from tillid.accounts.roles import Role, has_role
from tillid.core import audit, clock
from tillid.core.cpr import contains_cpr
from tillid.core.refusals import NotPermittedError
from tillid.courses import tokens
from tillid.courses.models import CourseSession, Registration
from tillid.courses.services import notifications
from tillid.courses.services.errors import CourseActionRefusedError, require_course_administrator
from tillid.courses.services.locking import locked_session
from tillid.courses.services.reminders import reminder_due_from

Status = Registration.Status


@dataclass(frozen=True)
class Placement:
    """Where a registration ended up; ``position`` is its place on the waiting list (from 1)."""

    registration: Registration
    position: int | None = None

    @property
    def confirmed(self) -> bool:
        return self.registration.status == Status.CONFIRMED

    @property
    def waiting(self) -> bool:
        return self.registration.status == Status.WAITING

    @property
    def pending(self) -> bool:
        return self.registration.status == Status.PENDING


def _refuse(message: str, code: str) -> CourseActionRefusedError:
    return CourseActionRefusedError(message, code=code)


def _local(moment: datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def ensure_open_for_registration(session: CourseSession, *, now: datetime) -> None:
    """Refuse unless ``session`` takes registrations at ``now``."""
    if not session.course.is_published:
        raise _refuse(_("Kurset findes ikke."), "not_found")
    if session.status == CourseSession.Status.CANCELLED:
        raise _refuse(_("Holdet er aflyst, så du kan ikke tilmelde dig."), "cancelled")
    if session.starts_at <= now:
        raise _refuse(_("Holdet er allerede begyndt eller afholdt."), "past")
    if session.status == CourseSession.Status.PLANNED:
        raise _refuse(_("Tilmeldingen til holdet er ikke åbnet endnu."), "not_open")
    if session.registration_deadline < now:
        raise _refuse(
            _("Tilmeldingsfristen udløb %(deadline)s.")
            % {"deadline": _local(session.registration_deadline)},
            "deadline",
        )


def _refuse_cpr(*values: str) -> None:
    if any(contains_cpr(value) for value in values):
        raise _refuse(_("Skriv ikke CPR-numre i tilmeldingen. Fjern nummeret og prøv igen."), "cpr")


def _active_registration(session: CourseSession, email: str) -> Registration | None:
    return (
        Registration.objects.filter(session=session, email=email)
        .exclude(status=Status.CANCELLED)
        .first()
    )


def waiting_position(registration: Registration) -> int:
    """1 for the first on the waiting list. The caller holds the lock or accepts a snapshot."""
    return Registration.objects.filter(
        session_id=registration.session_id,
        status=Status.WAITING,
        arrival_number__lte=registration.arrival_number,
    ).count()


def _mark_reminded_if_due(
    registration: Registration, session: CourseSession, now: datetime
) -> None:
    # A seat given inside the reminder window is announced with all details right away; a
    # reminder minutes later would only repeat it.
    if now >= reminder_due_from(session):
        registration.reminder_sent_at = now


def _queue_state(session: CourseSession, email: str) -> tuple[bool, int]:
    """In one query: whether ``email`` is registered already, and how many are waiting."""
    counts = (
        Registration.objects.filter(session=session)
        .exclude(status=Status.CANCELLED)
        .aggregate(
            mine=Count("pk", filter=Q(email=email)),
            waiting=Count("pk", filter=Q(status=Status.WAITING)),
        )
    )
    return bool(counts["mine"]), int(counts["waiting"])


def _place(
    session: CourseSession, registration: Registration, *, waiting: int, now: datetime
) -> Placement:
    """Give the next arrival number and a free seat if there is one, else a waiting place.

    ``waiting`` is the length of the waiting list, read under the lock. Nobody passes the
    queue: a free seat goes to a newcomer only when nobody is waiting (seats freed before the
    deadline are given to the waiting list at once by ``_fill_free_seats``). A newcomer has the
    highest arrival number, so a waiting newcomer's position is the end of the list.
    """
    takes_seat = session.seats_taken < session.capacity and waiting == 0
    CourseSession.objects.filter(pk=session.pk).update(
        arrivals=F("arrivals") + 1, seats_taken=F("seats_taken") + (1 if takes_seat else 0)
    )
    session.arrivals += 1
    registration.arrival_number = session.arrivals
    registration.session = session
    if takes_seat:
        session.seats_taken += 1
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        _mark_reminded_if_due(registration, session, now)
    else:
        registration.status = Status.WAITING
        registration.waitlisted_at = now
    registration.save()
    if takes_seat:
        notifications.registration_confirmed(registration, now=now)
        return Placement(registration)
    position = waiting + 1
    notifications.registration_waiting(registration, position=position)
    return Placement(registration, position)


def _fill_free_seats(
    session: CourseSession, *, now: datetime, actor: User | None
) -> list[Registration]:
    """Promote the first on the waiting list into free seats, before the deadline only."""
    if (
        session.status != CourseSession.Status.OPEN
        or now >= session.registration_deadline
        or now >= session.starts_at
    ):
        return []
    free = session.capacity - session.seats_taken
    if free <= 0:
        return []
    promoted = list(
        Registration.objects.filter(session=session, status=Status.WAITING).order_by(
            "arrival_number"
        )[:free]
    )
    if not promoted:
        return []
    CourseSession.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + len(promoted))
    session.seats_taken += len(promoted)
    for registration in promoted:
        _promote(registration, session, now=now, actor=actor, manual=False)
    return promoted


def _promote(
    registration: Registration,
    session: CourseSession,
    *,
    now: datetime,
    actor: User | None,
    manual: bool,
) -> None:
    registration.session = session
    registration.status = Status.CONFIRMED
    registration.confirmed_at = now
    _mark_reminded_if_due(registration, session, now)
    registration.save(update_fields=["status", "confirmed_at", "reminder_sent_at"])
    audit.record(
        actor=actor,
        action="courses.registration.promoted",
        target=registration,
        session=session.pk,
        manual=manual,
    )
    notifications.registration_promoted(registration, now=now)


def registration_create_for_user(
    *,
    session_id: int,
    user: User,
    needs: str = "",
    language: str = "da",
    now: datetime | None = None,
) -> Placement:
    """Register a logged-in professional in one step: a seat, or the waiting list when full.

    Accounts belong to the municipality's staff, so they meet every course's audience. Refuses
    (``CourseActionRefusedError``, nothing changed) when the user is not a professional, the
    session does not take registrations, or the user is registered already.
    """
    if not has_role(user, Role.PROFESSIONAL):
        raise NotPermittedError(_("Kun fagpersoner kan tilmelde sig med deres konto."))
    _refuse_cpr(needs)
    email = user.email.lower()
    with locked_session(session_id) as session:
        now = now or clock.now()  # read under the lock: arrival order
        ensure_open_for_registration(session, now=now)
        already, waiting = _queue_state(session, email)
        if already:
            existing = _active_registration(session, email)
            assert existing is not None  # under the lock, the count and the row agree
            raise _refuse(_already_message(existing), "already_registered")
        registration = Registration(
            session=session,
            user=user,
            name=user.name or user.email,
            email=email,
            organisation=str(user.org_unit or ""),
            needs=needs.strip(),
            language=language,
            created_at=now,
        )
        placement = _place(session, registration, waiting=waiting, now=now)
        audit.record(
            actor=user,
            action="courses.registration.created",
            target=registration,
            session=session.pk,
            status=registration.status,
        )
    return placement


def _already_message(existing: Registration) -> str:
    if existing.status == Status.WAITING:
        return _("Du står allerede på ventelisten til dette hold (nr. %(position)d).") % {
            "position": waiting_position(existing)
        }
    if existing.status == Status.PENDING:
        return _(
            "Der er allerede en tilmelding, som venter på at blive bekræftet via e-mail. "
            "Se efter mailen i din indbakke."
        )
    return _("Du er allerede tilmeldt dette hold.")


def registration_cancel(
    *,
    registration_id: int,
    actor: User,
    by_administrator: bool = False,
    now: datetime | None = None,
) -> Registration:
    """Cancel a registration (a seat, a waiting place or a pending one) before the start.

    A freed seat goes to the first on the waiting list at once, before the deadline only.
    Refused (``NotPermittedError``) unless ``actor`` is the registration's own active user or,
    with ``by_administrator``, an active course administrator. The holder of a cancel link
    cancels through ``registration_cancel_by_link``.
    """
    return _cancel(
        registration_id=registration_id, actor=actor, by_administrator=by_administrator, now=now
    )


def _may_cancel(registration: Registration, actor: User | None, by_administrator: bool) -> bool:
    if by_administrator:
        return has_role(actor, Role.COURSE_ADMINISTRATOR)
    return bool(
        actor is not None
        and actor.is_active
        and registration.user_id is not None
        and registration.user_id == actor.pk
    )


def _cancel(
    *,
    registration_id: int,
    actor: User | None,
    by_administrator: bool = False,
    by_link: bool = False,
    now: datetime | None = None,
) -> Registration:
    session_id = Registration.objects.values_list("session_id", flat=True).get(pk=registration_id)
    with locked_session(session_id) as session:
        now = now or clock.now()  # read under the lock: arrival order
        registration = Registration.objects.get(pk=registration_id)
        if not by_link and not _may_cancel(registration, actor, by_administrator):
            raise NotPermittedError
        registration.session = session
        if registration.status == Status.CANCELLED:
            raise _refuse(_("Tilmeldingen er allerede afmeldt."), "already_cancelled")
        if registration.status in (Status.ATTENDED, Status.NO_SHOW):
            raise _refuse(
                _("Der er registreret fremmøde, så tilmeldingen kan ikke afmeldes."), "attended"
            )
        if session.starts_at <= now:
            raise _refuse(
                _(
                    "Holdet er begyndt, så tilmeldingen kan ikke længere afmeldes. "
                    "Kontakt arrangøren."
                ),
                "started",
            )
        had_seat = registration.status == Status.CONFIRMED
        previous = registration.status
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        if had_seat:
            CourseSession.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") - 1)
            session.seats_taken -= 1
        audit.record(
            actor=actor,
            action="courses.registration.cancelled",
            target=registration,
            session=session.pk,
            previous_status=previous,
            by_administrator=by_administrator,
        )
        if session.status != CourseSession.Status.CANCELLED and previous != Status.PENDING:
            notifications.registration_cancelled(
                registration, had_seat=had_seat, by_administrator=by_administrator, now=now
            )
        if had_seat:
            _fill_free_seats(session, now=now, actor=None)
    return registration


def registration_for_cancel_link(*, token: str, now: datetime | None = None) -> Registration:
    """The registration behind an emailed cancel link, while the link is valid.

    Refuses a forged or altered link, and any link once the session has started.
    """
    now = now or clock.now()
    try:
        public_id = tokens.read_cancel_token(token)
    except tokens.BadLinkError:
        raise _refuse(
            _("Linket er ugyldigt. Brug linket fra din seneste mail."), "bad_link"
        ) from None
    registration = (
        Registration.objects.select_related("session__course").filter(public_id=public_id).first()
    )
    if registration is None:
        raise _refuse(_("Linket er ugyldigt. Brug linket fra din seneste mail."), "bad_link")
    if registration.session.starts_at <= now:
        raise _refuse(
            _("Linket er udløbet, fordi holdet er begyndt. Kontakt arrangøren."), "expired"
        )
    return registration


def registration_cancel_by_link(*, token: str, now: datetime | None = None) -> Registration:
    """Cancel through the signed link from an email; works without login until the start."""
    registration = registration_for_cancel_link(token=token, now=now)
    return _cancel(registration_id=registration.pk, actor=None, by_link=True, now=now)


def registration_promote(
    *, registration_id: int, actor: User, now: datetime | None = None
) -> Registration:
    """A course administrator gives a waiting person a free seat, out of turn if need be.

    Works after the deadline too, but never beyond capacity: with no free seat it refuses and
    says to raise the capacity or remove someone first.
    """
    require_course_administrator(actor)
    session_id = Registration.objects.values_list("session_id", flat=True).get(pk=registration_id)
    with locked_session(session_id) as session:
        now = now or clock.now()  # read under the lock: arrival order
        registration = Registration.objects.get(pk=registration_id)
        if registration.status != Status.WAITING:
            raise _refuse(_("Kun personer på ventelisten kan rykkes op."), "not_waiting")
        if session.status == CourseSession.Status.CANCELLED or session.starts_at <= now:
            raise _refuse(_("Holdet er aflyst eller begyndt."), "closed")
        if session.seats_taken >= session.capacity:
            raise _refuse(
                _(
                    "Der er ingen ledige pladser. Hæv antallet af pladser eller fjern en "
                    "deltager først."
                ),
                "no_seat",
            )
        CourseSession.objects.filter(pk=session.pk).update(seats_taken=F("seats_taken") + 1)
        session.seats_taken += 1
        _promote(registration, session, now=now, actor=actor, manual=True)
    return registration


def registration_mark_attendance(
    *, registration_id: int, attended: bool, actor: User, now: datetime | None = None
) -> Registration:
    """Record that a participant with a seat came (or did not), from the first course day."""
    require_course_administrator(actor)
    session_id = Registration.objects.values_list("session_id", flat=True).get(pk=registration_id)
    with locked_session(session_id) as session:
        now = now or clock.now()  # read under the lock: arrival order
        registration = Registration.objects.get(pk=registration_id)
        registration.session = session
        if not registration.holds_seat:
            raise _refuse(_("Kun deltagere med en plads kan få registreret fremmøde."), "no_seat")
        if session.status == CourseSession.Status.CANCELLED:
            raise _refuse(_("Holdet er aflyst."), "cancelled")
        if timezone.localdate(now) < timezone.localdate(session.starts_at):
            raise _refuse(_("Fremmøde kan først registreres på kursusdagen."), "too_early")
        registration.status = Status.ATTENDED if attended else Status.NO_SHOW
        registration.attendance_marked_at = now
        registration.save(update_fields=["status", "attendance_marked_at"])
        audit.record(
            actor=actor,
            action="courses.registration.attendance_marked",
            target=registration,
            session=session.pk,
            attended=attended,
        )
    return registration
