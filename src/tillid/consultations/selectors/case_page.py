"""The consultant's case page: everything it shows about one case, gathered in one read.

Kept apart from the package's other selectors because it also reads the risk app (through
``risk_links``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from tillid.consultations.models import Consultation, InternalNote, Meeting, Message
from tillid.consultations.risk_links import assessment_url, case_assessments
from tillid.consultations.selectors import team_members


@dataclass(frozen=True)
class CasePage:
    case: Consultation
    now: datetime
    overdue: bool
    thread: list[Message]
    notes: list[InternalNote]
    meetings: list[Meeting]
    members: list[Any]
    is_member: bool
    assessments: list[tuple[Any, str]]  # (assessment, its URL), newest first
    has_final_assessment: bool

    def as_context(self) -> dict[str, Any]:
        """The template context (shallow: the records themselves, not copies)."""
        return {field.name: getattr(self, field.name) for field in fields(self)}


def case_page_for_consultant(*, user: Any, consultation: Consultation, now: datetime) -> CasePage:
    """What a consultant sees of ``consultation``. The caller has fetched the case through
    ``consultation_get_for_consultant`` (and audits the display); the assessments listed are the
    ones ``user`` may read."""
    members = list(team_members(team=consultation.team))
    assessments = case_assessments(user=user, consultation=consultation)
    return CasePage(
        case=consultation,
        now=now,
        overdue=consultation.is_overdue(now),
        thread=list(consultation.messages.all()),
        notes=list(consultation.internal_notes.all()),
        meetings=list(consultation.meetings.all()),
        members=members,
        is_member=any(member.pk == user.pk for member in members),
        assessments=[(item, assessment_url(item)) for item in assessments],
        has_final_assessment=any(item.is_final for item in assessments),
    )
