"""Starting assessments: a new subject, a reassessment, or a subject linked to a case."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from tillid.core import audit
from tillid.risk import steps
from tillid.risk.models import AgeGroup, Assessment, Instrument, Subject
from tillid.risk.selectors import instrument_current, subject_for_context, subject_get_for_user
from tillid.risk.services.common import clean_reference, require_assessor


def subject_create(
    *, actor: Any, reference: str = "", context: models.Model | None = None
) -> Subject:
    """A new subject: an anonymous reference (required without ``context``), or a link to
    another app's record. The caller checks that ``actor`` may use ``context``."""
    require_assessor(actor)
    reference = clean_reference(reference, required=context is None)
    with transaction.atomic():
        subject = Subject.objects.create(
            created_by=actor,
            reference=reference,
            context_type=ContentType.objects.get_for_model(context) if context else None,
            context_id=context.pk if context else None,
        )
        audit.record(
            actor=actor,
            action="risk.subject.created",
            target=subject,
            linked=bool(context),
        )
    return subject


def assessment_start(
    *,
    actor: Any,
    subject: Subject,
    age_group: str,
    instrument: Instrument | None = None,
) -> Assessment:
    """A new draft assessment of ``subject`` on the newest instrument version (or ``instrument``).

    ``actor`` must hold the professional or consultant role and be able to read ``subject``
    (its creator, or a reader of one of its assessments). A reassessment is simply a new one.
    """
    require_assessor(actor)
    subject_get_for_user(user=actor, pk=subject.pk)  # 404 when the actor may not see it
    return _start(actor=actor, subject=subject, age_group=age_group, instrument=instrument)


def assessment_create(*, actor: Any, reference: str, age_group: str) -> Assessment:
    """The first step of a new assessment: a new anonymous subject and its draft, together."""
    with transaction.atomic():
        subject = subject_create(actor=actor, reference=reference)
        return assessment_start(actor=actor, subject=subject, age_group=age_group)


def assessment_start_for_context(
    *, actor: Any, context: models.Model, age_group: str, reference: str = ""
) -> Assessment:
    """Start an assessment for the subject linked to ``context`` (created on first use).

    For other apps (a consultation case): the caller checks that ``actor`` may act on
    ``context``; that app's reader rule then lets the people on the case read the result.
    """
    require_assessor(actor)
    with transaction.atomic():
        subject = subject_for_context(context=context)
        if subject is None:
            subject = subject_create(actor=actor, reference=reference, context=context)
        return _start(actor=actor, subject=subject, age_group=age_group, instrument=None)


def _start(
    *, actor: Any, subject: Subject, age_group: str, instrument: Instrument | None
) -> Assessment:
    if age_group not in AgeGroup.values:
        raise ValidationError({"age_group": _("Vælg en aldersgruppe.")})
    instrument = instrument or instrument_current()
    if instrument is None:
        raise ValidationError(
            _(
                "Der er ikke indlæst noget risikovurderingsinstrument. "
                "Kontakt Tillids administrator."
            )
        )
    with transaction.atomic():
        assessment = Assessment.objects.create(
            subject=subject,
            instrument=instrument,
            created_by=actor,
            age_group=age_group,
            steps_done=[steps.PERSON],
        )
        reassessment = subject.assessments.exclude(pk=assessment.pk).exists()
        audit.record(
            actor=actor,
            action="risk.assessment.created",
            target=assessment,
            subject_id=subject.pk,
            instrument=f"{instrument.key} v{instrument.version}",
            reassessment=reassessment,
        )
    return assessment
