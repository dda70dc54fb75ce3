"""Directory records as HSDS 3.0 objects.

Two rules hold here: a confidential location becomes a location with its area and no address or
coordinates (the database holds none anyway), and opening hours become HSDS schedules in local
Copenhagen time (``opens_at`` "09:00"; a closing time of midnight is "24:00"). HSDS has no
holidays: the service's holiday rule is stated in each schedule's ``notes``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

from django.utils.translation import gettext as _

from tillid.api import schemas
from tillid.directory.models import (
    MIDNIGHT,
    HoursMode,
    Location,
    Organization,
    Phone,
    PhoneHoursMode,
    Schedule,
    ScheduleException,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tillid.directory.phones import format_danish_phone, international

BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
TIMEZONE_NOTE = "Europe/Copenhagen"


def timestamp(value: datetime) -> str:
    """HSDS date-time: UTC with milliseconds ("2026-03-15T10:30:45.123Z")."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _clock(value: time | None, *, closing: bool = False) -> str | None:
    if value is None:
        return None
    if closing and value == MIDNIGHT:
        return "24:00"
    return value.strftime("%H:%M")


def _text(value: str) -> str | None:
    return value or None


def taxonomy_out(taxonomy: Taxonomy) -> schemas.TaxonomyOut:
    return schemas.TaxonomyOut(
        id=taxonomy.uuid,
        name=taxonomy.name,
        description=taxonomy.description,
        uri=_text(taxonomy.uri),
        version=_text(taxonomy.version),
    )


def term_out(term: TaxonomyTerm) -> schemas.TaxonomyTermOut:
    return schemas.TaxonomyTermOut(
        id=term.uuid,
        code=term.code,
        name=term.name,
        description=term.description,
        parent_id=term.parent.uuid if term.parent_id and term.parent else None,
        taxonomy=term.taxonomy.name,
        taxonomy_id=term.taxonomy.uuid,
        language="da",
    )


def organization_brief(organization: Organization) -> schemas.OrganizationBriefOut:
    return schemas.OrganizationBriefOut(
        id=organization.uuid,
        name=organization.name,
        alternate_name=_text(organization.alternate_name),
        description=organization.description,
        email=_text(organization.email),
        website=_text(organization.website),
        parent_organization_id=organization.parent.uuid if organization.parent else None,
    )


def _description(service: Service) -> str | None:
    return "\n\n".join(part for part in (service.summary, service.description) if part) or None


def _list_fields(service: Service) -> dict[str, object]:
    return {
        "id": service.uuid,
        "organization_id": service.organization.uuid,
        "name": service.name,
        "alternate_name": _text(service.alternate_name),
        "description": _description(service),
        "url": _text(service.url),
        "email": _text(service.email),
        "status": service.status,
        "interpretation_services": _text(service.interpretation_services),
        "application_process": _text(service.application_process),
        "fees_description": _text(service.fees_description)
        or (_("Gratis") if service.is_free else None),
        "eligibility_description": _text(service.eligibility_description),
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "assured_date": service.assured_date.isoformat() if service.assured_date else None,
        "alert": _text(service.alert),
        "last_modified": timestamp(service.last_modified),
        "organization": organization_brief(service.organization),
    }


def service_list_item(service: Service) -> schemas.ServiceListItemOut:
    return schemas.ServiceListItemOut(**_list_fields(service))  # type: ignore[arg-type]


def _phone_out(phone: Phone, service: Service) -> schemas.PhoneOut:
    parts = [phone.label] if phone.label else []
    if phone.hours_mode == PhoneHoursMode.ALWAYS:
        parts.append(_("Døgnåben"))
    elif phone.hours_mode == PhoneHoursMode.APPOINTMENT:
        parts.append(_("Efter aftale"))
    parts.append(_("Verificeret") if phone.is_verified else _("Ikke verificeret"))
    return schemas.PhoneOut(
        id=phone.uuid,
        service_id=service.uuid,
        number=international(phone.number),
        type=phone.type,
        description=" · ".join(parts),
    )


def _holiday_note(service: Service) -> str:
    return f"{service.get_holiday_policy_display()}. {_('Tider i lokal tid')} ({TIMEZONE_NOTE})."


def _rule_out(rule: Schedule, service: Service) -> schemas.ScheduleOut:
    description = None
    if rule.phone_id and rule.phone:
        description = _("Gælder telefonnummer %(number)s") % {
            "number": format_danish_phone(rule.phone.number)
        }
    return schemas.ScheduleOut(
        id=rule.uuid,
        service_id=service.uuid,
        freq="WEEKLY",
        wkst="MO",
        byday=BYDAY[rule.weekday],
        opens_at=_clock(rule.opens_at),
        closes_at=_clock(rule.closes_at, closing=True),
        description=description,
        notes=_holiday_note(service),
    )


