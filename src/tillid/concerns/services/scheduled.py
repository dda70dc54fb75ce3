"""Scheduled work: warning the unit lead before and when a 24-hour deadline passes, and
retention (anonymising old reports, reminding about and then removing abandoned drafts).

Both are idempotent and safe to run from several processes at once: a report is claimed with a
conditional update before anything is sent or changed, and the mail is stored in the outbox in
the same transaction, so an SMTP outage delays it without losing it. Run them from cron with
``manage.py concern_deadlines`` (every 5 minutes) and ``manage.py concern_retention`` (daily),
or enqueue the tasks in ``tillid.concerns.tasks``.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction

from tillid.concerns import deadlines
from tillid.concerns.models import Report, Status
from tillid.concerns.services.notifications import draft_url, intake_url, notify
from tillid.core import audit, clock

DEFAULT_RETENTION_MONTHS = 24
DEFAULT_DRAFT_REMINDER_DAYS = 30
DEFAULT_DRAFT_REMOVAL_DAYS = 14


def _warn(report: Report, *, field: str, template: str, now: datetime, also: str = "") -> bool:
    with transaction.atomic():
        claim = {field: now}
        if also:
            claim[also] = now
        claimed = Report.objects.filter(
            pk=report.pk, assessed_at__isnull=True, **{f"{field}__isnull": True}
        ).update(**claim)
        if not claimed:
            return False
        unit = report.intake_unit
        lead = unit.org_unit.effective_lead() if unit else None
        mailed = notify(user=lead, template=template, url=intake_url(report.pk))
        audit.record(
            actor=None,
            action="concerns.report.deadline_warning",
            target=report,
            kind=template,
            due=report.assessment_due.isoformat() if report.assessment_due else "",
            mailed=mailed,
        )
    return True


def deadline_warnings_send(*, now: datetime | None = None) -> int:
    """Warn the intake unit's lead (``OrgUnit.effective_lead``) about unassessed reports: once
    2 hours before the 24-hour deadline and once when it has passed. A report found already
    overdue gets only the "passed" warning. Returns how many warnings were sent."""
    now = now or clock.now()
    pending = (
        Report.objects.filter(
            status=Status.RECEIVED,
            assessed_at__isnull=True,
            assessment_due__lte=now + deadlines.WARNING_BEFORE,
        )
        .select_related("intake_unit__org_unit")
        .order_by("assessment_due", "pk")
    )
    sent = 0
    for report in pending:
        due = report.assessment_due
        assert due is not None
        if due <= now:
            if report.warned_overdue_at is None and _warn(
                report,
                field="warned_overdue_at",
                template="deadline_passed",
                now=now,
                also="warned_before_at" if report.warned_before_at is None else "",
            ):
                sent += 1
        elif report.warned_before_at is None and _warn(
            report, field="warned_before_at", template="deadline_soon", now=now
        ):
            sent += 1
    return sent


def _months_before(moment: datetime, months: int) -> datetime:
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


ANONYMISED_FIELDS = {
    "child_name": "",
    "child_cpr": "",
    "child_birth_date": "",
    "school": "",
    "language": "",
    "cpr_hash": "",
    "name_birth_hash": "",
    "observations": "",
    "child_words": "",
    "wellbeing": "",
    "actions_taken": "",
    "notifier_name": "",
    "notifier_title": "",
    "notifier_workplace": "",
    "notifier_phone": "",
    "notifier_email": "",
    "relation": "",
    "assessment_reasons": "",
    "family_flag_lift_reason": "",
    "origin_path": "",
    "notifier": None,
}


def concerns_retain(*, now: datetime | None = None, actor: Any = None) -> dict[str, list[int]]:
    """Retention, audited as one run (also when it finds nothing):

    - submitted reports received more than ``TILLID_CONCERN_RETENTION_MONTHS`` (24) months ago
      are anonymised: everything about the child, the family and the notifier is removed (and the
      matching hashes, so they no longer find each other); the figures stay (dates, statuses,
      checklist codes, the assessment's answers);
    - a draft untouched for ``TILLID_CONCERN_DRAFT_REMINDER_DAYS`` (30) days gets one reminder
      mail (a link, nothing else); a draft still untouched ``TILLID_CONCERN_DRAFT_REMOVAL_DAYS``
      (14) days after its reminder is removed. Saving a step resets both.
    """
    now = now or clock.now()
    months = int(getattr(settings, "TILLID_CONCERN_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS))
    reminder_days = int(
        getattr(settings, "TILLID_CONCERN_DRAFT_REMINDER_DAYS", DEFAULT_DRAFT_REMINDER_DAYS)
    )
    removal_days = int(
        getattr(settings, "TILLID_CONCERN_DRAFT_REMOVAL_DAYS", DEFAULT_DRAFT_REMOVAL_DAYS)
    )
    if months < 1 or reminder_days < 1 or removal_days < 1:
        raise ValueError("Retention periods must be at least one month and one day.")
    cutoff = _months_before(now, months)
    result: dict[str, list[int]] = {"anonymised": [], "reminded": [], "removed": []}
    with transaction.atomic():
        result["anonymised"] = list(
            Report.objects.exclude(status=Status.DRAFT)
            .filter(submitted_at__lt=cutoff, anonymised_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Report.objects.filter(pk__in=result["anonymised"]).update(
            anonymised_at=now, **ANONYMISED_FIELDS
        )
        removable = Report.objects.filter(
            status=Status.DRAFT,
            draft_reminded_at__lt=now - timedelta(days=removal_days),
            updated_at__lt=now - timedelta(days=reminder_days),
        )
        result["removed"] = list(removable.order_by("pk").values_list("pk", flat=True))
        Report.objects.filter(pk__in=result["removed"]).delete()
        stale = Report.objects.filter(
            status=Status.DRAFT,
            draft_reminded_at__isnull=True,
            updated_at__lt=now - timedelta(days=reminder_days),
        ).select_related("notifier")
        for draft in stale.order_by("pk"):
            if Report.objects.filter(pk=draft.pk, draft_reminded_at__isnull=True).update(
                draft_reminded_at=now
            ):
                notify(user=draft.notifier, template="draft_reminder", url=draft_url(draft.pk))
                audit.record(actor=None, action="concerns.report.draft_reminded", target=draft)
                result["reminded"].append(draft.pk)
        audit.record(
            actor=actor,
            action="concerns.retention.run",
            cutoff=cutoff.isoformat(),
            months=months,
            anonymised_ids=result["anonymised"],
            removed_draft_ids=result["removed"],
            reminded_draft_ids=result["reminded"],
        )
    return result
