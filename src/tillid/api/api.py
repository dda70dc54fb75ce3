"""The public, read-only REST API (django-ninja), shaped as the Open Referral HSDS 3.0 API.

Mounted at ``/api/v1/`` with its OpenAPI document at ``/api/v1/openapi.json``. No interactive docs
page: Swagger UI would load scripts from a CDN, which the CSP and our rules forbid.

Every response carries a strong ``ETag`` (a hash of the exact body) and ``Last-Modified`` (the
newest change among the records shown), and conditional GETs get 304. Bad parameters get a 4xx
JSON body: 422 for malformed or out-of-range values (``per_page`` above 100, ``page`` below 1),
404 for an id that does not exist.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from ninja import NinjaAPI, Query, Schema

from tillid.api import hsds, schemas
from tillid.directory import hsds_selectors as selectors

api = NinjaAPI(
    title="Tillid: Find hjælp (HSDS 3.0)",
    version="1.0.0",
    description=(
        "Read-only directory of advice services on social control and honour-related conflicts, "
        "in the Open Referral Human Services Data Specification 3.0 format. Opening hours are "
        "local Europe/Copenhagen time. Confidential locations carry an area, never an address."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)

ERRORS = {404: schemas.ErrorOut, 422: schemas.ValidationErrorOut}
NOT_MODIFIED = {304: None}


def _aware(value: datetime | None) -> datetime | None:
    """In UTC: PostgreSQL refuses offsets beyond ±15:59 that Python's datetime accepts."""
    if value is None:
        return None
    if timezone.is_naive(value):
        return value.replace(tzinfo=UTC)  # HSDS: UTC unless an offset is given
    try:
        return value.astimezone(UTC)
    except OverflowError:  # within a day of year 1 or 9999: the nearest representable instant
        return (
            datetime.max.replace(tzinfo=UTC) if value.year > 1 else datetime.min.replace(tzinfo=UTC)
        )


def _json_response(request: HttpRequest, payload: Schema, last_modified: datetime | None) -> Any:
    body = json.dumps(
        payload.model_dump(mode="json", exclude_none=True),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["ETag"] = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    timestamp = int(last_modified.timestamp()) if last_modified else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    # Public data: caches may keep it but must ask again (cheaply, with a conditional GET).
    response["Cache-Control"] = "public, max-age=0, must-revalidate"
    return (
        get_conditional_response(
            request, etag=response["ETag"], last_modified=timestamp, response=response
        )
        or response
    )


def _not_found(message: str) -> JsonResponse:
    return JsonResponse({"detail": message}, status=404)


def _page_fields(total: int, page: int, per_page: int, size: int) -> dict[str, Any]:
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": size,
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": size == 0,
    }


def _slice(queryset: Any, params: schemas.ListParams) -> tuple[int, list[Any]]:
    total = queryset.count()
    start = (params.page - 1) * params.per_page
    return total, list(queryset[start : start + params.per_page]) if start < total else []


def _newest(values: Sequence[datetime | None]) -> datetime | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


@api.get("/", response={200: schemas.ApiInfoOut}, operation_id="getAPIMetaInformation")
def api_info(request: HttpRequest) -> Any:
    """About this API and its relation to HSDS."""
    return _json_response(
        request,
        schemas.ApiInfoOut(
            version="3.0",
            profile="https://docs.openreferral.org/en/v3.0/",
            openapi_url=request.build_absolute_uri(reverse("api:openapi-json")),
        ),
        None,
    )


@api.get(
    "/services",
    response={200: schemas.ServicePageOut, **NOT_MODIFIED, **ERRORS},
    operation_id="getPaginatedListOfServices",
)
def list_services(request: HttpRequest, params: Query[schemas.ServiceListParams]) -> Any:
    """Active services, one-to-one fields only, in the HSDS ``Page`` envelope."""
    term = taxonomy = organization = None
    if params.taxonomy_term_id is not None:
        term = selectors.taxonomy_term_by_uuid(params.taxonomy_term_id)
        if term is None:
            return _not_found("Unknown taxonomy_term_id.")
    if params.taxonomy_id is not None:
        taxonomy = selectors.taxonomy_by_uuid(params.taxonomy_id)
        if taxonomy is None:
            return _not_found("Unknown taxonomy_id.")
    if params.organization_id is not None:
        organization = selectors.organization_by_uuid(params.organization_id)
        if organization is None:
            return _not_found("Unknown organization_id.")
    services = selectors.hsds_services(
        search=params.search,
        taxonomy_term=term,
        taxonomy=taxonomy,
        organization=organization,
        modified_after=_aware(params.modified_after),
    )
    total, rows = _slice(services, params)
    page = schemas.ServicePageOut(
        **_page_fields(total, params.page, params.per_page, len(rows)),
        contents=[hsds.service_list_item(service) for service in rows],
    )
    changed = [s.last_modified for s in rows] + [s.organization.last_modified for s in rows]
    return _json_response(request, page, _newest(changed))


