"""Reads of the directory: public service lists and pages, contact cards, hours, site search.

Everything here is public data, yet two rules hold for every reader:

- only services with status "active" are shown (``service_queryset_public``);
- a confidential location never yields more than its area (``cards.LocationLine``).

Selectors take ``now`` explicitly (the caller's clock) so that "open now" is testable.
Query counts are fixed: one query per related table, whatever the number of services.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from tillid.core import clock
from tillid.core.age_groups import AGE_BANDS
from tillid.directory import hours_text
from tillid.directory.cards import (
    ContactCard,
    OrganizationPage,
    ServiceCard,
    ServiceDetail,
    location_line,
    phone_hours_spec,
    service_card,
    service_cards,
    service_hours_spec,
    service_hours_status,
)
from tillid.directory.models import (
    Location,
    Organization,
    Phone,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from tillid.directory.opening_hours import COPENHAGEN, status_at

# Dated exceptions are fetched for this window around today (yesterday + the "opens on" horizon).
EXCEPTION_WINDOW_DAYS = 16


# ---------------------------------------------------------------- querysets


def _exceptions_from(today: date) -> QuerySet[ScheduleException]:
    return ScheduleException.objects.filter(
        date__gte=today - timedelta(days=1),
        date__lte=today + timedelta(days=EXCEPTION_WINDOW_DAYS),
    )


def service_queryset_public(*, today: date | None = None) -> QuerySet[Service]:
    """Active services with everything a card or page needs, in a fixed number of queries."""
    today = today or timezone.localdate(clock.now())
    return (
        Service.objects.filter(status=Service.Status.ACTIVE)
        .select_related("organization")
        .prefetch_related(
            Prefetch("phones", queryset=Phone.objects.order_by("sort_order", "pk")),
            Prefetch("schedules", queryset=Schedule.objects.order_by("weekday", "opens_at")),
            Prefetch("schedule_exceptions", queryset=_exceptions_from(today)),
            Prefetch("service_types", queryset=TaxonomyTerm.objects.order_by("sort_order")),
        )
        .order_by("name", "pk")
    )


# ---------------------------------------------------------------- public reads


@dataclass(frozen=True)
class ServiceFilters:
    audience: str = ""  # "professionals", "citizens" or ""
    age_group: str = ""  # a code of tillid.core.age_groups.AGE_BANDS, or ""
    type_code: str = ""
    open_now: bool = False
    free: bool = False
    query: str = ""


# Age groups as the guide and the filters use them: the shared bands with the legal line at 18
# (tillid.core.age_groups), keyed by their codes; (youngest, oldest), None is open-ended.
AGE_GROUPS: dict[str, tuple[int, int | None]] = {
    code: (youngest, oldest) for code, (_label, youngest, oldest) in AGE_BANDS.items()
}


def age_overlap_q(group: str) -> Q:
    """Services whose age range overlaps the group's (no age limits means every age)."""
    youngest, oldest = AGE_GROUPS[group]
    condition = Q(maximum_age__isnull=True) | Q(maximum_age__gte=youngest)
    if oldest is not None:
        condition &= Q(minimum_age__isnull=True) | Q(minimum_age__lte=oldest)
    return condition


def service_list(*, filters: ServiceFilters, now: datetime) -> list[ServiceCard]:
    """Active services matching the filters, ordered by name. "Open now" is decided in Python
    after the database filters (the directory is small: tens to hundreds of services)."""
    services = service_queryset_public(today=timezone.localdate(now))
    if filters.audience == "professionals":
        services = services.filter(for_professionals=True)
    elif filters.audience == "citizens":
        services = services.filter(for_citizens=True)
    if filters.age_group in AGE_GROUPS:
        services = services.filter(age_overlap_q(filters.age_group))
    if filters.type_code:
        services = services.filter(service_types__code=filters.type_code)
    if filters.free:
        services = services.filter(is_free=True)
    if filters.query:
        services = services.filter(text_search_q(filters.query))
    cards = service_cards(services.distinct(), now=now)
    if filters.open_now:
        cards = [card for card in cards if card.is_open]
    return cards


