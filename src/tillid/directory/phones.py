"""Danish phone numbers: parse what editors type, store one canonical form, show it the Danish way.

Canonical form: the eight national digits ("26779198"), or one of the national short numbers
(112, 114) that the directory may list. ``+45`` / ``0045`` prefixes, spaces, dots and hyphens are
accepted on input and dropped.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# 112: emergency; 114: the police's non-emergency number. Other short numbers are not listed.
SHORT_NUMBERS = frozenset({"112", "114"})
_SEPARATORS = re.compile(r"[\s.\-()/]+")
_NATIONAL = re.compile(r"[2-9]\d{7}")


def normalize_danish_phone(value: str) -> str:
    """The canonical digits of a Danish number; raises ``ValidationError`` with a clear message."""
    raw = _SEPARATORS.sub("", value or "")
    if raw.startswith("+45"):
        raw = raw[3:]
    elif raw.startswith("0045"):
        raw = raw[4:]
    if raw in SHORT_NUMBERS:
        return raw
    if not raw.isdigit():
        raise ValidationError(
            _("Telefonnummeret må kun indeholde cifre (og evt. +45 foran): %(value)s"),
            code="invalid_phone",
            params={"value": value},
        )
    if not _NATIONAL.fullmatch(raw):
        raise ValidationError(
            _(
                "Et dansk telefonnummer har 8 cifre og begynder ikke med 0 eller 1, "
                "f.eks. 26 77 91 98: %(value)s"
            ),
            code="invalid_phone",
            params={"value": value},
        )
    return raw


def validate_danish_phone(value: str) -> None:
    normalize_danish_phone(value)


def format_danish_phone(digits: str) -> str:
    """'26779198' -> '26 77 91 98'; short numbers stay as they are."""
    if len(digits) == 8 and digits.isdigit():
        return " ".join(digits[index : index + 2] for index in range(0, 8, 2))
    return digits


def tel_uri(digits: str) -> str:
    """An RFC 3966 ``tel:`` URI; short numbers are local to Denmark and have no country code."""
    if digits in SHORT_NUMBERS:
        return f"tel:{digits}"
    return f"tel:+45{digits}"


def international(digits: str) -> str:
    """'+45 26 77 91 98' for the API; short numbers as they are."""
    if digits in SHORT_NUMBERS:
        return digits
    return f"+45 {format_danish_phone(digits)}"
