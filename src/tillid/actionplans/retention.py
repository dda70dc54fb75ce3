"""Retention rules of the action plans app (``tillid.core.retention``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tillid.actionplans.services.scheduled import plans_anonymise
from tillid.core.retention import Concerns, Ending, Rule, register


def anonymise_closed_plans() -> int:
    """``plans_anonymise`` (also ``manage.py actionplan_retention``), counted."""
    return len(plans_anonymise())


register(
    Rule(
        key="actionplans.plans",
        models=("actionplans.ActionPlan", "actionplans.PlanVersion"),
        record=_(
            "Handleplaner for voksne (Serviceloven § 12 a): borgerens navn, CPR-nummer, sikker "
            "kontakt, risikovurdering, situation, støttemuligheder, møder og borgerens egne ord, "
            "med alle godkendte versioner"
        ),
        why=_("For at borgeren og sagsbehandleren kan følge planen og gennemgå den til tiden."),
        period=_("%(value)s dage efter at planen er lukket"),
        setting="TILLID_ACTIONPLAN_RETENTION_DAYS",
        default=730,
        who_sees=_(
            "Den ansvarlige sagsbehandler og teamets leder med totrinslogin; en konsulent kun, "
            "mens planen er knyttet til en henvendelse, konsulenten har"
        ),
        ending=Ending.ANONYMISED,
        how=_(
            "Identitet, kontaktoplysninger, kladde og alle versioner slettes; kun datoer til "
            "statistik bliver tilbage"
        ),
        concerns=Concerns.CITIZENS,
        run=anonymise_closed_plans,
    )
)
