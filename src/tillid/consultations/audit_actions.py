"""Audit actions of consultations: requests, casework, reads of cases and the team's settings."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

CASE = "the consultation case (consultations.consultation)"

declare("consultations.consultation.submitted", _("Henvendelse sendt"), target=CASE)
declare("consultations.consultation.opened", _("Sag åbnet"), target=CASE)
declare(
    "consultations.consultation.listed",
    _("Egne henvendelser vist"),
    target="none (the listed case ids in details)",
)
declare(
    "consultations.queue.viewed",
    _("Konsulentteamets kø vist"),
    target="none (the listed case ids in details)",
)
declare(
    "consultations.consultation.exported",
    _("Sager hentet som CSV"),
    target="none (the exported case ids in details)",
)
declare("consultations.consultation.assigned", _("Sag tildelt"), target=CASE)
declare("consultations.consultation.status_changed", _("Sagens status ændret"), target=CASE)
declare("consultations.consultation.closed", _("Sag afsluttet"), target=CASE)
declare("consultations.consultation.deadline_missed", _("Svarfrist overskredet"), target=CASE)
declare(
    "consultations.consultation.risk_assessment_started",
    _("Risikovurdering startet fra sagen"),
    target=CASE,
)
declare(
    "consultations.consultation.risk_shared",
    _("Risikovurdering delt med fagpersonen"),
    target=CASE,
)
declare(
    "consultations.consultation.risk_unshared",
    _("Deling af risikovurdering stoppet"),
    target=CASE,
)
declare("consultations.message.sent", _("Besked sendt i sagen"), target=CASE)
declare("consultations.note.added", _("Intern note tilføjet"), target=CASE)
declare("consultations.meeting.planned", _("Møde planlagt"), target=CASE)
declare("consultations.rating.given", _("Hjælpen vurderet"), target=CASE)
declare(
    "consultations.retention.run",
    _("Sletning efter opbevaringsperioden kørt"),
    target="none (counts in details)",
)
declare("consultations.team.created", _("Konsulentteam oprettet"), target="consultations.team")
declare("consultations.team.changed", _("Konsulentteam ændret"), target="consultations.team")
declare("consultations.team.deleted", _("Konsulentteam slettet"), target="consultations.team")
declare(
    "consultations.eligibleunit.created",
    _("Enhed givet adgang til konsulentteamet"),
    target="consultations.eligibleunit",
)
declare(
    "consultations.eligibleunit.changed",
    _("Enhed med adgang til konsulentteamet ændret"),
    target="consultations.eligibleunit",
)
declare(
    "consultations.eligibleunit.deleted",
    _("Enheds adgang til konsulentteamet fjernet"),
    target="consultations.eligibleunit",
)
