"""View objects of the directory: what pages, the slip and the contact card may show.

Built from model instances that carry the prefetches of ``selectors.service_queryset_public``.
A confidential location becomes a ``LocationLine`` with its area only: no view object has a
field that could carry its address (and the database holds none to begin with).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.urls import reverse
from django.utils.translation import get_language, gettext

from tillid.directory import hours_text
from tillid.directory.hours_text import DayLine
from tillid.directory.models import (
    HolidayPolicy,
    HoursMode,
    Location,
    Phone,
    PhoneHoursMode,
    Schedule,
    ScheduleException,
    Service,
)
from tillid.directory.opening_hours import (
    DatedHours,
    HoursSpec,
    HoursStatus,
    WeeklyRule,
    status_at,
)
from tillid.directory.phones import format_danish_phone, tel_uri


@dataclass(frozen=True)
class PhoneLine:
    number: str  # "26 77 91 98"
    label: str
    tel: str  # "tel:+4526779198"
    is_verified: bool
    type_label: str
    hours_summary: str = ""  # empty when the phone keeps the service's hours
    week: tuple[DayLine, ...] = ()


@dataclass(frozen=True)
class LocationLine:
    """A location as the public may see it. A confidential one carries only its area."""

    name: str
    is_confidential: bool
    area: str
    address: str = ""  # street, postcode and city; always "" when confidential
    description: str = ""


@dataclass(frozen=True)
class ContactCard:
    """What the knowledge portal's contact-card block shows for one service.

    ``is_verified`` is true when an editor has confirmed the facts (assured date set) and every
    phone number has been checked with the organisation.
    """

    name: str
    url: str
    phones: list[PhoneLine]
    opening_hours_summary: str
    is_verified: bool


@dataclass(frozen=True)
class ServiceCard:
    id: int
    name: str
    slug: str
    url: str
    organization_name: str
    summary: str
    summary_en: str
    alert: str
    is_open: bool
    status_text: str
    phones: tuple[PhoneLine, ...]
    types: tuple[str, ...]
    type_codes: tuple[str, ...]
    for_professionals: bool
    for_citizens: bool
    minimum_age: int | None
    maximum_age: int | None
    employer_restriction: str
    is_free: bool
    is_verified: bool
    hours_summary: str
    hours_note: str
    holiday_text: str
    website: str = ""  # the service's own site (or its organisation's), always shown


@dataclass(frozen=True)
class ServiceDetail:
    card: ServiceCard
    alternate_name: str
    description: str
    what_to_expect: str
    eligibility_description: str
    application_process: str
    fees_description: str
    interpretation_services: str
    website: str
    email: str
    week: tuple[DayLine, ...]
    locations: tuple[LocationLine, ...]
    contacts: tuple[tuple[str, str, str], ...]  # (name, title, email)
    languages: tuple[str, ...]
    assured_date: date | None
    organization_name: str
    organization_url: str
    last_modified: datetime


@dataclass(frozen=True)
class OrganizationPage:
    name: str
    alternate_name: str
    description: str
    website: str
    email: str
    locations: tuple[LocationLine, ...]
    services: tuple[ServiceCard, ...] = field(default=())


# ---------------------------------------------------------------- hours


def _rules(schedules: Iterable[Schedule], phone_id: int | None) -> tuple[WeeklyRule, ...]:
    return tuple(
        WeeklyRule(rule.weekday, rule.opens_at, rule.closes_at)
        for rule in schedules
        if rule.phone_id == phone_id
    )


def _dated(exceptions: Iterable[ScheduleException], phone_id: int | None) -> tuple[DatedHours, ...]:
    return tuple(
        DatedHours(item.date, item.is_closed, item.opens_at, item.closes_at, item.note)
        for item in exceptions
        if item.phone_id == phone_id
    )


def service_hours_spec(service: Service) -> HoursSpec:
    """The service's own hours (rules and exceptions not tied to a phone)."""
    return HoursSpec(
        mode=service.hours_mode,
        rules=_rules(service.schedules.all(), None),
        exceptions=_dated(service.schedule_exceptions.all(), None),
        holiday_policy=service.holiday_policy,
    )


