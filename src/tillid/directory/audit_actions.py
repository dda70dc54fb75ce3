"""Audit actions of the directory: the editors' CSV import and confirmations of services."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

declare(
    "directory.csv.imported",
    _("Tilbud indlæst fra CSV"),
    target="none (counts and the file name in details)",
)
declare(
    "directory.service.confirmed",
    _("Tilbuddets oplysninger bekræftet"),
    target="the service (directory.service)",
)
declare(
    "directory.citizen_language.approved",
    _("Oversættelse af borgersiden godkendt"),
    target="none (the language code in details)",
)
