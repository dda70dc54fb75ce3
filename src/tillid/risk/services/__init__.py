"""Writes and rules of risk assessments. Other apps call these (and ``selectors``):

- ``subject_create`` / ``assessment_start`` / ``assessment_start_for_context``: start an
  assessment for a subject, optionally linked to another app's record (a consultation case);
- ``assessment_finalise``: lock the assessment with its judgement (read-only afterwards);
- ``assessment_share`` / ``subject_shares_end``: share one finalised assessment read-only;
- ``assessment_latest_for_subject`` (a read, from ``selectors``): the latest finalised
  assessment of a subject.

Every write checks its actor itself (``NotPermittedError``, rules in ``risk.access``), runs in a
transaction, refuses finalised assessments and writes an audit entry.
Audit details name steps and fields, never their content.
"""

from tillid.risk.selectors import assessment_latest_for_subject
from tillid.risk.services.common import (
    NOTE_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    AssessmentFinalisedError,
)
from tillid.risk.services.drafts import (
    AnswerInput,
    ScenarioInput,
    assessment_save_answers,
    assessment_save_judgement,
    assessment_save_next_steps,
    assessment_save_person,
    assessment_save_protective_factors,
    assessment_save_scenarios,
)
from tillid.risk.services.finalising import (
    FinaliseProblem,
    FinaliseRefusedError,
    assessment_delete_draft,
    assessment_finalise,
)
from tillid.risk.services.instruments import instrument_publish, instruments_load
from tillid.risk.services.sharing import (
    assessment_share,
    context_shares_end,
    subject_shares_end,
)
from tillid.risk.services.starting import (
    assessment_create,
    assessment_start,
    assessment_start_for_context,
    subject_create,
)

__all__ = [
    "NOTE_MAX_LENGTH",
    "REFERENCE_MAX_LENGTH",
    "AnswerInput",
    "AssessmentFinalisedError",
    "FinaliseProblem",
    "FinaliseRefusedError",
    "ScenarioInput",
    "assessment_create",
    "assessment_delete_draft",
    "assessment_finalise",
    "assessment_latest_for_subject",
    "assessment_save_answers",
    "assessment_save_judgement",
    "assessment_save_next_steps",
    "assessment_save_person",
    "assessment_save_protective_factors",
    "assessment_save_scenarios",
    "assessment_share",
    "assessment_start",
    "assessment_start_for_context",
    "context_shares_end",
    "instrument_publish",
    "instruments_load",
    "subject_create",
    "subject_shares_end",
]
