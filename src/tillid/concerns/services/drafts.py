"""The notifier's side: starting a draft, saving each step, submitting once.

Every step saves the draft (encrypted) and records which steps are done, so a report can be
resumed from "Mine underretninger". Submitting locks the draft row: a double click or a second
tab submits one report, and the second call gets the same report back (``created`` False).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillid.concerns import deadlines, matching, steps
from tillid.concerns.models import (
    ChildWish,
    IntakeUnit,
    ParentsTold,
    ReferenceCounter,
    Report,
    Status,
)
from tillid.concerns.services.common import (
    AdultError,
    ReportSubmittedError,
    may_notify,
    require_notifier,
)
from tillid.core import audit, clock
from tillid.core.calendar import COPENHAGEN
from tillid.core.concern_checklist import Concern
from tillid.core.cpr import find_cpr_numbers, validate_no_cpr
from tillid.core.refusals import ActionRefusedError, NotPermittedError

ADULT_AGE = 18
MAX_TEXT = 10_000
# A path inside Tillid only ("/konsulent/sager/12/"): no host, no query, nothing else carried.
ORIGIN_PATH = re.compile(r"^/(?:en/)?[a-z0-9/\-]{1,250}$")


# ----------------------------------------------------------------------------- CPR and age


def parse_cpr(value: str) -> tuple[str, date]:
    """Ten digits (a hyphen or spaces allowed) that form a CPR number with a real birth date.

    Returns the digits and the birth date; ``ValidationError`` otherwise. The modulus-11 check
    is never applied (numbers since 2007 need not pass it). The message never repeats the value.
    """
    digits = re.sub(r"[\s\-.]", "", value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(
            _("Skriv CPR-nummeret som 10 cifre, fx 010203-1234."), code="cpr_format"
        )
    findings = find_cpr_numbers(digits)
    if not findings:
        raise ValidationError(
            _("CPR-nummeret indeholder ikke en gyldig fødselsdato. Tjek de første 6 cifre."),
            code="cpr_date",
        )
    return digits, findings[0].birth_date


def age_on(birth_date: date, day: date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def mask(digits: str) -> str:
    return f"{digits[:6]}-XXXX" if digits else ""


# ----------------------------------------------------------------------------- starting


def report_start(*, actor: Any, origin_path: str = "") -> Report:
    """A new empty draft of ``actor``'s. ``origin_path`` (where the worry arose: a consultation
    case, a risk assessment) is kept only if it is a plain path inside Tillid."""
    if not may_notify(actor):
        raise NotPermittedError
    now = clock.now()
    origin = origin_path if ORIGIN_PATH.match(origin_path or "") else ""
    with transaction.atomic():
        report = Report.objects.create(
            notifier=actor, origin_path=origin, created_at=now, updated_at=now
        )
        audit.record(
            actor=actor, action="concerns.report.started", target=report, origin=bool(origin)
        )
    return report


# ----------------------------------------------------------------------------- steps


@dataclass
class ChildData:
    name: str
    cpr: str | None = None  # None keeps the saved number; "" removes it
    birth_date: date | None = None
    age: int | None = None
    school: str = ""
    language: str = ""
    interpreter_needed: bool | None = None


@dataclass
class ConcernData:
    observations: str = ""
    child_words: str = ""
    concerns: list[str] = field(default_factory=list)
    wellbeing: str = ""


@dataclass
class FamilyData:
    parents_told: str = ""
    child_wish: str = ""
    family_suspected: bool | None = None


@dataclass
class NotifierData:
    name: str = ""
    title: str = ""
    workplace: str = ""
    phone: str = ""
    email: str = ""
    relation: str = ""


def _lock_draft(actor: Any, report: Report) -> Report:
    require_notifier(actor, report)
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if locked.status != Status.DRAFT:
        raise ReportSubmittedError
    return locked


def _text(errors: dict[str, list[Any]], name: str, value: str, *, cpr_allowed: bool = False) -> str:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        errors.setdefault(name, []).append(_("Teksten er for lang (højst 10.000 tegn)."))
    if not cpr_allowed:
        try:
            validate_no_cpr(value)
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.messages)
    return value


def _raise(errors: dict[str, list[Any]]) -> None:
    if errors:
        raise ValidationError(errors)


def _apply_child(report: Report, data: ChildData, today: date) -> None:
    errors: dict[str, list[Any]] = {}
    name = _text(errors, "name", data.name)
    if not name:
        errors["name"] = [_("Skriv barnets navn.")]
    digits = report.child_cpr or ""
    birth_date = data.birth_date
    if data.cpr is not None:
        digits = ""
        if data.cpr.strip():
            try:
                digits, cpr_birth_date = parse_cpr(data.cpr)
            except ValidationError as error:
                errors["cpr"] = list(error.error_list)
            else:
                if birth_date is not None and birth_date != cpr_birth_date:
                    errors["birth_date"] = [
                        _("Fødselsdatoen passer ikke med CPR-nummeret. Ret den ene af dem.")
                    ]
                birth_date = cpr_birth_date
    elif digits and birth_date is None:
        birth_date = parse_cpr(digits)[1]
    if birth_date is not None and birth_date > today:
        errors.setdefault("birth_date", []).append(_("Fødselsdatoen ligger i fremtiden."))
    age = age_on(birth_date, today) if birth_date else data.age
    if age is None and "cpr" not in errors:
        errors["age"] = [_("Skriv barnets alder, fødselsdato eller CPR-nummer.")]
    if age is not None and not 0 <= age <= 150:
        errors["age"] = [_("Skriv en alder mellem 0 og 17 år.")]
    school = _text(errors, "school", data.school)
    language = _text(errors, "language", data.language)
    _raise(errors)
    if age is not None and age >= ADULT_AGE:
        raise AdultError
    report.child_name = name
    report.child_cpr = digits
    report.child_birth_date = birth_date.isoformat() if birth_date else ""
    report.child_age = age
    report.school = school
    report.language = language
    report.interpreter_needed = data.interpreter_needed
    report.cpr_hash = matching.cpr_hash(digits)
    report.name_birth_hash = matching.name_birth_hash(name, birth_date)


def _apply_concern(report: Report, data: ConcernData) -> None:
    errors: dict[str, list[Any]] = {}
    report.observations = _text(errors, "observations", data.observations)
    report.child_words = _text(errors, "child_words", data.child_words)
    report.wellbeing = _text(errors, "wellbeing", data.wellbeing)
    unknown = [code for code in data.concerns if code not in Concern.values]
    if unknown:
        errors["concerns"] = [_("Vælg blandt de viste tegn.")]
    if not report.observations:
        errors["observations"] = [
            _(
                "Beskriv, hvad du konkret har set og hørt, og hvornår. Det er kernen i en "
                "underretning."
            )
        ]
    _raise(errors)
    report.concerns = list(dict.fromkeys(data.concerns))


def _apply_family(report: Report, data: FamilyData) -> None:
    errors: dict[str, list[Any]] = {}
    if data.parents_told not in ParentsTold.values:
        errors["parents_told"] = [_("Svar på, om forældrene ved, at du underretter.")]
    if data.child_wish not in ChildWish.values:
        errors["child_wish"] = [_("Svar på, hvad barnet ønsker om at inddrage familien.")]
    if data.family_suspected is None:
        errors["family_suspected"] = [
            _("Svar på, om du har mistanke om kontrol eller overgreb fra familien.")
        ]
    _raise(errors)
    report.parents_told = data.parents_told
    report.child_wish = data.child_wish
    report.family_suspected = data.family_suspected


def _apply_notifier(report: Report, data: NotifierData) -> None:
    errors: dict[str, list[Any]] = {}
    report.notifier_name = _text(errors, "name", data.name)
    report.notifier_title = _text(errors, "title", data.title)
    report.notifier_workplace = _text(errors, "workplace", data.workplace)
    report.notifier_phone = _text(errors, "phone", data.phone)
    report.notifier_email = _text(errors, "email", data.email)
    report.relation = _text(errors, "relation", data.relation)
    if not report.notifier_name:
        errors["name"] = [_("Skriv dit navn.")]
    if not report.notifier_workplace:
        errors["workplace"] = [_("Skriv din arbejdsplads.")]
    if not (report.notifier_phone or report.notifier_email):
        errors["phone"] = [_("Skriv et arbejdstelefonnummer eller en arbejdsmail.")]
    if not report.relation:
        errors["relation"] = [_("Skriv, hvordan du kender barnet.")]
    _raise(errors)


def family_flag_applies(report: Report) -> bool:
    """ "Kontakt ikke familien": set when control or abuse by the family is suspected (asked
    directly, or any sign of social control or honour-related conflict is ticked), or when the
    child does not want the family involved."""
    return bool(
        report.family_suspected or report.child_wish == ChildWish.DOES_NOT_WANT or report.concerns
    )


def report_save_step(*, actor: Any, report: Report, step: str, data: Any) -> Report:
    """Save one step of ``actor``'s draft. ``data`` is the step's dataclass (the acute step:
    a bool; the step "what has been done": a str). Refused (``NotPermittedError``) for anyone
    but the notifier, (``ReportSubmittedError``) once submitted; ``ValidationError`` by field,
    ``AdultError`` for a person of 18 or over (nothing saved)."""
    if step not in steps.ANSWER_STEPS:
        raise ValueError(f"unknown step {step!r}")
    now = clock.now()
    with transaction.atomic():
        locked = _lock_draft(actor, report)
        if step == steps.ACUTE:
            if not isinstance(data, bool):
                raise ValidationError({"acute": [_("Svar ja eller nej.")]})
            locked.acute = data
        elif step == steps.CHILD:
            _apply_child(locked, data, timezone.localtime(now, COPENHAGEN).date())
        elif step == steps.CONCERN:
            _apply_concern(locked, data)
        elif step == steps.FAMILY:
            _apply_family(locked, data)
        elif step == steps.DONE_ALREADY:
            errors: dict[str, list[Any]] = {}
            locked.actions_taken = _text(errors, "actions_taken", str(data or ""))
            _raise(errors)
        else:
            _apply_notifier(locked, data)
        if locked.family_flag_lifted_at is None:
            locked.do_not_contact_family = family_flag_applies(locked)
        if step not in locked.steps_done:
            locked.steps_done = [*locked.steps_done, step]
        locked.updated_at = now
        locked.draft_reminded_at = None
        locked.save()
        audit.record(actor=actor, action="concerns.report.draft_saved", target=locked, step=step)
    return locked


# ----------------------------------------------------------------------------- submitting


@dataclass(frozen=True)
class SubmitProblem:
    message: str
    step: str


class SubmitRefusedError(ActionRefusedError):
    """The draft is not complete; each problem names the step that fixes it."""

    def __init__(self, problems: list[SubmitProblem]) -> None:
        self.problems = problems
        super().__init__(problems[0].message if problems else None, code="incomplete")

    @property
    def messages(self) -> list[str]:
        return [problem.message for problem in self.problems]


def submit_problems(report: Report) -> list[SubmitProblem]:
    problems = []
    for slug in steps.ANSWER_STEPS:
        if slug not in report.steps_done:
            title = next(step.title for step in steps.STEPS if step.slug == slug)
            problems.append(
                SubmitProblem(_("Trinnet „%(step)s“ er ikke udfyldt.") % {"step": title}, slug)
            )
    if steps.CONCERN in report.steps_done and not report.observations:
        problems.append(
            SubmitProblem(_("Beskriv, hvad du konkret har set og hørt."), steps.CONCERN)
        )
    return problems


def _next_reference(year: int) -> str:
    counter, _created = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"U-{year}-{counter.last:04d}"


def intake_unit_for_reports() -> IntakeUnit | None:
    return IntakeUnit.objects.select_related("org_unit").order_by("pk").first()


def report_submit(*, actor: Any, report: Report) -> tuple[Report, bool]:
    """Submit ``actor``'s draft to the intake unit: reference number, both deadlines, status
    "received". A report already submitted comes back unchanged with ``created`` False (a double
    click submits once). Refused (``SubmitRefusedError``) when a step is missing or there are no
    observations, (``ActionRefusedError``) when no intake unit is configured."""
    require_notifier(actor, report)
    now = clock.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != Status.DRAFT:
            return locked, False
        problems = submit_problems(locked)
        if problems:
            raise SubmitRefusedError(problems)
        unit = intake_unit_for_reports()
        if unit is None:
            raise ActionRefusedError(
                _(
                    "Kommunens modtagelse af underretninger er ikke sat op i Tillid endnu. "
                    "Ring til kommunen, og gem kladden til senere."
                ),
                code="no_intake",
            )
        locked.reference = _next_reference(timezone.localtime(now, COPENHAGEN).year)
        locked.status = Status.RECEIVED
        locked.intake_unit = unit
        locked.submitted_at = now
        locked.assessment_due = deadlines.assessment_due(now)
        locked.receipt_due = deadlines.receipt_due(now)
        locked.updated_at = now
        locked.save()
        audit.record(
            actor=actor,
            action="concerns.report.submitted",
            target=locked,
            acute=bool(locked.acute),
            family_flag=locked.do_not_contact_family,
        )
    return locked, True
