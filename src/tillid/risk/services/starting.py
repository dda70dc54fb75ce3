"""Starting assessments: a new subject, a reassessment, or a subject linked to a case."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from tillid.accounts.models import OrgUnit
from tillid.accounts.roles import has_role
from tillid.core import audit
from tillid.core.refusals import NotPermittedError
from tillid.risk import access, steps
from tillid.risk.models import AgeGroup, Assessment, Instrument, Subject
from tillid.risk.selectors import instrument_current, subject_for_context
from tillid.risk.services.common import clean_reference, require_assessor


def subject_create(
    *,
    actor: Any,
    reference: str = "",
    context: models.Model | None = None,
    readers_unit: OrgUnit | None = None,
    readers_role: str = "",
) -> Subject:
    """A new subject: an anonymous reference (required without ``context``), or a link to
    another app's record held by the users with ``readers_role`` in ``readers_unit``
    (``risk.access`` rule 2). ``actor`` must be one of those holders."""
    require_assessor(actor)
    if (context is None) != (readers_unit is None) or (readers_unit is None) != (not readers_role):
        raise ValueError("a linked subject names its readers' unit and role, and only it does")
    if readers_unit is not None and not (
        actor.org_unit_id == readers_unit.pk and has_role(actor, readers_role)
    ):
        raise NotPermittedError
    reference = clean_reference(reference, required=context is None)
    with transaction.atomic():
        subject = Subject.objects.create(
            created_by=actor,
            reference=reference,
            context_type=ContentType.objects.get_for_model(context) if context else None,
            context_id=context.pk if context else None,
            readers_unit=readers_unit,
            readers_role=readers_role,
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

    Refused (``NotPermittedError``) unless ``actor`` may assess the subject
    (``access.may_assess_subject``: its creator or a holder of its linked record; a reader of a
    shared assessment may not). A reassessment is simply a new one.
    """
    if not access.may_assess_subject(actor, subject):
        raise NotPermittedError(_("Du kan ikke lave en ny vurdering af denne person."))
    return _start(actor=actor, subject=subject, age_group=age_group, instrument=instrument)


def assessment_create(*, actor: Any, reference: str, age_group: str) -> Assessment:
    """The first step of a new assessment: a new anonymous subject and its draft, together."""
    with transaction.atomic():
        subject = subject_create(actor=actor, reference=reference)
        return assessment_start(actor=actor, subject=subject, age_group=age_group)


def assessment_start_for_context(
    *,
    actor: Any,
    context: models.Model,
    readers_unit: OrgUnit,
    readers_role: str,
    age_group: str,
    reference: str = "",
) -> Assessment:
    """Start an assessment for the subject linked to ``context`` (created on first use), for
    other apps (a consultation case). The record is held by the users with ``readers_role`` in
    ``readers_unit``: they read every assessment of the subject and may start new ones
    (``risk.access`` rule 2). Refused (``NotPermittedError``) unless ``actor`` is one of them.
    """
    require_assessor(actor)
    with transaction.atomic():
        subject = subject_for_context(context=context)
        if subject is None:
            subject = subject_create(
                actor=actor,
                reference=reference,
                context=context,
                readers_unit=readers_unit,
                readers_role=readers_role,
            )
        elif not access.may_assess_subject(actor, subject):
            raise NotPermittedError
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
