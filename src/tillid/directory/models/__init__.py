"""The directory of advice services, shaped on Open Referral HSDS 3.0.

Names follow HSDS where they fit (organization, service, location, service_at_location, phone,
schedule, contact, language, taxonomy, taxonomy_term). Each record carries a ``uuid``: HSDS ids are
UUIDs and the public API uses them; the integer primary key stays internal.

Opening hours are weekly rules (``Schedule``) plus dated exceptions (``ScheduleException``), all in
Europe/Copenhagen wall-clock time; ``tillid.directory.opening_hours`` computes "open now" from them.
A ``closes_at`` of 00:00 means midnight at the end of the day; a night that runs past midnight is
two rules (Monday 16:00-00:00 and Tuesday 00:00-08:00).

Confidential locations (a shelter's secret address) store only an area; the database refuses an
address, postcode, city or coordinates on them, so no page, export or API can leak one.
"""

from tillid.directory.models.citizen_languages import CitizenLanguageApproval
from tillid.directory.models.common import (
    MIDNIGHT,
    RESERVED_SLUGS,
    HolidayPolicy,
    HoursMode,
    Ordered,
    PhoneHoursMode,
    Weekday,
    validate_service_slug,
)
from tillid.directory.models.organizations import (
    Location,
    Organization,
)
from tillid.directory.models.schedules import (
    Schedule,
    ScheduleException,
)
from tillid.directory.models.service_details import (
    Contact,
    Language,
    ServiceAtLocation,
)
from tillid.directory.models.services import (
    Phone,
    Service,
)
from tillid.directory.models.taxonomy import (
    Taxonomy,
    TaxonomyTerm,
)

__all__ = [
    "MIDNIGHT",
    "RESERVED_SLUGS",
    "CitizenLanguageApproval",
    "Contact",
    "HolidayPolicy",
    "HoursMode",
    "Language",
    "Location",
    "Ordered",
    "Organization",
    "Phone",
    "PhoneHoursMode",
    "Schedule",
    "ScheduleException",
    "Service",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
    "Weekday",
    "validate_service_slug",
]