def phone_hours_spec(phone: Phone, service: Service) -> HoursSpec | None:
    """A phone's own hours, or None when it keeps the service's. Service-wide exceptions (a
    closed day) apply to a phone with its own weekly hours unless it has its own for that date."""
    if phone.hours_mode == PhoneHoursMode.SERVICE:
        return None
    own = _dated(service.schedule_exceptions.all(), phone.pk)
    if phone.hours_mode == PhoneHoursMode.WEEKLY:
        own_days = {item.day for item in own}
        shared = tuple(
            item
            for item in _dated(service.schedule_exceptions.all(), None)
            if item.day not in own_days
        )
        return HoursSpec(
            mode=HoursMode.WEEKLY,
            rules=_rules(service.schedules.all(), phone.pk),
            exceptions=own + shared,
            holiday_policy=service.holiday_policy,
        )
    return HoursSpec(mode=phone.hours_mode, exceptions=own, holiday_policy=service.holiday_policy)


def _weekly_summary(spec: HoursSpec) -> str:
    if spec.mode == HoursMode.ALWAYS:
        return gettext("Døgnåben")
    if spec.mode == HoursMode.APPOINTMENT:
        return gettext("Efter aftale")
    if spec.mode == HoursMode.NOT_STATED:
        return gettext("Åbningstider ikke oplyst")
    return hours_text.weekly_summary(
        [(rule.weekday, rule.opens_at, rule.closes_at) for rule in spec.rules]
    )


def _holiday_text(service: Service) -> str:
    if service.hours_mode != HoursMode.WEEKLY:
        return ""
    if service.holiday_policy == HolidayPolicy.KEEPS_HOURS:
        return gettext("Også åbent på helligdage")
    if service.holiday_policy == HolidayPolicy.MUNICIPAL:
        return gettext("Lukket på helligdage og kommunens lukkedage")
    return gettext("Lukket på helligdage")


def _phone_lines(service: Service, now: datetime) -> tuple[PhoneLine, ...]:
    lines = []
    for phone in service.phones.all():
        spec = phone_hours_spec(phone, service)
        status = status_at(spec, now) if spec else None
        lines.append(
            PhoneLine(
                number=format_danish_phone(phone.number),
                label=phone.label,
                tel=tel_uri(phone.number),
                is_verified=phone.is_verified,
                type_label=str(phone.get_type_display()),
                hours_summary=(
                    f"{_weekly_summary(spec)} · {hours_text.status_text(status)}"
                    if spec and status
                    else ""
                ),
                week=hours_text.week_lines(status) if status else (),
            )
        )
    return tuple(lines)


def service_hours_status(service: Service, *, now: datetime) -> HoursStatus:
    return status_at(service_hours_spec(service), now)


# ---------------------------------------------------------------- view objects


def service_card(service: Service, now: datetime) -> ServiceCard:
    spec = service_hours_spec(service)
    status = status_at(spec, now)
    phones = _phone_lines(service, now)
    types = list(service.service_types.all())
    english = (get_language() or "da").startswith("en")
    return ServiceCard(
        id=service.pk,
        name=service.name,
        slug=service.slug,
        url=reverse("directory:service", kwargs={"slug": service.slug}),
        organization_name=service.organization.name,
        summary=service.summary_en if english and service.summary_en else service.summary,
        summary_en=service.summary_en or service.summary,
        alert=service.alert,
        is_open=status.is_open,
        status_text=hours_text.status_text(status),
        phones=phones,
        types=tuple(term.name_en if english and term.name_en else term.name for term in types),
        type_codes=tuple(term.code for term in types),
        for_professionals=service.for_professionals,
        for_citizens=service.for_citizens,
        minimum_age=service.minimum_age,
        maximum_age=service.maximum_age,
        employer_restriction=service.employer_restriction,
        is_free=service.is_free,
        is_verified=service.assured_date is not None and all(p.is_verified for p in phones),
        hours_summary=_weekly_summary(spec),
        hours_note=service.hours_note,
        holiday_text=_holiday_text(service),
        website=service.url,
    )


def location_line(location: Location) -> LocationLine:
    """The only way a location leaves the directory app for display."""
    if location.is_confidential:
        return LocationLine(
            name=location.name,
            is_confidential=True,
            area=location.area,
            description=location.description,
        )
    postal = " ".join(part for part in (location.postal_code, location.city) if part)
    address = ", ".join(part for part in (location.address_1, postal) if part)
    return LocationLine(
        name=location.name,
        is_confidential=False,
        area=location.area,
        address=address,
        description=location.description,
    )


def service_cards(services: Iterable[Service], *, now: datetime) -> list[ServiceCard]:
    return [service_card(service, now) for service in services]