def text_search_q(query: str) -> Q:
    condition = Q()
    for word in query.split()[:8]:
        condition &= (
            Q(name__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(organization__name__icontains=word)
            | Q(service_types__name__icontains=word)
        )
    return condition


def service_get_public(*, slug: str) -> Service | None:
    return (
        service_queryset_public()
        .prefetch_related(
            "contacts",
            "languages",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location"),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def service_detail(*, slug: str, now: datetime) -> ServiceDetail | None:
    service = service_get_public(slug=slug)
    if service is None:
        return None
    status = service_hours_status(service, now=now)
    return ServiceDetail(
        card=service_card(service, now),
        alternate_name=service.alternate_name,
        description=service.description,
        what_to_expect=service.what_to_expect,
        eligibility_description=service.eligibility_description,
        application_process=service.application_process,
        fees_description=service.fees_description,
        interpretation_services=service.interpretation_services,
        website=service.url or service.organization.website,
        email=service.email,
        week=hours_text.week_lines(status),
        locations=tuple(
            location_line(link.location) for link in service.service_at_locations.all()
        ),
        contacts=tuple(
            (contact.name, contact.title, contact.email) for contact in service.contacts.all()
        ),
        languages=tuple(language.name for language in service.languages.all()),
        assured_date=service.assured_date,
        organization_name=service.organization.name,
        organization_url=reverse(
            "directory:organization", kwargs={"slug": service.organization.slug}
        ),
        last_modified=service.last_modified,
    )


def organization_page(*, slug: str, now: datetime) -> OrganizationPage | None:
    organization = (
        Organization.objects.filter(slug=slug)
        .prefetch_related(Prefetch("locations", queryset=Location.objects.order_by("sort_order")))
        .first()
    )
    if organization is None:
        return None
    services = service_queryset_public(today=timezone.localdate(now)).filter(
        organization=organization
    )
    return OrganizationPage(
        name=organization.name,
        alternate_name=organization.alternate_name,
        description=organization.description,
        website=organization.website,
        email=organization.email,
        locations=tuple(location_line(location) for location in organization.locations.all()),
        services=tuple(service_cards(services, now=now)),
    )


def service_contact_card(*, service_id: int, now: datetime | None = None) -> ContactCard | None:
    """The contact card for one active service, or None if it is missing or not active."""
    return service_contact_cards(service_ids=[service_id], now=now).get(service_id)


def service_contact_cards(
    *, service_ids: Sequence[int], now: datetime | None = None
) -> dict[int, ContactCard]:
    """Contact cards of the active services among ``service_ids``, by id, in one fixed number of
    queries however many there are (a page with several cards asks once)."""
    if not service_ids:
        return {}
    now = now or clock.now()
    services = service_queryset_public(today=timezone.localdate(now)).filter(
        pk__in=set(service_ids)
    )
    cards = {}
    for service in services:
        card = service_card(service, now)
        cards[service.pk] = ContactCard(
            name=card.name,
            url=card.url,
            phones=list(card.phones),
            opening_hours_summary=card.status_text,
            is_verified=card.is_verified,
        )
    return cards


def services_by_ids(*, ids: Sequence[int], now: datetime) -> list[ServiceCard]:
    """Active services among ``ids``, in the order given (unknown or inactive ids are dropped)."""
    found = {
        service.pk: service
        for service in service_queryset_public(today=timezone.localdate(now)).filter(pk__in=ids)
    }
    return service_cards([found[pk] for pk in dict.fromkeys(ids) if pk in found], now=now)


def public_addresses(*, service_ids: Sequence[int]) -> dict[int, list[str]]:
    """Street addresses of the services' non-confidential locations, by service id."""
    addresses: dict[int, list[str]] = {}
    links = (
        ServiceAtLocation.objects.filter(
            service_id__in=service_ids, location__is_confidential=False
        )
        .exclude(location__address_1="")
        .select_related("location")
        .order_by("sort_order", "pk")
    )
    for link in links:
        addresses.setdefault(link.service_id, []).append(location_line(link.location).address)
    return addresses


def referral_choices() -> list[tuple[int, str]]:
    """(id, name) of every active service open to citizens, for the referral slip's form: the
    slip is handed to a citizen, so a service only professionals may use has no place on it."""
    return [
        (pk, name)
        for pk, name in Service.objects.filter(status=Service.Status.ACTIVE, for_citizens=True)
        .order_by("name", "pk")
        .values_list("pk", "name")
    ]


def service_ids_by_slug() -> dict[str, int]:
    """Every service's database id by its slug (the demo content refers to services by slug)."""
    return dict(Service.objects.values_list("slug", "pk"))


def service_types() -> list[TaxonomyTerm]:
    return list(TaxonomyTerm.objects.order_by("sort_order", "name"))


def services_not_confirmed_since(*, today: date, months: int = 6) -> QuerySet[Service]:
    """Services (any status but defunct) whose facts nobody has confirmed for ``months`` months,
    never-confirmed first, then the oldest confirmation first."""
    cutoff = today - timedelta(days=round(months * 365.25 / 12))
    return (
        Service.objects.exclude(status=Service.Status.DEFUNCT)
        .filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff))
        .select_related("organization")
        .order_by(F("assured_date").asc(nulls_first=True), "name")
    )


def next_hours_change(*, now: datetime) -> datetime | None:
    """The next moment after ``now`` at which an active service or one of its phones opens or
    closes: pages showing "åben nu" or "lukket" are kept in the page cache no longer than that
    (``tillid.core.page_cache``). None when no service changes within the hours' horizon."""
    moments: list[datetime] = []
    for service in service_queryset_public(today=timezone.localdate(now)).order_by():
        phones = (phone_hours_spec(phone, service) for phone in service.phones.all())
        specs = [service_hours_spec(service), *(spec for spec in phones if spec)]
        for spec in specs:
            status = status_at(spec, now)
            moments += [
                moment.replace(tzinfo=COPENHAGEN)
                for moment in (status.closes_at, status.opens_at)
                if moment is not None
            ]
    return min(moments, default=None)
