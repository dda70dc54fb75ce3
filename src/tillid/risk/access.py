"""Who may read a risk assessment, and who may start one for a person: every rule, here only.

Nobody reaches an assessment without being an active user with the professional, consultant or
adults' case worker role (``ASSESSMENT_ROLES``; case workers assess the adults whose action plans
they make, ``tillid.actionplans``, checked by ``tillid.accounts.roles.has_role``). Among those:

**Read** (``readable_q``; the selectors list and fetch through it):

1. *Authors* read every assessment they wrote (``Assessment.created_by``).
2. *Holders of a linked record* read every assessment of a subject linked to another app's
   record: users holding ``Subject.readers_role`` in ``Subject.readers_unit``. The linking app
   names them when it links (``services.assessment_start_for_context``). Today that is the
   consultations app: a case's subject is held by the consultants of the case's team
   (``consultations.services.casework.risk_assessment_start``), so they read what any of them
   wrote about the case's citizen.
3. *Share readers* read one finalised assessment shared with them (``AssessmentShare``), and
   only while the share lasts (``services.assessment_share``; ended by
   ``services.subject_shares_end``, or ``services.context_shares_end`` when the linking app cuts
   the link). Today: a case's consultant shares the newest finalised assessment with the
   professional who asked (``consultations.services.casework.risk_share_set``); the share ends
   when the consultant stops it or the case is anonymised.

**Start an assessment of a person** (``may_assess_subject``): the subject's creator and the
holders of its linked record (rule 2). Never a share reader: sharing is read-only.

**Edit a draft**: its author only (``selectors.assessment_get_for_author`` and the services'
``lock_draft``). A finalised assessment is never edited.

Administrators hold neither role and read nothing. The rules are data in the risk app's own
tables, so this app depends on no app that links to it (consultations depends on risk, never the
other way round).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from tillid.accounts.roles import Role, has_role
from tillid.risk.models import AssessmentShare, Subject

ASSESSMENT_ROLES = (Role.PROFESSIONAL, Role.CONSULTANT, Role.CASE_WORKER)


def may_use_assessments(user: Any) -> bool:
    """Active and holding a role that works with assessments at all."""
    return has_role(user, *ASSESSMENT_ROLES)


def _holder_q(user: Any, prefix: str) -> Q:
    """Rule 2 as a condition on ``<prefix>readers_unit`` / ``<prefix>readers_role``."""
    if user.org_unit_id is None:
        return Q(pk__in=[])
    held = [role for role in user.role_names if role in ASSESSMENT_ROLES]
    return Q(**{f"{prefix}readers_unit_id": user.org_unit_id, f"{prefix}readers_role__in": held})


def readable_q(user: Any) -> Q:
    """Rules 1-3 as one condition over ``Assessment``; matches nothing for anyone who may not
    use assessments at all."""
    if not may_use_assessments(user):
        return Q(pk__in=[])
    return (
        Q(created_by=user)
        | _holder_q(user, "subject__")
        | Q(status="final", pk__in=_shared_pks(user))
    )


def _shared_pks(user: Any) -> Any:
    return AssessmentShare.objects.filter(reader=user).values("assessment_id")


def may_assess_subject(user: Any, subject: Subject) -> bool:
    """Whether ``user`` may start a new assessment of ``subject`` (creator or rule 2)."""
    if not may_use_assessments(user):
        return False
    if subject.created_by_id == user.pk:
        return True
    return bool(
        subject.readers_unit_id is not None
        and subject.readers_unit_id == user.org_unit_id
        and has_role(user, subject.readers_role)
    )


def assessable_subject_q(user: Any) -> Q:
    """``may_assess_subject`` as a condition over ``Subject``."""
    if not may_use_assessments(user):
        return Q(pk__in=[])
    return Q(created_by=user) | _holder_q(user, "")
