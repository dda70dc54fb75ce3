"""The consultant queue's figures as CSV: no free text and no names, only what can be counted.

Written by ``tillid.core.csv_export``: Danish column names, choice labels instead of codes, dates
in Danish format.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from tillid.consultations.models import (
    AgeGroup,
    Concern,
    Consultation,
    Escalation,
    Gender,
    HelpType,
    Scope,
    Status,
    Urgency,
)
from tillid.core.csv_export import choice_labels

FILENAME = "henvendelser.csv"
# The only fields an export loads: a free-text field cannot reach the file by mistake.
FIELDS = [
    "pk",
    "created_at",
    "urgency",
    "help_types",
    "scope",
    "age_group",
    "gender",
    "concerns",
    "do_not_contact_family",
    "status",
    "first_response_due",
    "first_response_at",
    "closed_at",
    "outcome_help_types",
    "time_spent_minutes",
    "referred_to",
    "escalations",
]


def header() -> list[str]:
    return [
        _("Id"),
        _("Modtaget"),
        _("Hast"),
        _("Ønsket hjælp"),
        _("Sag eller generelt"),
        _("Aldersgruppe"),
        _("Køn"),
        _("Bekymringer"),
        _("Kontakt ikke familien"),
        _("Status"),
        _("Frist for første svar"),
        _("Første svar"),
        _("Afsluttet"),
        _("Givet hjælp"),
        _("Minutter brugt"),
        _("Henvist til"),
        _("Eskaleret til"),
    ]


def _label(choices: Any, code: str) -> str:
    return choice_labels(choices, [code])[0] if code else ""


def row(case: Consultation) -> list[Any]:
    return [
        case.pk,
        case.created_at,
        _label(Urgency, case.urgency),
        choice_labels(HelpType, case.help_types),
        _label(Scope, case.scope),
        _label(AgeGroup, case.age_group),
        _label(Gender, case.gender),
        choice_labels(Concern, case.concerns),
        case.do_not_contact_family,
        _label(Status, case.status),
        case.first_response_due,
        case.first_response_at,
        case.closed_at,
        choice_labels(HelpType, case.outcome_help_types),
        case.time_spent_minutes,
        case.referred_to,
        choice_labels(Escalation, case.escalations),
    ]
