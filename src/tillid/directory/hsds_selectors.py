"""Reads behind the public HSDS API (``tillid.api``): filtered querysets with fixed query counts.

The API shows what the public pages show: active services, all organisations and taxonomies.
Confidential locations hold no address in the database, so nothing here has one to leak.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from tillid.core import clock
from tillid.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

SEARCH_MAX_WORDS = 8


def _words(search: str | None) -> list[str]:
    return (search or "").split()[:SEARCH_MAX_WORDS]


def _service_prefetches(today: date) -> list[Prefetch]:
    return [
        Prefetch("phones", queryset=Phone.objects.order_by("sort_order", "pk")),
        Prefetch(
            "schedules",
            queryset=Schedule.objects.select_related("phone").order_by("weekday", "opens_at"),
        ),
        Prefetch(
            "schedule_exceptions",
            queryset=ScheduleException.objects.filter(date__gte=today)
            .select_related("phone")
            .order_by("date", "opens_at"),
        ),
        Prefetch(
            "service_types",
            queryset=TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by(
                "sort_order"
            ),
        ),
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location__organization").order_by(
                "sort_order"
            ),
        ),
        Prefetch("contacts"),
        Prefetch("languages"),
    ]


def hsds_services(
    *,
    search: str | None = None,
    taxonomy_term: TaxonomyTerm | None = None,
    taxonomy: Taxonomy | None = None,
    organization: Organization | None = None,
    modified_after: datetime | None = None,
    full: bool = False,
    today: date | None = None,
) -> QuerySet[Service]:
    services = Service.objects.filter(status=Service.Status.ACTIVE).select_related("organization")
    for word in _words(search):
        services = services.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
        )
    if taxonomy_term is not None:
        services = services.filter(service_types=taxonomy_term)
    if taxonomy is not None:
        services = services.filter(service_types__taxonomy=taxonomy).distinct()
    if organization is not None:
        services = services.filter(organization=organization)
    if modified_after is not None:
        services = services.filter(last_modified__gte=modified_after)
    if full:
        services = services.prefetch_related(
            *_service_prefetches(today or timezone.localdate(clock.now()))
        )
    return services.order_by("name", "pk")


def hsds_service(*, service_id: uuid.UUID, today: date | None = None) -> Service | None:
    return hsds_services(full=True, today=today).filter(uuid=service_id).first()


def hsds_organizations(
    *, search: str | None = None, modified_after: datetime | None = None
) -> QuerySet[Organization]:
    organizations = Organization.objects.select_related("parent")
    for word in _words(search):
        organizations = organizations.filter(
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(description__icontains=word)
        )
    if modified_after is not None:
        organizations = organizations.filter(last_modified__gte=modified_after)
    return organizations.order_by("name", "pk")


def hsds_organization(
    *, organization_id: uuid.UUID, today: date | None = None
) -> Organization | None:
    services = Service.objects.filter(status=Service.Status.ACTIVE).prefetch_related(
        *_service_prefetches(today or timezone.localdate(clock.now()))
    )
    return (
        Organization.objects.select_related("parent")
        .prefetch_related(
            Prefetch("locations", queryset=Location.objects.order_by("sort_order", "pk")),
            Prefetch("services", queryset=services.order_by("name", "pk")),
        )
        .filter(uuid=organization_id)
        .first()
    )


def hsds_taxonomies(*, search: str | None = None) -> QuerySet[Taxonomy]:
    taxonomies = Taxonomy.objects.all()
    for word in _words(search):
        taxonomies = taxonomies.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return taxonomies.order_by("name", "pk")


def hsds_taxonomy_terms(
    *, search: str | None = None, taxonomy: Taxonomy | None = None
) -> QuerySet[TaxonomyTerm]:
    terms = TaxonomyTerm.objects.select_related("taxonomy", "parent")
    for word in _words(search):
        terms = terms.filter(
            Q(name__icontains=word) | Q(name_en__icontains=word) | Q(code__icontains=word)
        )
    if taxonomy is not None:
        terms = terms.filter(taxonomy=taxonomy)
    return terms.order_by("sort_order", "name", "pk")


def taxonomy_term_by_uuid(term_id: uuid.UUID) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.filter(uuid=term_id).first()


def taxonomy_by_uuid(taxonomy_id: uuid.UUID) -> Taxonomy | None:
    return Taxonomy.objects.filter(uuid=taxonomy_id).first()


def organization_by_uuid(organization_id: uuid.UUID) -> Organization | None:
    return Organization.objects.filter(uuid=organization_id).first()
