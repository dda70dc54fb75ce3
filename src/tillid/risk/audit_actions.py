"""Audit actions of risk assessments: every write, every read and every share."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

ASSESSMENT = "the assessment (risk.assessment)"
SUBJECT = "the assessed person's anonymous subject (risk.subject)"

declare("risk.subject.created", _("Person oprettet til risikovurdering"), target=SUBJECT)
declare("risk.subject.changed", _("Personens reference ændret"), target=SUBJECT)
declare("risk.subject.deleted", _("Person uden vurderinger slettet"), target=SUBJECT)
declare("risk.subject.history_viewed", _("Personens vurderingshistorik vist"), target=SUBJECT)
declare("risk.assessment.created", _("Risikovurdering startet"), target=ASSESSMENT)
declare("risk.assessment.saved", _("Risikovurdering gemt"), target=ASSESSMENT)
declare("risk.assessment.finalised", _("Risikovurdering afsluttet"), target=ASSESSMENT)
declare("risk.assessment.deleted", _("Kladde til risikovurdering slettet"), target=ASSESSMENT)
declare("risk.assessment.viewed", _("Risikovurdering vist"), target=ASSESSMENT)
declare("risk.assessment.exported", _("Risikovurdering hentet som PDF"), target=ASSESSMENT)
declare(
    "risk.assessment.listed",
    _("Oversigt over risikovurderinger vist"),
    target="none (the listed drafts and subjects in details)",
)
declare(
    "risk.assessment.shared",
    _("Risikovurdering delt til læsning"),
    target=ASSESSMENT + "; the reader's id in details",
)
declare(
    "risk.assessment.share_ended",
    _("Deling af risikovurdering ophørt"),
    target=ASSESSMENT + "; the reader's id in details",
)
declare(
    "risk.instrument.published",
    _("Version af risikoinstrument indlæst"),
    target="the instrument version (risk.instrument)",
)
