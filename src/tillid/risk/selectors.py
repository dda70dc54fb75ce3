"""Reads of risk assessments. Who may read what is stated in ``tillid.risk.access``; every read
goes through ``assessment_list_for_user`` and the ``_get_for_`` functions built on it, so a list
and a page cannot disagree. Editing is never widened: only the author edits a draft
(``assessment_get_for_author``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import ExtractMonth
from django.http import Http404

from tillid.risk import access
from tillid.risk.definitions import InstrumentDefinition
from tillid.risk.models import Answer, Assessment, Instrument, Level, Subject
from tillid.risk.scoring import Answers, Suggestion, level_rank, suggest

DEFAULT_INSTRUMENT_KEY = "tillid-risiko"


def may_assess(user: Any) -> bool:
    return access.may_use_assessments(user)


def assessment_list_for_user(*, user: Any) -> QuerySet[Assessment]:
    """Every assessment ``user`` may read (none without the professional or consultant role)."""
    if not may_assess(user):
        return Assessment.objects.none()
    return Assessment.objects.filter(access.readable_q(user)).select_related(
        "subject", "instrument", "created_by"
    )


def assessment_get_for_user(*, user: Any, pk: Any) -> Assessment:
    """An assessment ``user`` may read; 404 otherwise (the view's access policy audits it)."""
    assessment = assessment_list_for_user(user=user).filter(pk=pk).first()
    if assessment is None:
        raise Http404
    return assessment


def assessment_get_for_author(*, user: Any, pk: Any) -> Assessment:
    """An assessment ``user`` wrote and may therefore edit while it is a draft; 404 otherwise.

    Finalised assessments are returned too: the caller shows them read-only.
    """
    if not may_assess(user):
        raise Http404
    assessment = (
        Assessment.objects.filter(created_by=user, pk=pk)
        .select_related("subject", "instrument", "created_by")
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def subject_get_for_user(*, user: Any, pk: Any) -> Subject:
    """A subject ``user`` created or has a readable assessment of; 404 otherwise."""
    if not may_assess(user):
        raise Http404
    visible = assessment_list_for_user(user=user).filter(subject=OuterRef("pk"))
    subject = (
        Subject.objects.filter(pk=pk).filter(Q(created_by=user) | Q(models.Exists(visible))).first()
    )
    if subject is None:
        raise Http404
    return subject


def subject_get_for_assessor(*, user: Any, pk: Any) -> Subject:
    """A subject ``user`` may start a new assessment of (``access.may_assess_subject``); 404
    otherwise, also for someone who only reads a shared assessment of it."""
    if not may_assess(user):
        raise Http404
    subject = Subject.objects.filter(access.assessable_subject_q(user), pk=pk).first()
    if subject is None:
        raise Http404
    return subject


def subject_for_context(*, context: models.Model) -> Subject | None:
    """The subject linked to another app's record (the caller checks access to that record)."""
    return (
        Subject.objects.filter(
            context_type=ContentType.objects.get_for_model(context), context_id=context.pk
        )
        .order_by("id")
        .first()
    )


def instrument_current(*, key: str = DEFAULT_INSTRUMENT_KEY) -> Instrument | None:
    """The newest published version of an instrument: the one new assessments use."""
    return Instrument.objects.filter(key=key).order_by("-version").first()


def answers_of(assessment: Assessment) -> Answers:
    return {answer.item_code: (answer.now, answer.earlier) for answer in assessment.answers.all()}


def answer_rows(assessment: Assessment) -> dict[str, Answer]:
    return {answer.item_code: answer for answer in assessment.answers.all()}


def assessment_suggestion(assessment: Assessment) -> Suggestion:
    """The level the instrument suggests for the answers saved so far."""
    return suggest(assessment.instrument.parsed, answers_of(assessment))


def assessment_latest_for_subject(*, user: Any, subject: Subject) -> Assessment | None:
    """The newest finalised assessment of ``subject`` that ``user`` may read, or None."""
    return (
        assessment_list_for_user(user=user)
        .filter(subject=subject, status=Assessment.Status.FINAL)
        .order_by("-finalised_at", "-id")
        .first()
    )


def assessment_shared_with_user(*, user: Any, subject: Subject) -> Assessment | None:
    """The newest assessment of ``subject`` shared with ``user`` (``access`` rule 3), or None."""
    return (
        assessment_list_for_user(user=user)
        .filter(subject=subject, shares__reader=user)
        .order_by("-finalised_at", "-id")
        .first()
    )


@dataclass(frozen=True)
class SubjectRow:
    subject: Subject
    latest_level: str
    latest_at: datetime | None
    latest_id: int | None
    final_count: int

    @property
    def latest_level_label(self) -> str:
        return str(Level(self.latest_level).label) if self.latest_level else ""

    @classmethod
    def of(cls, subject: Any) -> SubjectRow:
        """From a subject annotated by ``subject_rows_for_user``."""
        return cls(
            subject=subject,
            latest_level=subject.latest_level or "",
            latest_at=subject.latest_at,
            latest_id=subject.latest_id,
            final_count=subject.final_count,
        )


def subject_rows_for_user(*, user: Any) -> QuerySet[Subject]:
    """Subjects with a readable assessment, newest activity first, annotated with the latest
    finalised level (``latest_level``, ``latest_at``, ``latest_id``) and ``final_count``."""
    visible = assessment_list_for_user(user=user)
    latest = Assessment.objects.filter(
        access.readable_q(user), subject=OuterRef("pk"), status="final"
    ).order_by("-finalised_at", "-id")
    return (
        Subject.objects.filter(pk__in=visible.values("subject"))
        .annotate(
            latest_level=Subquery(latest.values("final_level")[:1]),
            latest_at=Subquery(latest.values("finalised_at")[:1]),
            latest_id=Subquery(latest.values("pk")[:1]),
            final_count=Count(
                "assessments",
                filter=Q(assessments__in=visible.filter(status="final").values("pk")),
                distinct=True,
            ),
        )
        .prefetch_related("context")
        .order_by("-latest_at", "-id")
    )


def draft_list_for_author(*, user: Any) -> QuerySet[Assessment]:
    if not may_assess(user):
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(created_by=user, status=Assessment.Status.DRAFT)
        .select_related("subject", "instrument")
        .order_by("-updated_at", "-id")
    )


@dataclass(frozen=True)
class HistoryEntry:
    assessment: Assessment
    level: str
    level_label: str
    suggested_label: str
    previous_level: str
    previous_label: str

    @property
    def changed(self) -> bool:
        return bool(self.previous_level) and self.previous_level != self.level

    @property
    def raised(self) -> bool:
        return self.changed and level_rank(self.level) > level_rank(self.previous_level)


def subject_history(*, user: Any, subject: Subject) -> list[HistoryEntry]:
    """The finalised assessments of ``subject`` that ``user`` may read, oldest first, each with
    the level before it so that changes can be highlighted."""
    assessments = (
        assessment_list_for_user(user=user)
        .filter(subject=subject, status=Assessment.Status.FINAL)
        .order_by("finalised_at", "id")
    )
    entries = []
    previous = ""
    for assessment in assessments:
        entries.append(
            HistoryEntry(
                assessment=assessment,
                level=assessment.final_level,
                level_label=str(Level(assessment.final_level).label),
                suggested_label=str(Level(assessment.suggested_level).label),
                previous_level=previous,
                previous_label=str(Level(previous).label) if previous else "",
            )
        )
        previous = assessment.final_level
    return entries


def reassessment_age_group(*, subject: Subject, requested: str = "") -> str:
    """The age group of a reassessment: the subject's latest assessment's, so that one person
    is assessed with one instrument section over time; ``requested`` only for a first one."""
    latest = subject.assessments.order_by("-created_at", "-id").first()
    return latest.age_group if latest else requested


def subject_drafts(*, user: Any, subject: Subject) -> QuerySet[Assessment]:
    return draft_list_for_author(user=user).filter(subject=subject)


def definition_of(assessment: Assessment) -> InstrumentDefinition:
    return assessment.instrument.parsed


# ----------------------------------------------------------------------------- figures


def level_choices() -> list[tuple[str, str]]:
    """The risk levels (code, label), low to acute."""
    return [(code, str(label)) for code, label in Level.choices]


@dataclass(frozen=True)
class LevelFigureRow:
    unit_id: int | None  # the author's organisational unit
    month: int
    suggested_level: str
    final_level: str
    count: int


def assessment_level_figures(*, start: datetime, end: datetime) -> list[LevelFigureRow]:
    """For the statistics (``tillid.stats``): how many assessments finalised from ``start`` to
    ``end`` had each suggested and final level, by the author's unit and month. One GROUP BY
    query of codes and counts; no person, reference or answer is read."""
    rows = (
        Assessment.objects.filter(
            status=Assessment.Status.FINAL, finalised_at__gte=start, finalised_at__lt=end
        )
        .values(
            "suggested_level",
            "final_level",
            unit=models.F("created_by__org_unit_id"),
            month=ExtractMonth("finalised_at"),
        )
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [
        LevelFigureRow(
            unit_id=row["unit"],
            month=row["month"],
            suggested_level=row["suggested_level"],
            final_level=row["final_level"],
            count=row["count"],
        )
        for row in rows
    ]
