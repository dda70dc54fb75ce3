"""The intake's actions on a submitted report: assign, the 24-hour assessment, the receipt,
feedback, lifting the family flag, exports.

Each write is a conditional update on the report's ``version``: the page carries the version it
showed, and when a colleague changed the report in between, the update matches no row and the
action is refused (``ReportChangedError``) with nothing changed. So two intake workers assessing
at once: one wins, the other is told. Status changes mail the notifier a link, never content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from tillid.accounts.roles import Role, has_role
from tillid.concerns.models import Feedback, NextStep, Report, Status
from tillid.concerns.services.common import ReportChangedError, require_intake
from tillid.concerns.services.notifications import notify, status_url
from tillid.core import audit, clock
from tillid.core.calendar import COPENHAGEN
from tillid.core.cpr import validate_no_cpr
from tillid.core.refusals import ActionRefusedError, NotPermittedError

EXPORT_KINDS = ("json", "pdf")


def _update(report: Report, expected_version: int, **changes: Any) -> Report:
    """Apply ``changes`` if the report is still at ``expected_version``; refuse otherwise."""
    updated = Report.objects.filter(pk=report.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=clock.now(), **changes
    )
    if not updated:
        raise ReportChangedError
    report.refresh_from_db()
    return report


def _tell_notifier(report: Report) -> bool:
    return notify(user=report.notifier, template="status_changed", url=status_url(report.pk))


def report_assign(*, actor: Any, report: Report, assignee: Any, expected_version: int) -> Report:
    """Give the report to ``assignee`` (an intake worker of the same unit, or None to release)."""
    require_intake(actor, report)
    if assignee is not None and not (
        has_role(assignee, Role.INTAKE_WORKER)
        and assignee.org_unit_id == report.intake_unit.org_unit_id  # type: ignore[union-attr]
    ):
        raise ActionRefusedError(
            _("Underretningen kan kun tildeles en modtagelsesmedarbejder i enheden."),
            code="assignee",
            field="assignee",
        )
    with transaction.atomic():
        _update(report, expected_version, assigned_to=assignee)
        audit.record(
            actor=actor,
            action="concerns.report.assigned",
            target=report,
            assignee=assignee.pk if assignee else None,
        )
    return report


@dataclass(frozen=True)
class AssessmentData:
    health_in_danger: bool
    urgent_measures: bool
    next_step: str
    reasons: str


def report_assess(
    *, actor: Any, report: Report, data: AssessmentData, expected_version: int
) -> Report:
    """Record the 24-hour assessment. Refused when already assessed or changed meanwhile
    (``ReportChangedError``); ``ValidationError`` without reasons or with an unknown next step."""
    require_intake(actor, report)
    errors: dict[str, list[str]] = {}
    reasons = (data.reasons or "").strip()
    if not reasons:
        errors["reasons"] = [_("Begrund vurderingen.")]
    else:
        try:
            validate_no_cpr(reasons)
        except ValidationError as error:
            errors["reasons"] = list(error.messages)
    if data.next_step not in NextStep.values:
        errors["next_step"] = [_("Vælg det næste skridt.")]
    if errors:
        raise ValidationError(errors)
    if report.assessed_at is not None:
        raise ReportChangedError(
            _("En kollega har allerede vurderet underretningen. Se vurderingen nedenfor."),
            code="assessed",
        )
    now = clock.now()
    with transaction.atomic():
        _update(
            report,
            expected_version,
            status=Status.ASSESSED,
            assessed_at=now,
            assessed_by=actor,
            health_in_danger=data.health_in_danger,
            urgent_measures=data.urgent_measures,
            next_step=data.next_step,
            assessment_reasons=reasons,
        )
        on_time = report.assessment_due is not None and now <= report.assessment_due
        audit.record(
            actor=actor,
            action="concerns.report.assessed",
            target=report,
            next_step=data.next_step,
            health_in_danger=data.health_in_danger,
            urgent_measures=data.urgent_measures,
            on_time=on_time,
            mailed=_tell_notifier(report),
        )
    return report


def receipt_send(*, actor: Any, report: Report) -> Report:
    """Send the notifier the receipt (one click; the status page shows it, a mail says the
    status changed). Sending twice is refused: the first click counts."""
    require_intake(actor, report)
    now = clock.now()
    with transaction.atomic():
        updated = Report.objects.filter(pk=report.pk, receipt_sent_at__isnull=True).update(
            receipt_sent_at=now,
            receipt_sent_by=actor,
            version=F("version") + 1,
            updated_at=now,
        )
        if not updated:
            raise ActionRefusedError(_("Kvitteringen er allerede sendt."), code="receipt_sent")
        report.refresh_from_db()
        on_time = (
            report.receipt_due is not None
            and timezone.localtime(now, COPENHAGEN).date() <= report.receipt_due
        )
        audit.record(
            actor=actor,
            action="concerns.report.receipt_sent",
            target=report,
            on_time=on_time,
            mailed=_tell_notifier(report),
        )
    return report


def feedback_record(*, actor: Any, report: Report, feedback: str, expected_version: int) -> Report:
    """Tell the notifier whether the report led to an investigation or a measure."""
    require_intake(actor, report)
    if feedback not in Feedback.values:
        raise ValidationError({"feedback": [_("Vælg en tilbagemelding.")]})
    with transaction.atomic():
        _update(report, expected_version, feedback=feedback, feedback_at=clock.now())
        audit.record(
            actor=actor,
            action="concerns.report.feedback_given",
            target=report,
            feedback=feedback,
            mailed=_tell_notifier(report),
        )
    return report


def family_flag_lift(*, actor: Any, report: Report, reason: str, expected_version: int) -> Report:
    """Lift "Kontakt ikke familien". Needs a reason (kept encrypted, never in the audit trail)."""
    require_intake(actor, report)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Skriv, hvorfor familien nu må kontaktes.")]})
    validate_no_cpr(reason)
    if not report.do_not_contact_family:
        raise ActionRefusedError(_("Familien er ikke markeret som „kontakt ikke“."), code="not_set")
    with transaction.atomic():
        _update(
            report,
            expected_version,
            do_not_contact_family=False,
            family_flag_lifted_at=clock.now(),
            family_flag_lifted_by=actor,
            family_flag_lift_reason=reason,
        )
        audit.record(actor=actor, action="concerns.report.family_flag_lifted", target=report)
    return report


def report_export(*, actor: Any, report: Report, kind: str) -> None:
    """Record an export to the case system (the view renders it). Intake workers only."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export {kind!r}")
    if report.status == Status.DRAFT:
        raise NotPermittedError
    require_intake(actor, report)
    audit.record(actor=actor, action="concerns.report.exported", target=report, format=kind)
