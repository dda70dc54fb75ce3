"""The bridge to the risk app: its reader rule for case consultants and the assessments a case
page shows. Only the risk app's services and selectors are used; without the risk app (not
installed), the case pages simply show no risk section.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import Q
from django.urls import reverse

from tillid.consultations.models import Consultation
from tillid.consultations.selectors import (
    consultation_list_for_consultant,
    consultations_shared_with_requester,
)


def risk_available() -> bool:
    return apps.is_installed("tillid.risk")


def reader_rule(user: Any) -> Q | None:
    """The risk app's reader rule: a case's consultants read every assessment of the subject
    linked to the case; its requester reads the finalised ones once a consultant shares them."""
    if not getattr(user, "is_authenticated", False):
        return None
    from tillid.risk.selectors import subject_context_q

    condition = subject_context_q(
        Consultation, consultation_list_for_consultant(user=user).values("pk")
    )
    shared = consultations_shared_with_requester(user=user)
    return condition | (subject_context_q(Consultation, shared.values("pk")) & Q(status="final"))


def register_reader_rule() -> None:
    if risk_available():
        from tillid.risk.selectors import register_reader_rule as register

        register(reader_rule)


def case_assessments(*, user: Any, consultation: Consultation) -> list[Any]:
    """Every assessment of the case's citizen that ``user`` may read, newest first."""
    if not risk_available():
        return []
    from tillid.risk.selectors import assessment_list_for_user, subject_for_context

    subject = subject_for_context(context=consultation)
    if subject is None:
        return []
    return list(
        assessment_list_for_user(user=user).filter(subject=subject).order_by("-created_at", "-pk")
    )


def shared_assessment(*, user: Any, consultation: Consultation) -> Any | None:
    """The newest finalised assessment the team shared with the requester, or None."""
    if not risk_available() or not consultation.risk_shared_with_requester:
        return None
    from tillid.risk.selectors import assessment_latest_for_subject, subject_for_context

    subject = subject_for_context(context=consultation)
    if subject is None:
        return None
    return assessment_latest_for_subject(user=user, subject=subject)


def assessment_url(assessment: Any) -> str:
    return reverse("risk:detail", kwargs={"pk": assessment.pk})


def first_step_url(assessment: Any) -> str:
    """Where a new assessment continues: its first step (the age group, already filled in)."""
    return reverse("risk:step", kwargs={"pk": assessment.pk, "step": "person"})