@api.get(
    "/services/{id}",
    response={200: schemas.ServiceOut, **NOT_MODIFIED, **ERRORS},
    operation_id="getFullyNestedServiceById",
)
def get_service(request: HttpRequest, id: UUID) -> Any:
    """One active service with everything related to it."""
    service = selectors.hsds_service(service_id=id)
    if service is None:
        return _not_found("No active service with this id.")
    changed = [service.last_modified, service.organization.last_modified]
    changed += [term.last_modified for term in service.service_types.all()]
    changed += [link.location.last_modified for link in service.service_at_locations.all()]
    return _json_response(request, hsds.service_out(service), _newest(changed))


@api.get(
    "/organizations",
    response={200: schemas.OrganizationPageOut, **NOT_MODIFIED, **ERRORS},
    operation_id="getPaginatedListOfOrganizations",
)
def list_organizations(request: HttpRequest, params: Query[schemas.OrganizationListParams]) -> Any:
    organizations = selectors.hsds_organizations(
        search=params.search, modified_after=_aware(params.modified_after)
    )
    total, rows = _slice(organizations, params)
    page = schemas.OrganizationPageOut(
        **_page_fields(total, params.page, params.per_page, len(rows)),
        contents=[hsds.organization_brief(organization) for organization in rows],
    )
    return _json_response(request, page, _newest([row.last_modified for row in rows]))


@api.get(
    "/organizations/{id}",
    response={200: schemas.OrganizationOut, **NOT_MODIFIED, **ERRORS},
    operation_id="getFullyNestedOrganizationById",
)
def get_organization(request: HttpRequest, id: UUID) -> Any:
    """One organisation with its locations and its active services, fully nested."""
    organization = selectors.hsds_organization(organization_id=id)
    if organization is None:
        return _not_found("No organization with this id.")
    changed = [organization.last_modified]
    changed += [location.last_modified for location in organization.locations.all()]
    changed += [service.last_modified for service in organization.services.all()]
    return _json_response(request, hsds.organization_out(organization), _newest(changed))


@api.get(
    "/taxonomies",
    response={200: schemas.TaxonomyPageOut, **NOT_MODIFIED, **ERRORS},
    operation_id="getPaginatedListOfTaxonomies",
)
def list_taxonomies(request: HttpRequest, params: Query[schemas.ListParams]) -> Any:
    total, rows = _slice(selectors.hsds_taxonomies(search=params.search), params)
    page = schemas.TaxonomyPageOut(
        **_page_fields(total, params.page, params.per_page, len(rows)),
        contents=[hsds.taxonomy_out(taxonomy) for taxonomy in rows],
    )
    return _json_response(request, page, _newest([row.last_modified for row in rows]))


@api.get(
    "/taxonomy_terms",
    response={200: schemas.TaxonomyTermPageOut, **NOT_MODIFIED, **ERRORS},
    operation_id="getPaginatedListOfTaxonomyTerms",
)
def list_taxonomy_terms(request: HttpRequest, params: Query[schemas.TaxonomyTermListParams]) -> Any:
    taxonomy = None
    if params.taxonomy_id is not None:
        taxonomy = selectors.taxonomy_by_uuid(params.taxonomy_id)
        if taxonomy is None:
            return _not_found("Unknown taxonomy_id.")
    terms = selectors.hsds_taxonomy_terms(search=params.search, taxonomy=taxonomy)
    total, rows = _slice(terms, params)
    page = schemas.TaxonomyTermPageOut(
        **_page_fields(total, params.page, params.per_page, len(rows)),
        contents=[hsds.term_out(term) for term in rows],
    )
    return _json_response(request, page, _newest([row.last_modified for row in rows]))