def _exception_out(exception: ScheduleException, service: Service) -> schemas.ScheduleOut:
    day = exception.date.isoformat()
    parts = [_("Lukket") if exception.is_closed else _("Ændret åbningstid")]
    if exception.note:
        parts.append(exception.note)
    if exception.phone_id and exception.phone:
        parts.append(
            _("Gælder telefonnummer %(number)s")
            % {"number": format_danish_phone(exception.phone.number)}
        )
    return schemas.ScheduleOut(
        id=exception.uuid,
        service_id=service.uuid,
        valid_from=day,
        valid_to=day,
        dtstart=day,
        opens_at=_clock(exception.opens_at),
        closes_at=_clock(exception.closes_at, closing=True),
        description=" · ".join(parts),
    )


def _schedules(service: Service) -> list[schemas.ScheduleOut]:
    schedules: list[schemas.ScheduleOut] = []
    if service.hours_mode == HoursMode.ALWAYS:
        schedules.append(
            schemas.ScheduleOut(
                id=uuid.uuid5(service.uuid, "always"),
                service_id=service.uuid,
                freq="WEEKLY",
                wkst="MO",
                byday=",".join(BYDAY),
                opens_at="00:00",
                closes_at="24:00",
                description=_("Døgnåben"),
            )
        )
    elif service.hours_mode == HoursMode.APPOINTMENT:
        schedules.append(
            schemas.ScheduleOut(
                id=uuid.uuid5(service.uuid, "appointment"),
                service_id=service.uuid,
                description=_("Efter aftale"),
                attending_type=_("Efter aftale"),
            )
        )
    phones_with_hours = {
        phone.pk for phone in service.phones.all() if phone.hours_mode == PhoneHoursMode.WEEKLY
    }
    for rule in service.schedules.all():
        own = rule.phone_id is None and service.hours_mode == HoursMode.WEEKLY
        if own or rule.phone_id in phones_with_hours:
            schedules.append(_rule_out(rule, service))
    if service.hours_mode != HoursMode.NOT_STATED:
        schedules.extend(
            _exception_out(item, service) for item in service.schedule_exceptions.all()
        )
    return schedules


def location_out(location: Location) -> schemas.LocationOut:
    """A confidential location is its name and area only: no address, no coordinates."""
    if location.is_confidential:
        return schemas.LocationOut(
            id=location.uuid,
            location_type=location.location_type,
            organization_id=location.organization.uuid,
            name=location.name,
            description=_("Hemmelig adresse. Område: %(area)s") % {"area": location.area},
        )
    addresses = []
    if location.address_1 and location.city:
        addresses.append(
            schemas.AddressOut(
                id=uuid.uuid5(location.uuid, "address"),
                location_id=location.uuid,
                address_1=location.address_1,
                city=location.city,
                state_province=location.area,
                postal_code=location.postal_code,
                country="DK",
                address_type=location.location_type,
            )
        )
    return schemas.LocationOut(
        id=location.uuid,
        location_type=location.location_type,
        organization_id=location.organization.uuid,
        name=location.name,
        description=_text(location.description),
        latitude=float(location.latitude) if location.latitude is not None else None,
        longitude=float(location.longitude) if location.longitude is not None else None,
        addresses=addresses,
    )


def service_out(service: Service) -> schemas.ServiceOut:
    """The fully nested service; expects the prefetches of ``hsds_services(full=True)``."""
    terms = list(service.service_types.all())
    return schemas.ServiceOut(
        **_list_fields(service),  # type: ignore[arg-type]
        phones=[_phone_out(phone, service) for phone in service.phones.all()],
        schedules=_schedules(service),
        service_at_locations=[
            schemas.ServiceAtLocationOut(
                id=link.uuid,
                service_id=service.uuid,
                location_id=link.location.uuid,
                description=_text(link.description),
                location=location_out(link.location),
            )
            for link in service.service_at_locations.all()
        ],
        languages=[
            schemas.LanguageOut(
                id=language.uuid,
                service_id=service.uuid,
                name=language.name,
                code=language.code,
                note=_text(language.note),
            )
            for language in service.languages.all()
        ],
        contacts=[
            schemas.ContactOut(
                id=contact.uuid,
                service_id=service.uuid,
                name=contact.name,
                title=_text(contact.title),
                department=_text(contact.department),
                email=_text(contact.email),
            )
            for contact in service.contacts.all()
        ],
        cost_options=(
            [
                schemas.CostOptionOut(
                    id=uuid.uuid5(service.uuid, "free"),
                    service_id=service.uuid,
                    option=_("Gratis"),
                    currency="DKK",
                    amount=0,
                )
            ]
            if service.is_free
            else []
        ),
        attributes=[
            schemas.AttributeOut(
                id=uuid.uuid5(service.uuid, str(term.uuid)),
                link_id=service.uuid,
                taxonomy_term_id=term.uuid,
                link_type="service_type",
                link_entity="service",
                value=term.code,
                taxonomy_term=term_out(term),
            )
            for term in terms
        ],
    )


def organization_out(organization: Organization) -> schemas.OrganizationOut:
    """The organisation with its locations and active services, fully nested."""
    return schemas.OrganizationOut(
        **organization_brief(organization).model_dump(),
        locations=[location_out(location) for location in organization.locations.all()],
        services=[service_out(service) for service in organization.services.all()],
    )
