"""The roles of Tillid. Each is a Django group; a role never implies another."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROFESSIONAL = "professional", _("Fagperson")
    CONSULTANT = "consultant", _("Konsulent (Etnisk Konsulentteam)")
    INTAKE_WORKER = "intake_worker", _("Modtagelsesmedarbejder")
    CASE_WORKER = "case_worker", _("Sagsbehandler, voksne")
    MANAGER = "manager", _("Leder")
    COURSE_ADMINISTRATOR = "course_administrator", _("Kursusadministrator")
    EDITOR = "editor", _("Redaktør")
    ADMINISTRATOR = "administrator", _("Administrator")


# These roles reach case data or other people's accounts: they must log in with a second factor.
TWO_FACTOR_ROLES = frozenset(
    {Role.CONSULTANT, Role.INTAKE_WORKER, Role.CASE_WORKER, Role.ADMINISTRATOR}
)


def has_role(user: Any, *roles: str) -> bool:
    """Whether ``user`` is a logged-in, active user holding at least one of ``roles``.

    The one answer to "may this person act in role X" for views, services and selectors alike;
    anonymous and deactivated users hold no role. Roles are read once per user object.
    """
    if not roles:
        raise ValueError("has_role() needs at least one role")
    return bool(
        getattr(user, "is_authenticated", False)
        and getattr(user, "is_active", False)
        and not user.role_names.isdisjoint(roles)
    )


# What each role may do, in a sentence, for the user's start page ("Mit arbejde").
ROLE_DESCRIPTIONS = {
    Role.PROFESSIONAL: _(
        "Du kan bede Etnisk Konsulentteam om sparring, lave risikovurderinger og tilmelde dig "
        "kurser."
    ),
    Role.CONSULTANT: _(
        "Du kan se og besvare henvendelser til konsulentteamet og lave risikovurderinger i dem."
    ),
    Role.INTAKE_WORKER: _("Du kan modtage og vurdere underretninger til din enhed."),
    Role.CASE_WORKER: _("Du kan lave og følge op på handleplaner for voksne sammen med borgeren."),
    Role.MANAGER: _("Du kan se anonymiserede tal for din enhed, aldrig oplysninger om personer."),
    Role.COURSE_ADMINISTRATOR: _("Du kan oprette kurser og hold og se deltagerlister og fremmøde."),
    Role.EDITOR: _(
        "Du kan redigere sidernes indhold og vejviseren Find hjælp i redigeringsværktøjet."
    ),
    Role.ADMINISTRATOR: _("Du kan styre brugere og roller og se revisionssporet."),
}
