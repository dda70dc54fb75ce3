"""Audit actions of the statistics: every view and export of the figures."""

from django.utils.translation import gettext_lazy as _

from tillid.core.audit_actions import declare

NO_TARGET = "none (details: area, period)"

declare("stats.figures.viewed", _("Statistik vist"), target=NO_TARGET)
declare("stats.figures.exported", _("Statistik hentet"), target=NO_TARGET)
