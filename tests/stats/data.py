"""Rows for the statistics tests and the bench, written straight into the models (bulk, fast).

The statistics read only aggregates, so the rows carry just what the figures count; the free
text fields are filled anyway, so that a query selecting them would be caught."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tillid.accounts.models import OrgUnit, User
from tillid.consultations.models import Consultation, ContactChannel, Team, Urgency
from tillid.courses.models import Course, CourseSession, EvaluationResponse, Registration
from tillid.risk import services as risk_services
from tillid.risk.models import Assessment, Instrument, Subject

CPH = ZoneInfo("Europe/Copenhagen")


def moment(year: int, month: int, day: int = 10, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=CPH)


def unit(name: str, parent: OrgUnit | None = None) -> OrgUnit:
    kind = OrgUnit.Kind.ADMINISTRATION if parent is None else OrgUnit.Kind.UNIT
    return OrgUnit.objects.create(name=name, kind=kind, parent=parent)


def team(org_unit: OrgUnit) -> Team:
    return Team.objects.create(name=f"Team {org_unit.name}", org_unit=org_unit)


def consultations(
    team: Team,
    count: int,
    *,
    at: datetime,
    help_types: list[str] | None = None,
    urgency: str = Urgency.WEEK,
    administration: OrgUnit | None = None,
    answered_after: timedelta | None = timedelta(hours=1),
    due_after: timedelta = timedelta(days=2),
) -> None:
    Consultation.objects.bulk_create(
        Consultation(
            team=team,
            submission_token=uuid.uuid4(),
            help_types=help_types or ["sparring"],
            urgency=urgency,
            contact_channel=ContactChannel.MESSAGE,
            description="Fri tekst om en pige, der ikke må gå til svømning.",
            contact_phone="12345678",
            requester_administration=administration,
            created_at=at,
            first_response_due=at + due_after,
            first_response_at=None if answered_after is None else at + answered_after,
        )
        for _ in range(count)
    )


def assessments(author: User, count: int, *, at: datetime, suggested: str, final: str) -> None:
    instrument = Instrument.objects.order_by("pk").first()
    if instrument is None:
        risk_services.instruments_load()
        instrument = Instrument.objects.order_by("pk").first()
    assert instrument is not None
    for _ in range(count):
        subject = Subject.objects.create(created_by=author, reference="Elev i 9.b")
        Assessment.objects.create(
            subject=subject,
            instrument=instrument,
            created_by=author,
            status=Assessment.Status.FINAL,
            age_group="ung",
            suggested_level=suggested,
            final_level=final,
            justification="" if suggested == final else "Fagpersonens begrundelse i fri tekst.",
            finalised_at=at,
        )


def course_session(
    *, at: datetime, capacity: int, ratings: list[int] | None = None, **statuses: int
) -> CourseSession:
    """A session starting ``at`` with ``statuses`` registrations (confirmed=3, waiting=2, ...)
    and ``ratings=[4, 5]`` evaluation answers."""
    course = Course.objects.create(
        title=f"Kursus {uuid.uuid4().hex[:6]}",
        slug=f"kursus-{uuid.uuid4().hex[:10]}",
        summary="Kort",
        description="Beskrivelse",
        audience="Lærere",
        organiser="Etnisk Konsulentteam",
    )
    session = CourseSession.objects.create(
        course=course,
        starts_at=at,
        ends_at=at + timedelta(hours=6),
        registration_deadline=at - timedelta(days=1),
        capacity=capacity,
        place="København",
        venue="Rådhuspladsen 1",
    )
    number = 0
    seats = 0
    rows = []
    for status, how_many in statuses.items():
        for _ in range(how_many):
            number += 1
            seats += status in ("confirmed", "attended", "no_show")
            rows.append(
                Registration(
                    session=session,
                    name=f"Deltager {number}",
                    email=f"deltager{number}-{session.pk}@kk.example",
                    organisation="Skolen",
                    needs="Vegetar",
                    status=status,
                    arrival_number=number,
                )
            )
    Registration.objects.bulk_create(rows)
    CourseSession.objects.filter(pk=session.pk).update(seats_taken=seats, arrivals=number)
    EvaluationResponse.objects.bulk_create(
        EvaluationResponse(
            session=session, rating=rating, comment="Godt kursus", submitted_on=at.date()
        )
        for rating in ratings or []
    )
    return session
