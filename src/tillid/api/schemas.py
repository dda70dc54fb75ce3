"""Response and query schemas of the public API, named and shaped as Open Referral HSDS 3.0.

Optional fields are left out of responses when empty (HSDS types them as plain strings, not
nullable), so every object validates against the official compiled schemas.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from ninja import Field, Schema
from pydantic import BeforeValidator

MAX_PER_PAGE = 100
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_8601_only(value: Any) -> Any:
    """Refuse what pydantic would otherwise read as a Unix timestamp ("0.5", "1700000000")."""
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise ValueError("expected an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z")
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_8601_only)]


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: list[dict[str, object]]


class ApiInfoOut(Schema):
    version: str
    profile: str
    openapi_url: str


class ListParams(Schema):
    search: str | None = Field(None, max_length=200, description="Full text search.")
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.")
    per_page: int = Field(
        20, ge=1, le=MAX_PER_PAGE, description=f"Results per page (at most {MAX_PER_PAGE})."
    )


class ServiceListParams(ListParams):
    taxonomy_term_id: UUID | None = Field(None, description="Services with this taxonomy term.")
    taxonomy_id: UUID | None = Field(None, description="Services with a term of this taxonomy.")
    organization_id: UUID | None = Field(None, description="Services of this organization.")
    modified_after: IsoDateTime | None = Field(
        None, description="Modified on or after this date-time (ISO 8601; UTC if no offset)."
    )


class OrganizationListParams(ListParams):
    modified_after: IsoDateTime | None = Field(
        None, description="Modified on or after this date-time (ISO 8601; UTC if no offset)."
    )


class TaxonomyTermListParams(ListParams):
    taxonomy_id: UUID | None = Field(None, description="Terms of this taxonomy.")


class TaxonomyOut(Schema):
    id: UUID
    name: str
    description: str
    uri: str | None = None
    version: str | None = None


class TaxonomyTermOut(Schema):
    id: UUID
    code: str | None = None
    name: str
    description: str
    parent_id: UUID | None = None
    taxonomy: str | None = None
    taxonomy_id: UUID | None = None
    language: str | None = None


class AttributeOut(Schema):
    id: UUID
    link_id: UUID
    taxonomy_term_id: UUID
    link_type: str
    link_entity: str
    value: str | None = None
    taxonomy_term: TaxonomyTermOut


class PhoneOut(Schema):
    id: UUID
    service_id: UUID
    number: str
    type: str | None = None
    description: str | None = None


class ScheduleOut(Schema):
    id: UUID
    service_id: UUID
    valid_from: str | None = None
    valid_to: str | None = None
    dtstart: str | None = None
    until: str | None = None
    wkst: str | None = None
    freq: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    description: str | None = None
    attending_type: str | None = None
    notes: str | None = None


class AddressOut(Schema):
    id: UUID
    location_id: UUID
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str


class LocationOut(Schema):
    id: UUID
    location_type: str
    organization_id: UUID | None = None
    name: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: list[AddressOut] = []


class ServiceAtLocationOut(Schema):
    id: UUID
    service_id: UUID
    location_id: UUID
    description: str | None = None
    location: LocationOut


class LanguageOut(Schema):
    id: UUID
    service_id: UUID
    name: str | None = None
    code: str | None = None
    note: str | None = None


class ContactOut(Schema):
    id: UUID
    service_id: UUID
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None


class CostOptionOut(Schema):
    id: UUID
    service_id: UUID
    option: str | None = None
    currency: str | None = None
    amount: float | None = None
    amount_description: str | None = None


class OrganizationBriefOut(Schema):
    id: UUID
    name: str
    alternate_name: str | None = None
    description: str
    email: str | None = None
    website: str | None = None
    parent_organization_id: UUID | None = None


class ServiceListItemOut(Schema):
    id: UUID
    organization_id: UUID
    name: str
    alternate_name: str | None = None
    description: str | None = None
    url: str | None = None
    email: str | None = None
    status: str
    interpretation_services: str | None = None
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    assured_date: str | None = None
    alert: str | None = None
    last_modified: str
    organization: OrganizationBriefOut


class ServiceOut(ServiceListItemOut):
    phones: list[PhoneOut] = []
    schedules: list[ScheduleOut] = []
    service_at_locations: list[ServiceAtLocationOut] = []
    languages: list[LanguageOut] = []
    contacts: list[ContactOut] = []
    cost_options: list[CostOptionOut] = []
    attributes: list[AttributeOut] = []


class OrganizationOut(OrganizationBriefOut):
    locations: list[LocationOut] = []
    services: list[ServiceOut] = []


class PageOut(Schema):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class ServicePageOut(PageOut):
    contents: list[ServiceListItemOut]


class OrganizationPageOut(PageOut):
    contents: list[OrganizationBriefOut]


class TaxonomyPageOut(PageOut):
    contents: list[TaxonomyOut]


class TaxonomyTermPageOut(PageOut):
    contents: list[TaxonomyTermOut]
