"""Sharing a finalised assessment read-only with one user (``risk.access`` rule 3).

A share gives read access to that one assessment only, never to the subject's other or later
assessments, and never any right to start or change anything; it ends when it is ended.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from tillid.core import audit, clock
from tillid.core.refusals import ActionRefusedError, NotPermittedError
from tillid.risk import access
from tillid.risk.models import Assessment, AssessmentShare, Subject


def assessment_share(*, actor: Any, assessment: Assessment, reader: Any) -> AssessmentShare:
    """Share ``assessment`` with ``reader``. Refused (``NotPermittedError``) unless ``actor`` may
    assess its subject (a share reader cannot pass it on) and ``reader`` works with
    assessments; refused (``ActionRefusedError``) for a draft. Sharing twice changes nothing."""
    if not access.may_assess_subject(actor, assessment.subject):
        raise NotPermittedError
    if not access.may_use_assessments(reader):
        raise NotPermittedError(_("Vurderingen kan kun deles med en fagperson eller konsulent."))
    if assessment.status != Assessment.Status.FINAL:
        raise ActionRefusedError(_("Kun en afsluttet vurdering kan deles."), code="draft")
    with transaction.atomic():
        share, created = AssessmentShare.objects.get_or_create(
            assessment=assessment,
            reader=reader,
            defaults={"shared_by": actor, "shared_at": clock.now()},
        )
        if created:
            audit.record(
                actor=actor, action="risk.assessment.shared", target=assessment, reader=reader.pk
            )
    return share


def subject_shares_end(*, actor: Any, subject: Subject, reader: Any) -> int:
    """End every share of ``subject``'s assessments with ``reader``; how many ended. Refused
    (``NotPermittedError``) unless ``actor`` may assess the subject."""
    if not access.may_assess_subject(actor, subject):
        raise NotPermittedError
    with transaction.atomic():
        shares = list(
            AssessmentShare.objects.select_for_update()
            .filter(assessment__subject=subject, reader=reader)
            .select_related("assessment")
        )
        for share in shares:
            audit.record(
                actor=actor,
                action="risk.assessment.share_ended",
                target=share.assessment,
                reader=reader.pk,
            )
            share.delete()
    return len(shares)


def context_shares_end(*, model: type[models.Model], context_ids: list[Any]) -> int:
    """End every share of the assessments of subjects linked to these records of another app,
    when that app cuts the link the share came from (consultations' retention run). Run by the
    system, so there is no actor; each ended share is audited. Returns how many ended."""
    with transaction.atomic():
        shares = list(
            AssessmentShare.objects.select_for_update()
            .filter(
                assessment__subject__context_type=ContentType.objects.get_for_model(model),
                assessment__subject__context_id__in=context_ids,
            )
            .select_related("assessment")
        )
        for share in shares:
            audit.record(
                actor=None,
                action="risk.assessment.share_ended",
                target=share.assessment,
                reader=share.reader_id,
            )
            share.delete()
    return len(shares)
