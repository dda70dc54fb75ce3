"""Reads of concern reports. One place decides who sees which report:

- a **notifier** sees their own drafts in full and their submitted reports' status, receipt and
  copy (``report_list_for_notifier``);
- an **intake worker** sees the submitted reports of their own intake unit
  (``report_list_for_intake``), and for each how many earlier reports concern the same child;
- nobody else sees a report: administrators, managers, editors, case workers and course
  administrators get empty lists and 404s.

Detail pages fetch through the ``_get_for_`` functions, so a list and a page cannot disagree.
Aggregate figures (``report_counts``) read no content and name no one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from tillid.accounts.models import User
from tillid.accounts.roles import Role, has_role
from tillid.concerns import deadlines
from tillid.concerns.models import Report, Status
from tillid.concerns.services.common import NOTIFIER_ROLES
from tillid.core.calendar import COPENHAGEN

# ----------------------------------------------------------------------------- notifiers


def report_list_for_notifier(*, user: Any) -> QuerySet[Report]:
    if not has_role(user, *NOTIFIER_ROLES):
        return Report.objects.none()
    return Report.objects.filter(notifier=user, anonymised_at__isnull=True)


def report_get_for_notifier(*, user: Any, pk: Any) -> Report:
    report = report_list_for_notifier(user=user).select_related("intake_unit").filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def draft_get_for_notifier(*, user: Any, pk: Any) -> Report:
    report = report_get_for_notifier(user=user, pk=pk)
    if report.status != Status.DRAFT:
        raise Http404
    return report


def submitted_get_for_notifier(*, user: Any, pk: Any) -> Report:
    report = report_get_for_notifier(user=user, pk=pk)
    if report.status == Status.DRAFT:
        raise Http404
    return report


# ----------------------------------------------------------------------------- intake


def report_list_for_intake(*, user: Any) -> QuerySet[Report]:
    if not has_role(user, Role.INTAKE_WORKER) or user.org_unit_id is None:
        return Report.objects.none()
    return Report.objects.exclude(status=Status.DRAFT).filter(
        intake_unit__org_unit_id=user.org_unit_id
    )


def report_get_for_intake(*, user: Any, pk: Any) -> Report:
    report = (
        report_list_for_intake(user=user)
        .select_related("intake_unit__org_unit", "assigned_to", "assessed_by", "receipt_sent_by")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    return report


def intake_colleagues(*, report: Report) -> QuerySet[User]:
    """Active intake workers of the report's unit: who it can be assigned to."""
    unit_id = report.intake_unit.org_unit_id if report.intake_unit else None
    return User.objects.filter(
        org_unit_id=unit_id, is_active=True, groups__name=Role.INTAKE_WORKER
    ).order_by("name", "pk")


STAGE_OVERDUE, STAGE_ASSESS, STAGE_RECEIPT, STAGE_DONE = range(4)


def queue_for_intake(*, user: Any, now: datetime, include_done: bool = False) -> QuerySet[Report]:
    """The intake unit's reports in the order they must be handled: overdue first (a 24-hour
    deadline passed unassessed, or a receipt deadline passed unsent), then reports awaiting the
    24-hour assessment by deadline, then those awaiting the receipt by deadline; handled ones
    (assessed and receipt sent) last, only with ``include_done``."""
    today = timezone.localtime(now, COPENHAGEN).date()
    rows = (
        report_list_for_intake(user=user)
        .filter(anonymised_at__isnull=True)
        .select_related("assigned_to")
        .annotate(
            stage=Case(
                When(Q(assessed_at__isnull=True, assessment_due__lt=now), then=Value(0)),
                When(Q(receipt_sent_at__isnull=True, receipt_due__lt=today), then=Value(0)),
                When(assessed_at__isnull=True, then=Value(1)),
                When(receipt_sent_at__isnull=True, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
    )
    if not include_done:
        rows = rows.exclude(stage=STAGE_DONE)
    return rows.order_by("stage", "assessment_due", "receipt_due", "pk")


def clocks_of(report: Report, now: datetime) -> deadlines.Clocks:
    assert report.submitted_at is not None
    return deadlines.clocks(
        received_at=report.submitted_at,
        now=now,
        assessed=report.assessed_at is not None,
        receipt_sent=report.receipt_sent_at is not None,
        due=report.assessment_due,
        receipt_day=report.receipt_due,
    )


# ----------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class EarlierReport:
    submitted_at: datetime
    assessed: bool
    health_in_danger: bool | None
    urgent_measures: bool | None
    next_step_label: str


def earlier_reports(*, report: Report) -> list[EarlierReport]:
    """Earlier submitted reports about the same child: the same CPR hash, or the same name and
    birth date hash. Only dates and assessments, for the intake worker's eyes; across all intake
    units (the Ombudsman's case: reports about one child must find each other)."""
    condition = Q()
    if report.cpr_hash:
        condition |= Q(cpr_hash=report.cpr_hash)
    if report.name_birth_hash:
        condition |= Q(name_birth_hash=report.name_birth_hash)
    if not condition or report.submitted_at is None:
        return []
    rows = (
        Report.objects.exclude(status=Status.DRAFT)
        .exclude(pk=report.pk)
        .filter(condition, submitted_at__lt=report.submitted_at)
        .order_by("-submitted_at", "-pk")
    )
    return [
        EarlierReport(
            submitted_at=row.submitted_at,  # type: ignore[arg-type]
            assessed=row.assessed_at is not None,
            health_in_danger=row.health_in_danger,
            urgent_measures=row.urgent_measures,
            next_step_label=row.get_next_step_display() if row.next_step else "",
        )
        for row in rows
    ]


def earlier_counts(*, reports: list[Report]) -> dict[int, int]:
    """For a page of the queue: how many earlier reports concern each report's child (one
    query per report with a hash; a queue page holds at most 25)."""
    return {report.pk: len(earlier_reports(report=report)) for report in reports}


# ----------------------------------------------------------------------------- figures


def report_counts(
    *, since: date | None = None, until: date | None = None, org_unit_id: int | None = None
) -> dict[str, int]:
    """Counts of submitted reports (no content, no names), for statistics: received, assessed,
    assessed within 24 hours, receipts sent, family flags, and per next step."""
    rows = Report.objects.exclude(status=Status.DRAFT)
    if since is not None:
        rows = rows.filter(submitted_at__date__gte=since)
    if until is not None:
        rows = rows.filter(submitted_at__date__lte=until)
    if org_unit_id is not None:
        rows = rows.filter(intake_unit__org_unit_id=org_unit_id)
    figures = rows.aggregate(
        received=Count("pk"),
        acute=Count("pk", filter=Q(acute=True)),
        assessed=Count("pk", filter=Q(assessed_at__isnull=False)),
        assessed_on_time=Count("pk", filter=Q(assessed_at__lte=F("assessment_due"))),
        receipts_sent=Count("pk", filter=Q(receipt_sent_at__isnull=False)),
        family_flag=Count("pk", filter=Q(do_not_contact_family=True)),
    )
    for entry in rows.order_by().values("next_step").annotate(count=Count("pk")):
        if entry["next_step"]:
            figures[f"next_step_{entry['next_step']}"] = entry["count"]
    return figures
