"""Refusals of the consultation services, each with a message the user can act on. All are
``tillid.core.refusals.ActionRefusedError``; the wrong user gets ``NotPermittedError``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tillid.core.refusals import ActionRefusedError, NotPermittedError


class NotEligibleError(NotPermittedError):
    """The professional's unit is not among the units the team serves."""

    default_message = gettext_lazy(
        "Din enhed er ikke tilknyttet Etnisk Konsulentteam, så du kan ikke sende en henvendelse "
        "her."
    )
    default_code = "not_eligible"


class NoTeamError(ActionRefusedError):
    default_message = gettext_lazy(
        "Der er ikke oprettet et konsulentteam, der kan modtage henvendelser endnu."
    )
    default_code = "no_team"


class ConsultationClosedError(ActionRefusedError):
    default_message = gettext_lazy(
        "Sagen er afsluttet, så der kan ikke skrives mere i den. Din tekst er ikke "
        "sendt; send en ny henvendelse, hvis du har brug for mere hjælp."
    )
    default_code = "closed"


class AssignmentConflictError(ActionRefusedError):
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


class NotATeamConsultantError(ActionRefusedError):
    default_message = gettext_lazy("Sagen kan kun tildeles en konsulent i teamet.")
    default_code = "not_a_team_consultant"


class NotAssignedError(ActionRefusedError):
    default_message = gettext_lazy("Tildel sagen til en konsulent, før status ændres.")
    default_code = "not_assigned"
