"""Audit actions of concern reports: the notifier's drafts and reports, the intake's work, the
exports to the case system, the scheduled deadline warnings and retention."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

REPORT = "the concern report (concerns.report)"
NONE_IDS = "none (the listed report ids in details)"

declare("concerns.report.started", _("Underretning påbegyndt"), target=REPORT)
declare("concerns.report.draft_saved", _("Kladde til underretning gemt"), target=REPORT)
declare("concerns.report.draft_opened", _("Kladde til underretning åbnet"), target=REPORT)
declare("concerns.report.submitted", _("Underretning sendt"), target=REPORT)
declare("concerns.report.status_viewed", _("Underretningens status vist"), target=REPORT)
declare("concerns.report.copy_downloaded", _("Kopi af underretning hentet (PDF)"), target=REPORT)
declare("concerns.report.listed", _("Egne underretninger vist"), target=NONE_IDS)
declare("concerns.queue.viewed", _("Modtagne underretninger vist"), target=NONE_IDS)
declare("concerns.report.opened", _("Underretning åbnet i modtagelsen"), target=REPORT)
declare("concerns.report.assigned", _("Underretning tildelt"), target=REPORT)
declare("concerns.report.assessed", _("Underretning vurderet (24 timer)"), target=REPORT)
declare("concerns.report.receipt_sent", _("Kvittering sendt til underretteren"), target=REPORT)
declare(
    "concerns.report.feedback_given", _("Tilbagemelding givet til underretteren"), target=REPORT
)
declare("concerns.report.family_flag_lifted", _("„Kontakt ikke familien“ ophævet"), target=REPORT)
declare("concerns.report.exported", _("Underretning eksporteret til sagssystemet"), target=REPORT)
declare(
    "concerns.report.deadline_warning",
    _("Varsel om 24-timersfristen sendt til lederen"),
    target=REPORT,
)
declare("concerns.report.draft_reminded", _("Påmindelse om glemt kladde sendt"), target=REPORT)
declare(
    "concerns.retention.run",
    _("Sletning og anonymisering af underretninger kørt"),
    target="none (counts and ids in details)",
)
declare("concerns.intakeunit.created", _("Modtagelse oprettet"), target="concerns.intakeunit")
declare("concerns.intakeunit.changed", _("Modtagelse ændret"), target="concerns.intakeunit")
declare("concerns.intakeunit.deleted", _("Modtagelse slettet"), target="concerns.intakeunit")
