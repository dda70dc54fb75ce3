"""The roles of Tillid. Each is a Django group; a role never implies another."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Fagperson")
    CONSULTANT = "consultant", _("Konsulent (Etnisk Konsulentteam)")
    INTAKE_WORKER = "intake_worker", _("Modtagelsesmedarbejder")
    COURSE_ADMINISTRATOR = "course_administrator", _("Kursusadministrator")
    EDITOR = "editor", _("Redaktør")
    ADMINISTRATOR = "administrator", _("Administrator")


# These roles reach case data or other people's accounts: they must log in with a second factor.
TWO_FACTOR_ROLES = frozenset({Role.CONSULTANT, Role.INTAKE_WORKER, Role.ADMINISTRATOR})
