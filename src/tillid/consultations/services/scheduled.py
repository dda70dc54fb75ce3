"""Scheduled work: telling the team lead about missed deadlines, and anonymising old cases.

Both are idempotent and safe to run from several workers at once: a case is claimed with a
conditional update before anything is sent or changed. Run them from cron (see the README) with
``manage.py consultation_deadlines`` and ``manage.py consultation_retention``, or enqueue the
tasks in ``tillid.consultations.tasks``.
"""

from __future__ import annotations

import calendar
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction

from tillid.consultations.models import (
    Consultation,
    InternalNote,
    Meeting,
    Message,
    Status,
)
from tillid.consultations.selectors import team_members
from tillid.consultations.services.notifications import case_url, notify
from tillid.core import audit, clock
from tillid.risk import services as risk_services

CHUNK = 500
DEFAULT_RETENTION_MONTHS = 24


def deadlines_escalate(*, now: datetime | None = None) -> int:
    """Mail the team lead once for each open case whose first-response deadline has passed
    without a response (the team's consultants when no lead is set). Returns how many cases
    were escalated; a second run sends nothing more."""
    now = now or clock.now()
    overdue = (
        Consultation.objects.filter(
            first_response_at__isnull=True,
            deadline_escalated_at__isnull=True,
            first_response_due__lt=now,
        )
        .exclude(status=Status.CLOSED)
        .select_related("team", "team__lead")
        .order_by("first_response_due", "pk")
    )
    escalated = 0
    for case in overdue:
        with transaction.atomic():
            claimed = Consultation.objects.filter(
                pk=case.pk, deadline_escalated_at__isnull=True, first_response_at__isnull=True
            ).update(deadline_escalated_at=now)
            if not claimed:
                continue
            lead = case.team.lead
            recipients = [lead] if lead and lead.is_active else list(team_members(team=case.team))
            sent = notify(recipients=recipients, template="deadline_missed", url=case_url(case.pk))
            audit.record(
                actor=None,
                action="consultations.consultation.deadline_missed",
                target=case,
                due=case.first_response_due.isoformat(),
                mails=sent,
                to_lead=bool(lead and lead.is_active),
            )
        escalated += 1
    return escalated


def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` moved back ``months`` calendar months (31 March minus 1 month: 28/29 Feb)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def consultations_anonymise(
    *, now: datetime | None = None, months: int | None = None, actor: Any = None
) -> list[int]:
    """Anonymise the cases closed more than ``months`` months ago (default
    ``TILLID_CONSULTATION_RETENTION_MONTHS``, 24): the description, contact details, teaching
    details, closing note, messages, internal notes and meeting places and links are removed and
    the link to the professional is cut; the figures (kinds of help, urgency, age group,
    concerns, dates, outcome, time spent, the administration) stay.

    Every run is audited, also one that finds nothing. Returns the ids anonymised.
    """
    now = now or clock.now()
    if months is None:
        months = getattr(settings, "TILLID_CONSULTATION_RETENTION_MONTHS", DEFAULT_RETENTION_MONTHS)
    if months < 1:
        raise ValueError("The retention period must be at least one month.")
    cutoff = months_before(now, months)
    ids = list(
        Consultation.objects.filter(
            status=Status.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            Message.objects.filter(consultation_id__in=chunk).delete()
            InternalNote.objects.filter(consultation_id__in=chunk).delete()
            Meeting.objects.filter(consultation_id__in=chunk).update(place="", video_link="")
            # The requester's shares came from the link that is cut now.
            risk_services.context_shares_end(model=Consultation, context_ids=chunk)
            Consultation.objects.filter(pk__in=chunk, anonymised_at__isnull=True).update(
                description="",
                contact_times="",
                contact_phone="",
                teaching_group="",
                teaching_dates="",
                teaching_venue="",
                outcome_note="",
                requester=None,
                anonymised_at=now,
            )
        audit.record(
            actor=actor,
            action="consultations.retention.run",
            cutoff=cutoff.isoformat(),
            months=months,
            anonymised=len(ids),
            consultation_ids=ids,
        )
    return ids
