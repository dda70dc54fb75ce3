"""The sources the page shows, in order. Concern reports and action plans add theirs here."""

from __future__ import annotations

from tillid.stats.sources import Source, consultations, courses, risk

SOURCES: list[Source] = [consultations.build, risk.build, courses.build]
