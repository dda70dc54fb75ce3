"""The content of an action plan: one JSON document per draft and per frozen version.

The document holds the four parts of Serviceloven § 12 a in the law's order, then the goals,
the agreed actions, the work with the citizen (meetings, their own words, their agreement or
disagreement) and the review date. ``sections()`` turns a document into titled lines: the plan
page, the PDF and the comparison of versions all read them, so they show the same thing.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class SupportArea(models.TextChoices):
    HOUSING = "bolig", gettext_lazy("Bolig")
    WORK = "arbejde", gettext_lazy("Arbejde")
    EDUCATION = "uddannelse", gettext_lazy("Uddannelse")


class ActionStatus(models.TextChoices):
    PLANNED = "planlagt", gettext_lazy("Planlagt")
    STARTED = "i_gang", gettext_lazy("I gang")
    DONE = "udfoert", gettext_lazy("Udført")
    DROPPED = "opgivet", gettext_lazy("Opgivet")


class AgreementKind(models.TextChoices):
    AGREES = "enig", gettext_lazy("Borgeren er enig i planen")
    DISAGREES = "uenig", gettext_lazy("Borgeren er ikke enig i planen")


class AgreementHow(models.TextChoices):
    PAPER = "papir", gettext_lazy("Underskrevet på papir")
    VERBAL = "mundtligt", gettext_lazy("Mundtligt")
    DIGITAL = "digitalt", gettext_lazy("Digitalt")


SITUATION_FIELDS = (
    ("housing", gettext_lazy("Bolig")),
    ("work", gettext_lazy("Arbejde")),
    ("education", gettext_lazy("Uddannelse")),
    ("relatives", gettext_lazy("Forhold til pårørende")),
)

# The keys of the four statutory sections, in the law's order (§ 12 a, stk. 2, nr. 1-4).
STATUTORY_SECTIONS = ("risk", "situation", "support", "other_support")

EMPTY: dict[str, Any] = {
    "risk": {},
    "situation": {key: "" for key, _label in SITUATION_FIELDS},
    "support": [],
    "other_support": [],
    "goals": "",
    "actions": [],
    "citizen_words": "",
    "meetings": [],
    "agreement": {},
    "review_date": "",
}


def empty() -> dict[str, Any]:
    return copy.deepcopy(EMPTY)


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every key present (an older document may lack a newer key)."""
    result = empty()
    result.update(copy.deepcopy(document))
    return result


def parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _date(value: str) -> str:
    parsed = parse_date(value)
    return formats.date_format(parsed, "DATE_FORMAT") if parsed else ""


def _label(choices: type[models.TextChoices], value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@dataclass
class Section:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    statutory: bool = False
    empty_text: str = ""


def support_line(item: dict[str, Any]) -> str:
    what = item.get("service_name") or item.get("text", "")
    line = f"{_label(SupportArea, item.get('area', ''))}: {what}"
    if item.get("purpose"):
        line += " " + _("Formål: %(purpose)s") % {"purpose": item["purpose"]}
    return line


def other_support_line(item: dict[str, Any]) -> str:
    line = item.get("text", "")
    if item.get("law"):
        line += f" ({item['law']})"
    if item.get("purpose"):
        line += " " + _("Formål: %(purpose)s") % {"purpose": item["purpose"]}
    return line


def action_line(item: dict[str, Any]) -> str:
    return _("%(what)s. Ansvarlig: %(who)s. Senest: %(due)s. Status: %(status)s.") % {
        "what": item.get("what", ""),
        "who": item.get("who", ""),
        "due": _date(item.get("due", "")),
        "status": _label(ActionStatus, item.get("status", "")),
    }


def meeting_line(item: dict[str, Any]) -> str:
    line = _("Møde %(date)s med %(participants)s.") % {
        "date": _date(item.get("date", "")),
        "participants": item.get("participants", ""),
    }
    if item.get("interpreter"):
        line += " " + _("Tolk på %(language)s.") % {"language": item.get("language", "")}
    return line


def risk_lines(risk: dict[str, Any]) -> list[str]:
    if not risk.get("assessment_id"):
        return []
    return [
        _("Risikovurdering nr. %(id)s, afsluttet %(date)s.")
        % {"id": risk["assessment_id"], "date": _date(risk.get("finalised_on", ""))},
        _("Faglig vurdering af risikoen: %(level)s.") % {"level": risk.get("level_label", "")},
    ]


def agreement_lines(agreement: dict[str, Any]) -> list[str]:
    kind = agreement.get("kind", "")
    if not kind:
        return []
    lines = [
        _label(AgreementKind, kind),
        _("Dato: %(date)s. Hvordan: %(how)s.")
        % {
            "date": _date(agreement.get("date", "")),
            "how": _label(AgreementHow, agreement.get("how", "")),
        },
    ]
    if agreement.get("reasons"):
        lines.append(_("Borgerens begrundelse: %(reasons)s") % {"reasons": agreement["reasons"]})
    return lines


def _text_lines(text: str) -> list[str]:
    return [line for line in (text or "").splitlines() if line.strip()]


def sections(document: dict[str, Any]) -> list[Section]:
    """The plan as titled sections: the four statutory parts first, in the law's order."""
    doc = normalised(document)
    situation = doc["situation"]
    missing = _("Ikke udfyldt endnu.")
    return [
        Section(
            "risk",
            _("1. Risikovurdering"),
            risk_lines(doc["risk"]),
            statutory=True,
            empty_text=_("Ingen afsluttet risikovurdering er knyttet til planen."),
        ),
        Section(
            "situation",
            _("2. Borgerens aktuelle situation"),
            [
                f"{label}: {situation.get(key, '')}"
                for key, label in SITUATION_FIELDS
                if situation.get(key)
            ],
            statutory=True,
            empty_text=missing,
        ),
        Section(
            "support",
            _("3. Støttemuligheder: bolig, arbejde og uddannelse"),
            [support_line(item) for item in doc["support"]],
            statutory=True,
            empty_text=missing,
        ),
        Section(
            "other_support",
            _("4. Andre støttemuligheder efter denne eller anden lovgivning"),
            [other_support_line(item) for item in doc["other_support"]],
            statutory=True,
            empty_text=_("Ingen andre støttemuligheder."),
        ),
        Section("goals", _("Mål"), _text_lines(doc["goals"]), empty_text=missing),
        Section(
            "actions",
            _("Aftalte handlinger"),
            [action_line(item) for item in doc["actions"]],
            empty_text=missing,
        ),
        Section(
            "citizen_words",
            _("Borgerens egne ord og ønsker"),
            _text_lines(doc["citizen_words"]),
            empty_text=missing,
        ),
        Section(
            "meetings",
            _("Møder med borgeren"),
            [meeting_line(item) for item in doc["meetings"]],
            empty_text=_("Ingen møder registreret."),
        ),
        Section(
            "agreement",
            _("Borgerens enighed eller uenighed"),
            agreement_lines(doc["agreement"]),
            empty_text=missing,
        ),
        Section(
            "review",
            _("Opfølgning"),
            [_("Planen følges op senest %(date)s.") % {"date": _date(doc["review_date"])}]
            if doc["review_date"]
            else [],
            empty_text=missing,
        ),
    ]
