"""Refusals of the consultation services, each with a message the user can act on."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _


class NotEligibleError(PermissionDenied):
    """The professional's unit is not among the units the team serves."""


class NoTeamError(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("Der er ikke oprettet et konsulentteam, der kan modtage henvendelser endnu."),
            code="no_team",
        )


class ConsultationClosedError(ValidationError):
    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or _(
                "Sagen er afsluttet, så der kan ikke skrives mere i den. Din tekst er ikke "
                "sendt; send en ny henvendelse, hvis du har brug for mere hjælp."
            ),
            code="closed",
        )


class AssignmentConflictError(ValidationError):
    """Somebody changed the assignment since the page was loaded; nothing was changed."""

    def __init__(self, current: str) -> None:
        if current:
            message = _(
                "En kollega har netop tildelt sagen til %(name)s. Din tildeling er ikke gemt. "
                "Se den nye tildeling nedenfor, og prøv igen, hvis den skal ændres."
            ) % {"name": current}
        else:
            message = _(
                "Tildelingen er netop ændret af en kollega. Din tildeling er ikke gemt. "
                "Se den nye tildeling nedenfor, og prøv igen, hvis den skal ændres."
            )
        super().__init__(message, code="assignment_conflict")


class NotATeamConsultantError(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("Sagen kan kun tildeles en konsulent i teamet."), code="not_a_team_consultant"
        )


class NotAssignedError(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _("Tildel sagen til en konsulent, før status ændres."), code="not_assigned"
        )
