"""The CSV format of services and the parsing of an uploaded file's rows (nothing is saved here).

One row per service, keyed by ``slug``: a known slug updates the service, a new one creates it.
The import is all or nothing: every row is checked first (the same model validation as the
Wagtail forms, Danish phone numbers, inverted or overlapping hours), and if any row has a problem
nothing is saved and the editor gets one message per problem with its row number. Files above
``MAX_BYTES`` or ``MAX_ROWS`` are refused before any row is read into the database.

Columns (semicolon-separated, UTF-8; Excel's BOM is accepted):

- ``phones``: ``number|label|verified`` items separated by commas, e.g.
  ``26 77 91 98|Etnisk Konsulentteam|ja, 70 27 76 86|Rådgivning|nej`` (so a label holds no comma
  or bar);
- ``hours``: the service's weekly hours, ``man 8:00-16:00, fre 8:00-15:00`` (00:00 as a closing
  time is midnight). Hours of single phones and dated exceptions are edited in Wagtail only;
- ``service_types``: type codes separated by ``|`` (``sparring|raadgivning``);
- yes/no columns take ``ja``/``nej`` (also ``1``/``0``, ``true``/``false``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, time
from typing import IO

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.utils.translation import gettext as _

from tillid.core.refusals import ActionRefusedError
from tillid.directory.models import (
    HolidayPolicy,
    HoursMode,
    Organization,
    Service,
    TaxonomyTerm,
)
from tillid.directory.phones import normalize_danish_phone
from tillid.directory.services.opening_hours import (
    validate_acute_service_phone,
    validate_opening_hours,
)

MAX_BYTES = 1_000_000
MAX_ROWS = 1000
WEEKDAYS = ["man", "tir", "ons", "tor", "fre", "lør", "søn"]
YES = {"ja", "j", "yes", "y", "1", "true", "sand", "x"}
NO = {"nej", "n", "no", "0", "false", "falsk", ""}

TEXT_FIELDS = [
    "name",
    "alternate_name",
    "summary",
    "summary_en",
    "description",
    "what_to_expect",
    "url",
    "email",
    "employer_restriction",
    "eligibility_description",
    "fees_description",
    "interpretation_services",
    "application_process",
    "alert",
    "hours_note",
]
BOOLEAN_FIELDS = ["for_professionals", "for_citizens", "is_free"]
COLUMNS = [
    "slug",
    "organization",
    "organization_name",
    "status",
    *TEXT_FIELDS,
    *BOOLEAN_FIELDS,
    "minimum_age",
    "maximum_age",
    "service_types",
    "hours_mode",
    "holiday_policy",
    "hours",
    "phones",
    "assured_date",
]
REQUIRED_COLUMNS = {"slug", "organization", "name", "summary"}


@dataclass
class ParsedRow:
    number: int
    service: Service
    organization: Organization | None
    organization_slug: str
    new_organization_name: str
    types: list[TaxonomyTerm]
    rules: list[tuple[int, time, time]]
    phones: list[tuple[str, str, bool]]


class CsvRefusedError(ActionRefusedError):
    """The file as a whole cannot be read (encoding, size, header); no row was looked at."""


def _boolean(value: str, column: str) -> bool:
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(
        _("%(column)s skal være ja eller nej, ikke '%(value)s'.")
        % {"column": column, "value": value}
    )


def _age(value: str, column: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError(
            _("%(column)s skal være et helt tal, ikke '%(value)s'.")
            % {"column": column, "value": value}
        )
    return int(text)


def _parse_time(text: str) -> time:
    hours, _colon, minutes = text.strip().replace(".", ":").partition(":")
    return time(int(hours), int(minutes or 0))


def _parse_hours(value: str) -> list[tuple[int, time, time]]:
    rules = []
    for part in filter(None, (item.strip() for item in value.split(","))):
        day, _space, span = part.partition(" ")
        opens, _dash, closes = span.partition("-")
        try:
            weekday = WEEKDAYS.index(day.strip().lower()[:3])
            rules.append((weekday, _parse_time(opens), _parse_time(closes)))
        except (ValueError, IndexError) as error:
            raise ValidationError(
                _("Åbningstiden '%(part)s' skal skrives som f.eks. 'man 8:00-16:00'.")
                % {"part": part}
            ) from error
    return rules


def _parse_phones(value: str) -> list[tuple[str, str, bool]]:
    phones = []
    for part in filter(None, (item.strip() for item in value.split(","))):
        number, _bar, rest = part.partition("|")
        label, _bar, verified = rest.partition("|")
        phones.append(
            (
                normalize_danish_phone(number),
                label.strip(),
                _boolean(verified or "nej", "verified"),
            )
        )
    return phones


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {message}" if name != "__all__" else str(message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [str(message) for message in error.messages]


def read_rows(upload: IO[bytes]) -> list[dict[str, str]]:
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise CsvRefusedError(
            _("Filen er for stor: højst %(size)s kB. Del den op i flere filer.")
            % {"size": MAX_BYTES // 1000}
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvRefusedError(_("Filen skal være gemt som UTF-8 (CSV UTF-8 i Excel).")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
    if missing:
        raise CsvRefusedError(
            _("Filen mangler kolonnerne: %(columns)s.") % {"columns": ", ".join(sorted(missing))}
        )
    rows: list[dict[str, str]] = []
    for row in reader:
        if len(rows) >= MAX_ROWS:
            raise CsvRefusedError(
                _("Filen har mere end %(count)s rækker. Del den op i flere filer.")
                % {"count": MAX_ROWS}
            )
        rows.append({key: (value or "") for key, value in row.items() if key})
    return rows


def parse_row(
    number: int,
    data: dict[str, str],
    services: dict[str, Service],
    organizations: dict[str, Organization],
    terms: dict[str, TaxonomyTerm],
) -> tuple[ParsedRow | None, list[str]]:
    errors: list[str] = []
    slug = data.get("slug", "").strip()
    service = services.get(slug) or Service(slug=slug)
    for name in TEXT_FIELDS:
        if name in data:
            setattr(service, name, data[name].strip())
    for name in BOOLEAN_FIELDS:
        if name in data:
            try:
                setattr(service, name, _boolean(data[name], name))
            except ValidationError as error:
                errors += _messages(error)
    for name in ("minimum_age", "maximum_age"):
        if name in data:
            try:
                setattr(service, name, _age(data[name], name))
            except ValidationError as error:
                errors += _messages(error)
    for name, choices in (
        ("status", Service.Status),
        ("hours_mode", HoursMode),
        ("holiday_policy", HolidayPolicy),
    ):
        value = data.get(name, "").strip()
        if value:
            if value not in choices.values:
                errors.append(
                    _("%(column)s '%(value)s' findes ikke; brug en af: %(choices)s.")
                    % {"column": name, "value": value, "choices": ", ".join(choices.values)}
                )
            else:
                setattr(service, name, value)
    assured = data.get("assured_date", "").strip()
    if "assured_date" in data:
        try:
            service.assured_date = date.fromisoformat(assured) if assured else None
        except ValueError:
            errors.append(_("assured_date skal være en dato som 2026-01-31."))
    organization_slug = data.get("organization", "").strip()
    organization = organizations.get(organization_slug)
    new_organization_name = ""
    if organization is None:
        new_organization_name = data.get("organization_name", "").strip()
        try:
            validate_slug(organization_slug)
        except ValidationError:
            errors.append(_("organization skal være en adresse (slug) som 'koebenhavns-kommune'."))
        if not new_organization_name:
            errors.append(
                _(
                    "Organisationen '%(slug)s' findes ikke; angiv organization_name for at "
                    "oprette den."
                )
                % {"slug": organization_slug}
            )
    types = []
    for code in filter(None, (item.strip() for item in data.get("service_types", "").split("|"))):
        if code not in terms:
            errors.append(_("Ydelsestypen '%(code)s' findes ikke.") % {"code": code})
        else:
            types.append(terms[code])
    rules: list[tuple[int, time, time]] = []
    phones: list[tuple[str, str, bool]] = []
    try:
        rules = _parse_hours(data.get("hours", ""))
        validate_opening_hours((None, day, opens, closes) for day, opens, closes in rules)
    except ValidationError as error:
        errors += _messages(error)
    try:
        phones = _parse_phones(data.get("phones", ""))
    except ValidationError as error:
        errors += _messages(error)
    try:  # the import replaces the phones with the listed ones (new numbers are voice lines)
        validate_acute_service_phone(
            status=service.status,
            type_codes=[term.code for term in types],
            phone_types=["voice" for _phone in phones],
        )
    except ValidationError as error:
        errors += _messages(error)
    exclude = ["organization", "assured_by"]
    if organization is not None:
        service.organization = organization
        exclude = ["assured_by"]
    try:
        service.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        errors += _messages(error)
    if errors:
        return None, [
            _("Række %(row)s (%(slug)s): %(message)s")
            % {"row": number, "slug": slug or "?", "message": message}
            for message in errors
        ]
    return (
        ParsedRow(
            number,
            service,
            organization,
            organization_slug,
            new_organization_name,
            types,
            rules,
            phones,
        ),
        [],
    )
