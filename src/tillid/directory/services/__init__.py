"""Writes to the directory: confirming facts, the rules every edit must meet, and the CSV import.

Editing itself happens in Wagtail (``wagtail_hooks``) and through the CSV import; both call
``validate_opening_hours`` so that inverted or overlapping hours never reach the database.
"""

from tillid.directory.services.citizen_languages import citizen_language_approve
from tillid.directory.services.csv_import import ImportResult, import_services
from tillid.directory.services.csv_rows import (
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    CsvRefusedError,
)
from tillid.directory.services.opening_hours import (
    service_confirm_facts,
    validate_acute_service_phone,
    validate_opening_hours,
)

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "CsvRefusedError",
    "ImportResult",
    "citizen_language_approve",
    "import_services",
    "service_confirm_facts",
    "validate_acute_service_phone",
    "validate_opening_hours",
]
