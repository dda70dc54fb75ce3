"""What every assessment service shares: limits, the finalised error, locking a draft."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from tillid.core.cpr import validate_no_cpr
from tillid.core.refusals import ActionRefusedError, NotPermittedError
from tillid.risk.models import Assessment
from tillid.risk.selectors import may_assess

REFERENCE_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 4000


class AssessmentFinalisedError(ActionRefusedError):
    """A finalised assessment is read-only; a reassessment is a new assessment."""

    default_message = _lazy(
        "Vurderingen er afsluttet og kan ikke ændres. Lav en ny vurdering i stedet."
    )
    default_code = "finalised"


def require_assessor(actor: Any) -> None:
    """Refuse (``NotPermittedError``) anyone who is not an active professional or consultant."""
    if not may_assess(actor):
        raise NotPermittedError


def clean_reference(reference: str, *, required: bool) -> str:
    reference = (reference or "").strip()
    if required and not reference:
        raise ValidationError(
            {"reference": _("Skriv en reference, som du selv kan genkende personen på.")}
        )
    if len(reference) > REFERENCE_MAX_LENGTH:
        raise ValidationError(
            {
                "reference": _("Referencen må højst være %(max)d tegn.")
                % {"max": REFERENCE_MAX_LENGTH}
            }
        )
    try:
        validate_no_cpr(reference)
    except ValidationError as error:
        raise ValidationError({"reference": error.messages}) from None
    return reference


def lock_draft(actor: Any, assessment: Assessment) -> Assessment:
    """The assessment locked for writing; only its author edits, and only a draft."""
    require_assessor(actor)
    locked = (
        Assessment.objects.select_for_update()
        .select_related("instrument", "subject")
        .get(pk=assessment.pk)
    )
    if locked.created_by_id != actor.pk:
        raise NotPermittedError(_("Kun den, der har lavet vurderingen, kan ændre den."))
    if locked.is_final:
        raise AssessmentFinalisedError
    return locked


def mark_step(assessment: Assessment, slug: str) -> None:
    if slug not in assessment.steps_done:
        assessment.steps_done = [*assessment.steps_done, slug]


def clean_note(value: str, field: str) -> str:
    """A free-text note, stripped; refused when too long or when it holds a CPR number.

    Every free-text field of an assessment passes here (see the table in ``risk.forms``): the
    notes go into the PDF, so a CPR number must never be saved in one.
    """
    value = (value or "").strip()
    if len(value) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {field: _("Teksten må højst være %(max)d tegn.") % {"max": NOTE_MAX_LENGTH}}
        )
    try:
        validate_no_cpr(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return value
