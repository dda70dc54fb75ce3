"""Retention rule of concern reports (``tillid.core.retention``); ``manage.py concern_retention``
runs the same service on its own."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tillid.concerns.services import concerns_retain
from tillid.core.retention import Concerns, Ending, Rule, register


def retain_reports() -> int:
    """``concerns_retain``: anonymised reports and removed drafts, counted."""
    result = concerns_retain()
    return len(result["anonymised"]) + len(result["removed"])


register(
    Rule(
        key="concerns.reports",
        models=("concerns.Report",),
        record=_("Underretninger om børn og kladder til dem"),
        why=_("For at kommunen kan vurdere underretningen og overføre den til sagssystemet."),
        period=_("%(value)s måneder efter modtagelsen; glemte kladder efter påmindelse"),
        setting="TILLID_CONCERN_RETENTION_MONTHS",
        default=24,
        who_sees=_("Underretteren og modtagelsen i enheden; modtagelsen med totrinslogin"),
        ending=Ending.ANONYMISED,
        how=_(
            "Alt om barnet, familien og underretteren slettes, også søgenøglerne; kun tal til "
            "statistik bliver tilbage. Glemte kladder slettes"
        ),
        concerns=Concerns.CITIZENS,
        run=retain_reports,
    )
)
