"""Audit actions of action plans: every read, every write, every download."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

PLAN = "the action plan (actionplans.actionplan)"

declare("actionplans.plan.created", _("Handleplan oprettet"), target=PLAN)
declare("actionplans.plan.viewed", _("Handleplan vist"), target=PLAN + "; the page in details")
declare(
    "actionplans.plan.listed",
    _("Oversigt over handleplaner vist"),
    target="none (the listed plans in details)",
)
declare("actionplans.plan.contact_changed", _("Borgerens kontaktoplysninger ændret"), target=PLAN)
declare(
    "actionplans.draft.changed",
    _("Kladde til handleplan ændret"),
    target=PLAN + "; the part in details",
)
declare(
    "actionplans.draft.risk_linked",
    _("Risikovurdering knyttet til handleplan"),
    target=PLAN + "; the assessment's id in details",
)
declare(
    "actionplans.plan.finalised",
    _("Version af handleplan afsluttet"),
    target=PLAN + "; the version in details",
)
declare(
    "actionplans.plan.revised",
    _("Revision af handleplan startet"),
    target=PLAN + "; the version it starts from in details",
)
declare("actionplans.plan.closed", _("Handleplan lukket"), target=PLAN)
declare(
    "actionplans.plan.unlinked",
    _("Handleplan frakoblet konsultationssag"),
    target=PLAN + "; the case's id in details",
)
declare(
    "actionplans.plan.exported",
    _("Handleplan hentet som PDF"),
    target=PLAN + "; the version in details",
)
declare(
    "actionplans.plan.summary_viewed",
    _("Borgerens udgave af handleplanen vist"),
    target=PLAN + "; the version in details",
)
declare(
    "actionplans.plan.compared",
    _("Versioner af handleplan sammenlignet"),
    target=PLAN + "; the two versions in details",
)
declare(
    "actionplans.plan.review_reminded",
    _("Påmindelse om opfølgning på handleplan sendt"),
    target=PLAN,
)
declare("actionplans.plan.anonymised", _("Handleplan anonymiseret"), target=PLAN)
