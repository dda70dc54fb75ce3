"""Reads of the course calendar: public listings, "my courses", and the administrators' views.

Public reads return published courses only and never the venue; the templates show the venue
only next to a registration that holds a seat. Listings select and prefetch what their pages
show, so a page costs the same number of queries however many sessions it lists.

Over 400 lines: every read of courses stays in this one module (the listings, the
administrators' views and the aggregate figures for the statistics), as the conventions ask.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tillid.accounts.models import User
from tillid.accounts.roles import Role, has_role
from tillid.core import clock
from tillid.core.calendar import COPENHAGEN
from tillid.courses.models import (
    Course,
    CourseSession,
    EvaluationResponse,
    Registration,
)
from tillid.taxonomy import selectors as taxonomy_selectors

if TYPE_CHECKING:
    from tillid.taxonomy.models import Topic

Status = Registration.Status

# Averages and comments appear once a session has this many answers, so that no single answer
# can be pinned on the one attendee who answered.
EVALUATION_MIN_ANSWERS = 3
# Past sessions stay in the calendar feed this long, so calendars keep recent history.
FEED_HISTORY = timedelta(days=90)
PUBLIC_LIST_LIMIT = 200


@dataclass(frozen=True)
class Availability:
    """What a visitor may do with a session now, and how to say it ("3 ledige pladser")."""

    code: str  # cancelled, past, planned, closed, open, waiting_list
    label: str
    seats_left: int
    can_register: bool


def availability(session: CourseSession, *, now: datetime) -> Availability:
    seats_left = session.seats_left
    if session.status == CourseSession.Status.CANCELLED:
        return Availability("cancelled", _("Aflyst"), 0, False)
    if session.starts_at <= now:
        return Availability("past", _("Afholdt"), 0, False)
    if session.status == CourseSession.Status.PLANNED:
        return Availability("planned", _("Tilmelding åbner senere"), seats_left, False)
    if session.registration_deadline < now:
        return Availability("closed", _("Tilmeldingen er lukket"), seats_left, False)
    if seats_left > 0:
        label = ngettext("%(count)d ledig plads", "%(count)d ledige pladser", seats_left) % {
            "count": seats_left
        }
        return Availability("open", label, seats_left, True)
    return Availability("waiting_list", _("Venteliste"), 0, True)


def _with_availability(sessions: list[CourseSession], now: datetime) -> list[CourseSession]:
    for session in sessions:
        session.availability = availability(session, now=now)  # type: ignore[attr-defined]
    return sessions


@dataclass(frozen=True)
class SessionFilter:
    month: date | None = None  # the first day of a month
    kind: str = ""
    topic: str = ""  # a topic slug
    free_seats: bool = False


def _public_sessions() -> QuerySet[CourseSession]:
    return CourseSession.objects.filter(course__is_published=True).select_related("course")


def session_list_public(
    *, filters: SessionFilter, now: datetime | None = None
) -> list[CourseSession]:
    """Upcoming sessions of published courses, soonest first, with ``availability`` set.

    Cancelled sessions stay listed (marked) so that people who saw them learn of it, except when
    only sessions with free seats are asked for.
    """
    now = now or clock.now()
    sessions = _public_sessions().filter(starts_at__gt=now)
    if filters.month is not None:
        first = datetime.combine(filters.month, datetime.min.time(), COPENHAGEN)
        following = (filters.month.replace(day=28) + timedelta(days=4)).replace(day=1)
        last = datetime.combine(following, datetime.min.time(), COPENHAGEN)
        sessions = sessions.filter(starts_at__gte=first, starts_at__lt=last)
    if filters.kind:
        sessions = sessions.filter(course__kind=filters.kind)
    if filters.topic:
        sessions = sessions.filter(course__topics__slug=filters.topic)
    if filters.free_seats:
        sessions = sessions.filter(
            status=CourseSession.Status.OPEN,
            registration_deadline__gte=now,
            seats_taken__lt=F("capacity"),
        )
    sessions = sessions.prefetch_related(
        Prefetch("course__topics", queryset=taxonomy_selectors.topic_list())
    ).order_by("starts_at", "pk")
    return _with_availability(list(sessions.distinct()[:PUBLIC_LIST_LIMIT]), now)


def session_list_upcoming(*, limit: int = 3, now: datetime | None = None) -> list[CourseSession]:
    """The next ``limit`` sessions that are not cancelled, for teasers (the knowledge home page).

    Each has ``availability`` (``.label`` such as "3 ledige pladser") and
    ``get_absolute_url()`` (its course page); ``session.course`` is loaded.
    """
    now = now or clock.now()
    sessions = (
        _public_sessions()
        .filter(starts_at__gt=now)
        .exclude(status=CourseSession.Status.CANCELLED)
        .order_by("starts_at", "pk")[:limit]
    )
    return _with_availability(list(sessions), now)


def topic_list_with_published_courses() -> list[Topic]:
    """Topics that at least one published course has, by name (the calendar's topic filter)."""
    return list(taxonomy_selectors.topic_list().filter(courses__is_published=True).distinct())


def month_choices(*, now: datetime | None = None) -> list[date]:
    """First days of the months that have upcoming public sessions, in order."""
    now = now or clock.now()
    starts = _public_sessions().filter(starts_at__gt=now).values_list("starts_at", flat=True)
    months = {timezone.localtime(start, COPENHAGEN).date().replace(day=1) for start in starts}
    return sorted(months)


def course_get_public(*, slug: str) -> Course:
    course = (
        Course.objects.filter(slug=slug, is_published=True)
        .prefetch_related(
            Prefetch("topics", queryset=taxonomy_selectors.topic_list()),
            Prefetch("audiences", queryset=taxonomy_selectors.audience_list()),
        )
        .first()
    )
    if course is None:
        raise Http404
    return course


def course_sessions_public(*, course: Course, now: datetime | None = None) -> list[CourseSession]:
    """The course's sessions that have not started, with ``availability``."""
    now = now or clock.now()
    sessions = course.sessions.filter(starts_at__gt=now).order_by("starts_at", "pk")
    result = list(sessions)
    for session in result:
        session.course = course
    return _with_availability(result, now)


def session_get_public(*, slug: str, session_id: int) -> CourseSession:
    session = _public_sessions().filter(course__slug=slug, pk=session_id).first()
    if session is None:
        raise Http404
    return session


def _owned_by(user: User) -> Q:
    """A user's registrations: made with the account, or with their address before they had one."""
    return Q(user=user) | Q(user__isnull=True, email=user.email.lower())


def _with_position(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    ahead = (
        Registration.objects.filter(
            session=OuterRef("session"),
            status=Status.WAITING,
            arrival_number__lte=OuterRef("arrival_number"),
        )
        .order_by()
        .values("session")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return registrations.annotate(waiting_position=Coalesce(Subquery(ahead), 0))


def registrations_by_session(
    *, user: Any, sessions: list[CourseSession]
) -> dict[int, Registration]:
    """The user's active registration for each of ``sessions`` (for the course page)."""
    if not getattr(user, "is_authenticated", False) or not sessions:
        return {}
    registrations = _with_position(
        Registration.objects.filter(_owned_by(user), session__in=sessions).exclude(
            status=Status.CANCELLED
        )
    )
    return {registration.session_id: registration for registration in registrations}


@dataclass
class MyCourses:
    upcoming: list[Registration] = field(default_factory=list)
    past: list[Registration] = field(default_factory=list)


def registration_list_for_user(*, user: User, now: datetime | None = None) -> MyCourses:
    """A user's registrations that are not cancelled: upcoming (soonest first) and past."""
    now = now or clock.now()
    registrations = _with_position(
        Registration.objects.filter(_owned_by(user))
        .exclude(status=Status.CANCELLED)
        .select_related("session__course")
        .order_by("session__starts_at", "pk")
    )
    mine = MyCourses()
    for registration in registrations:
        if registration.session.ends_at > now:
            mine.upcoming.append(registration)
        else:
            mine.past.append(registration)
    mine.past.reverse()
    return mine


def registration_get_for_user(*, user: User, pk: int) -> Registration:
    """One of the user's own registrations; 404 for anyone else's (never revealing it exists)."""
    registration = (
        Registration.objects.filter(_owned_by(user), pk=pk)
        .select_related("session__course")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


# Course administration. The access policy checks the role; these check it again, so a
# selector used from a new view without a policy still refuses.


def _require_course_administrator(user: User) -> None:
    if not has_role(user, Role.COURSE_ADMINISTRATOR):
        raise PermissionDenied


def course_get_for_user(*, user: User, pk: int) -> Course:
    _require_course_administrator(user)
    course = Course.objects.filter(pk=pk).prefetch_related("topics", "audiences").first()
    if course is None:
        raise Http404
    return course


def session_get_for_user(*, user: User, pk: int) -> CourseSession:
    _require_course_administrator(user)
    session = CourseSession.objects.select_related("course").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def registration_get_for_administrator(*, user: User, pk: int) -> Registration:
    _require_course_administrator(user)
    registration = Registration.objects.select_related("session__course").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def course_list_for_administration(*, now: datetime | None = None) -> list[Course]:
    """Every course with its sessions (newest last) and counts per session."""
    now = now or clock.now()
    sessions = CourseSession.objects.annotate(
        waiting_count=Count("registrations", filter=Q(registrations__status=Status.WAITING))
    ).order_by("starts_at", "pk")
    courses = list(
        Course.objects.prefetch_related(Prefetch("sessions", queryset=sessions)).order_by("title")
    )
    for course in courses:
        _with_availability(list(course.sessions.all()), now)
    return courses


@dataclass
class Participants:
    seated: list[Registration] = field(default_factory=list)  # confirmed, attended, no-show
    waiting: list[Registration] = field(default_factory=list)  # in order, position from 1
    pending: list[Registration] = field(default_factory=list)
    cancelled: list[Registration] = field(default_factory=list)


def session_participants(*, session: CourseSession) -> Participants:
    """Everyone registered for ``session``, grouped; the caller must audit the read."""
    participants = Participants()
    registrations = Registration.objects.filter(session=session).order_by(
        F("arrival_number").asc(nulls_last=True), "pk"
    )
    for registration in registrations:
        registration.session = session
        if registration.holds_seat:
            participants.seated.append(registration)
        elif registration.status == Status.WAITING:
            registration.waiting_position = len(participants.waiting) + 1  # type: ignore[attr-defined]
            participants.waiting.append(registration)
        elif registration.status == Status.PENDING:
            participants.pending.append(registration)
        else:
            participants.cancelled.append(registration)
    return participants


@dataclass(frozen=True)
class EvaluationSummary:
    answers: int
    shown: bool  # False until EVALUATION_MIN_ANSWERS answers have come in
    average: float | None = None
    distribution: tuple[tuple[int, int], ...] = ()  # (rating, count) for 5 … 1
    comments: tuple[str, ...] = ()  # in random order: answer order could hint at who wrote them
    invitations_open: int = 0


def evaluation_summary(*, session: CourseSession) -> EvaluationSummary:
    responses = EvaluationResponse.objects.filter(session=session)
    totals = responses.aggregate(answers=Count("pk"), average=Avg("rating"))
    answers = totals["answers"] or 0
    open_invitations = session.evaluation_invitations.count()
    if answers < EVALUATION_MIN_ANSWERS:
        return EvaluationSummary(answers=answers, shown=False, invitations_open=open_invitations)
    counts = dict(
        responses.order_by()
        .values_list("rating")
        .annotate(count=Count("pk"))
        .values_list("rating", "count")
    )
    comments = [comment for comment in responses.values_list("comment", flat=True) if comment]
    random.shuffle(comments)
    return EvaluationSummary(
        answers=answers,
        shown=True,
        average=round(float(totals["average"]), 1),
        distribution=tuple((rating, counts.get(rating, 0)) for rating in range(5, 0, -1)),
        comments=tuple(comments),
        invitations_open=open_invitations,
    )


def feed_sessions(*, now: datetime | None = None) -> list[CourseSession]:
    """Sessions of published courses for the public calendar feed: recent past and upcoming."""
    now = now or clock.now()
    return list(
        _public_sessions().filter(starts_at__gte=now - FEED_HISTORY).order_by("starts_at", "pk")
    )


# ----------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class CourseMonthFigures:
    """For the statistics (``tillid.stats``): one month's sessions (not cancelled), by the
    month they start. Counts and sums only."""

    month: int
    sessions: int = 0
    capacity: int = 0
    registrations: dict[str, int] = field(default_factory=dict)  # status → count
    responses: int = 0
    rating_sum: int = 0


def course_month_figures(*, start: datetime, end: datetime) -> list[CourseMonthFigures]:
    """Sessions starting from ``start`` to ``end``: three GROUP BY queries (sessions and seats,
    registrations by status, evaluation answers), whatever the number of sessions. No name,
    email, need or comment is read."""
    sessions = CourseSession.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(
        status=CourseSession.Status.CANCELLED
    )
    months: dict[int, CourseMonthFigures] = {}
    for row in (
        sessions.values(month=ExtractMonth("starts_at"))
        .annotate(sessions=Count("pk"), capacity=Sum("capacity"))
        .order_by()
    ):
        months[row["month"]] = CourseMonthFigures(
            month=row["month"], sessions=row["sessions"], capacity=row["capacity"] or 0
        )
    for line in (
        Registration.objects.filter(session__in=sessions)
        .values("status", month=ExtractMonth("session__starts_at"))
        .annotate(count=Count("pk"))
        .order_by()
    ):
        if line["month"] in months:
            months[line["month"]].registrations[line["status"]] = line["count"]
    for answers in (
        EvaluationResponse.objects.filter(session__in=sessions)
        .values(month=ExtractMonth("session__starts_at"))
        .annotate(count=Count("pk"), total=Sum("rating"))
        .order_by()
    ):
        if answers["month"] in months:
            figures = months[answers["month"]]
            months[answers["month"]] = CourseMonthFigures(
                month=figures.month,
                sessions=figures.sessions,
                capacity=figures.capacity,
                registrations=figures.registrations,
                responses=answers["count"],
                rating_sum=answers["total"] or 0,
            )
    return [months[month] for month in sorted(months)]


def next_session_change(*, now: datetime) -> datetime | None:
    """The next registration deadline, start or end of a published session after ``now``: the
    calendar's "ledige pladser", "Tilmeldingen er lukket" and "Afholdt" change then, so the page
    cache (``tillid.core.page_cache``) keeps course pages no longer than that."""
    found = (
        _public_sessions()
        .exclude(status=CourseSession.Status.CANCELLED)
        .aggregate(
            deadline=Min("registration_deadline", filter=Q(registration_deadline__gte=now)),
            start=Min("starts_at", filter=Q(starts_at__gt=now)),
            end=Min("ends_at", filter=Q(ends_at__gt=now)),
        )
    )
    if found["deadline"] is not None:
        # Registration closes once the deadline has passed (``availability``), just after it.
        found["deadline"] += timedelta(microseconds=1)
    return min((moment for moment in found.values() if moment is not None), default=None)
