"""Services of concern reports (writes). See ``common`` for who may do what."""

from tillid.concerns.services.common import (
    AdultError,
    ReportChangedError,
    ReportSubmittedError,
    is_notifier_of,
    may_intake,
    may_notify,
)
from tillid.concerns.services.drafts import (
    ChildData,
    ConcernData,
    FamilyData,
    NotifierData,
    SubmitRefusedError,
    family_flag_applies,
    mask,
    parse_cpr,
    report_save_step,
    report_start,
    report_submit,
    submit_problems,
)
from tillid.concerns.services.intake import (
    AssessmentData,
    family_flag_lift,
    feedback_record,
    receipt_send,
    report_assess,
    report_assign,
    report_export,
)
from tillid.concerns.services.scheduled import concerns_retain, deadline_warnings_send

__all__ = [
    "AdultError",
    "AssessmentData",
    "ChildData",
    "ConcernData",
    "FamilyData",
    "NotifierData",
    "ReportChangedError",
    "ReportSubmittedError",
    "SubmitRefusedError",
    "concerns_retain",
    "deadline_warnings_send",
    "family_flag_applies",
    "family_flag_lift",
    "feedback_record",
    "is_notifier_of",
    "mask",
    "may_intake",
    "may_notify",
    "parse_cpr",
    "receipt_send",
    "report_assess",
    "report_assign",
    "report_export",
    "report_save_step",
    "report_start",
    "report_submit",
    "submit_problems",
]
