"""The bridge to the risk app: the assessments a case page shows. Only the risk app's services
and selectors are used; who reads what is stated in ``tillid.risk.access``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from tillid.consultations.models import Consultation
from tillid.risk.selectors import (
    assessment_list_for_user,
    assessment_shared_with_user,
    subject_for_context,
)


def case_assessments(*, user: Any, consultation: Consultation) -> list[Any]:
    """Every assessment of the case's citizen that ``user`` may read, newest first."""
    subject = subject_for_context(context=consultation)
    if subject is None:
        return []
    return list(
        assessment_list_for_user(user=user).filter(subject=subject).order_by("-created_at", "-pk")
    )


def shared_assessment(*, user: Any, consultation: Consultation) -> Any | None:
    """The assessment of the case's citizen the team shared with ``user``, or None."""
    subject = subject_for_context(context=consultation)
    if subject is None:
        return None
    return assessment_shared_with_user(user=user, subject=subject)


def assessment_url(assessment: Any) -> str:
    return reverse("risk:detail", kwargs={"pk": assessment.pk})


def first_step_url(assessment: Any) -> str:
    """Where a new assessment continues: its first step (the age group, already filled in)."""
    return reverse("risk:step", kwargs={"pk": assessment.pk, "step": "person"})
