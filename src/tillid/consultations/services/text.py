"""Cleaning of the free text that professionals and consultants type."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tillid.core.cpr import validate_no_cpr

LONG_TEXT = 4000
SHORT_TEXT = 200


def clean_text(value: str | None, field: str, *, required: bool, max_length: int) -> str:
    """``value`` stripped; refused (``ValidationError`` keyed by ``field``) when missing but
    required, too long, or holding a CPR number. The message never repeats the text."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("Udfyld feltet.")}, code="required")
    if len(value) > max_length:
        raise ValidationError(
            {field: _("Teksten må højst være %(max)d tegn.") % {"max": max_length}},
            code="max_length",
        )
    try:
        validate_no_cpr(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}, code="contains_cpr") from None
    return value
