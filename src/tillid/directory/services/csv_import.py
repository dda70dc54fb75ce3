"""The CSV import of services: every row checked first, then all saved in one transaction, or none.

The format and the row parsing are in ``csv_rows``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from tillid.accounts.roles import Role, has_role
from tillid.core import audit
from tillid.core.refusals import NotPermittedError
from tillid.directory.models import (
    Organization,
    Phone,
    Schedule,
    Service,
    TaxonomyTerm,
)
from tillid.directory.services.csv_rows import (
    CsvRefusedError,
    ParsedRow,
    parse_row,
    read_rows,
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def import_services(*, actor: object, upload: IO[bytes]) -> ImportResult:
    """Check every row, then save all of them in one transaction, or none (see module doc).
    Refused (``NotPermittedError``) unless ``actor`` is an editor."""
    if not has_role(actor, Role.EDITOR):
        raise NotPermittedError
    result = ImportResult()
    try:
        data_rows = read_rows(upload)
    except CsvRefusedError as error:
        result.errors.append(error.message)
        return result
    slugs = [row.get("slug", "").strip() for row in data_rows]
    services = {service.slug: service for service in Service.objects.filter(slug__in=slugs)}
    organizations = {organization.slug: organization for organization in Organization.objects.all()}
    terms = {term.code: term for term in TaxonomyTerm.objects.all()}
    seen: set[str] = set()
    parsed: list[ParsedRow] = []
    for number, data in enumerate(data_rows, start=2):  # row 1 is the header
        slug = data.get("slug", "").strip()
        if slug in seen:
            result.errors.append(
                _("Række %(row)s (%(slug)s): adressen står flere gange i filen.")
                % {"row": number, "slug": slug}
            )
            continue
        seen.add(slug)
        row, errors = parse_row(number, data, services, organizations, terms)
        result.errors += errors
        if row is not None:
            parsed.append(row)
    if result.errors:
        return result
    with transaction.atomic():
        for row in parsed:
            is_new = row.service.pk is None
            _save(row, organizations)
            result.created += is_new
            result.updated += not is_new
        audit.record(
            actor=actor,
            action="directory.csv.imported",
            created=result.created,
            updated=result.updated,
        )
    return result


def _save(row: ParsedRow, organizations: dict[str, Organization]) -> None:
    service = row.service
    if row.organization is None:
        organization = organizations.get(row.organization_slug)
        if organization is None:  # two new services may share a new organisation
            organization = Organization.objects.create(
                slug=row.organization_slug, name=row.new_organization_name, description=""
            )
            organizations[row.organization_slug] = organization
        service.organization = organization
    service.save()
    service.service_types.set(row.types)
    service.save()  # ParentalManyToManyField changes are written when the parent is saved
    Schedule.objects.filter(service=service, phone__isnull=True).delete()
    Schedule.objects.bulk_create(
        Schedule(service=service, weekday=day, opens_at=opens, closes_at=closes, sort_order=order)
        for order, (day, opens, closes) in enumerate(row.rules)
    )
    existing = {phone.number: phone for phone in Phone.objects.filter(service=service)}
    keep = set()
    for order, (number, label, verified) in enumerate(row.phones):
        phone = existing.get(number) or Phone(service=service, number=number)
        phone.label, phone.is_verified, phone.sort_order = label, verified, order
        phone.save()
        keep.add(phone.pk)
    Phone.objects.filter(service=service).exclude(pk__in=keep).delete()
