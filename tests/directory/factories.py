"""Factories for the directory (also used by tests/api and the browser tests)."""

from __future__ import annotations

from datetime import time
from typing import Any

import factory

from tillid.directory.models import (
    HoursMode,
    Location,
    Organization,
    Phone,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
)
from tillid.directory.taxonomy import ensure_service_types


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    description = "En organisation."


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Tilbud {n}")
    slug = factory.Sequence(lambda n: f"tilbud-{n}")
    summary = "Rådgivning om social kontrol."
    for_professionals = True
    hours_mode = HoursMode.WEEKLY

    @factory.post_generation
    def types(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            terms = ensure_service_types()
            self.service_types.set([terms[code] for code in extracted])
            self.save()  # ParentalManyToManyField: written when the parent is saved


class PhoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phone

    service = factory.SubFactory(ServiceFactory)
    number = "26779198"
    label = "Rådgivning"
    is_verified = True


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    weekday = 0
    opens_at = time(9)
    closes_at = time(15)


class ScheduleExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScheduleException

    service = factory.SubFactory(ServiceFactory)
    is_closed = True


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = "Rådgivningen"
    address_1 = "Rådhuspladsen 1"
    postal_code = "1550"
    city = "København V"
    area = "København"


def weekday_hours(service: Service, opens: time = time(9), closes: time = time(15)) -> None:
    """Monday to Friday, opens-closes."""
    for day in range(5):
        Schedule.objects.create(service=service, weekday=day, opens_at=opens, closes_at=closes)


def confidential_location(service: Service, area: str = "Storkøbenhavn") -> Location:
    location = Location.objects.create(
        organization=service.organization,
        name="Skjult bolig",
        is_confidential=True,
        area=area,
        description="Adressen er hemmelig.",
    )
    ServiceAtLocation.objects.create(service=service, location=location)
    return location
