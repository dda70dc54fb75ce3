"""Writes and rules of consultations, by sub-domain (STYLE.md: split past ~400 lines).

- ``requests``: the professional submits, writes and rates;
- ``casework``: the consultants assign, change status, write notes and messages, plan meetings,
  start risk assessments and close cases;
- ``scheduled``: deadline escalation and retention anonymisation.
"""

from tillid.consultations.services.casework import (
    MeetingData,
    OutcomeData,
    consultation_assign,
    consultation_close,
    consultation_set_status,
    meeting_plan,
    message_to_requester,
    messages_mark_read_by_team,
    note_add,
    risk_assessment_start,
    risk_share_set,
)
from tillid.consultations.services.errors import (
    AssignmentConflictError,
    ConsultationClosedError,
    NotAssignedError,
    NotATeamConsultantError,
    NoTeamError,
    NotEligibleError,
)
from tillid.consultations.services.requests import (
    RequestData,
    consultation_submit,
    message_from_requester,
    messages_mark_read_by_requester,
    rating_give,
    validate_request,
)
from tillid.consultations.services.scheduled import (
    consultations_anonymise,
    deadlines_escalate,
    months_before,
)

__all__ = [
    "AssignmentConflictError",
    "ConsultationClosedError",
    "MeetingData",
    "NoTeamError",
    "NotATeamConsultantError",
    "NotAssignedError",
    "NotEligibleError",
    "OutcomeData",
    "RequestData",
    "consultation_assign",
    "consultation_close",
    "consultation_set_status",
    "consultation_submit",
    "consultations_anonymise",
    "deadlines_escalate",
    "meeting_plan",
    "message_from_requester",
    "message_to_requester",
    "messages_mark_read_by_requester",
    "messages_mark_read_by_team",
    "months_before",
    "note_add",
    "rating_give",
    "risk_assessment_start",
    "risk_share_set",
    "validate_request",
]
