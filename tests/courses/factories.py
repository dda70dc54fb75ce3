"""Factories for courses and sessions."""

from __future__ import annotations

from datetime import datetime, timedelta

import factory
from django.utils import timezone

from tillid.courses.models import Course, CourseSession


def in_days(days: float, hour: int = 9) -> datetime:
    """A moment ``days`` from now at ``hour`` o'clock Copenhagen time."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Kursus om social kontrol {n}")
    slug = factory.Sequence(lambda n: f"kursus-{n}")
    kind = Course.Kind.COURSE
    summary = "Et kursus for fagpersoner om social kontrol."
    description = "Beskrivelse af kurset."
    audience = "Lærere og socialrådgivere"
    organiser = "Etnisk Konsulentteam"
    eligibility = Course.Eligibility.MUNICIPALITY


class CourseSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSession

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda session: session.starts_at + timedelta(hours=6))
    registration_deadline = factory.LazyAttribute(
        lambda session: session.starts_at - timedelta(days=3)
    )
    capacity = 10
    place = "København V"
    venue = "Rådhuspladsen 1, 1550 København V"
    status = CourseSession.Status.OPEN
