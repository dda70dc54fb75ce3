"""Finding and masking CPR numbers (Danish personal ID numbers) in free text.

DOMAIN.md: a CPR number is never logged, never shown in full in a list, never put in a URL and
never sent in an email. Professionals type notes in free text, so a number can turn up anywhere;
this module is the one guard that recognises it. Forms use ``validate_no_cpr`` to refuse it,
the audit trail and display code use ``mask_cpr``, and ``CprMaskingFilter`` sits on the log
handler in settings so nothing that reaches the log carries one.

A candidate counts when it has the shape DDMMYY-SSSS (hyphen or space optional) and holds a real
birth date under the century rule; python-stdnum decides the date. The modulus-11 check is only
reported as extra confidence: numbers issued since October 2007 need not pass it.
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumValidationError

# Hyphen-like characters: word processors and web pages turn "-" into these.
_HYPHENS = "\\-\u2010\u2011\u2013"
# Separators allowed between date and serial: a hyphen-like character or a (non-breaking) space.
_SEPARATORS = f"[{_HYPHENS} \u00a0]"

# Exactly ten digits as their own number: not inside a longer run of digits, and not one part of
# a hyphen-joined number such as 12-0102031234 or 010203-1234-5.
_CANDIDATE = re.compile(
    rf"""
    (?<!\d)(?<!\d[{_HYPHENS}])
    (?P<date>\d{{6}}){_SEPARATORS}?(?P<serial>\d{{4}})
    (?!\d)(?![{_HYPHENS}]\d)
    """,
    re.VERBOSE | re.ASCII,
)

# stdnum maps a 7th digit of 5-8 with year 37-57 to 2037-2057; DOMAIN.md says such numbers are
# not issued (the 2000s end at 2036 for every 7th digit).
_LAST_ISSUED_BIRTH_DATE = datetime.date(2036, 12, 31)

_MASK = "XXXX"


@dataclass(frozen=True, slots=True)
class CprFinding:
    """A CPR number found in a text: ``text[start:end]`` is the number as written."""

    start: int
    end: int
    digits: str = field(repr=False)  # ten digits, no separator; kept out of reprs and tracebacks
    birth_date: datetime.date
    mod11_valid: bool


def find_cpr_numbers(text: str) -> list[CprFinding]:
    """Every CPR number in ``text``, in order of appearance.

    A number counts when it stands alone (not inside a longer number) and its first seven digits
    give a real birth date under the century rule. Failing modulus-11 never excludes a number;
    it only sets ``mod11_valid`` to False.
    """
    findings: list[CprFinding] = []
    for match in _CANDIDATE.finditer(text):
        digits = match["date"] + match["serial"]
        try:
            birth_date = stdnum_cpr.get_birth_date(digits)
        except StdnumValidationError:
            continue
        if birth_date > _LAST_ISSUED_BIRTH_DATE:
            continue
        findings.append(
            CprFinding(
                start=match.start(),
                end=match.end(),
                digits=digits,
                birth_date=birth_date,
                mod11_valid=stdnum_cpr.checksum(digits) == 0,
            )
        )
    return findings


def contains_cpr(text: str) -> bool:
    """Whether ``text`` holds anything that ``find_cpr_numbers`` recognises as a CPR number."""
    return bool(find_cpr_numbers(text))


def mask_cpr(text: str) -> str:
    """``text`` with each CPR number replaced by its date part and ``-XXXX`` (010203-XXXX).

    The rest of the text is unchanged; a text without CPR numbers comes back as it was.
    """
    parts = []
    position = 0
    for finding in find_cpr_numbers(text):
        parts.append(text[position : finding.start])
        parts.append(f"{finding.digits[:6]}-{_MASK}")
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def validate_no_cpr(value: str) -> None:
    """Form and model field validator: refuse text that holds a CPR number.

    The message never repeats the number, so it cannot leak through the rendered error either.
    """
    if value and contains_cpr(value):
        raise ValidationError(
            _("Teksten indeholder noget, der ligner et CPR-nummer. Fjern det, før du gemmer."),
            code="contains_cpr",
        )


class CprMaskingFilter(logging.Filter):
    """Log filter that masks CPR numbers in the message, its arguments and any traceback.

    Attach it to handlers (settings.LOGGING does so for the console handler). It never drops a
    record. The message is formatted here so that arguments are masked too; the traceback is
    formatted here so that the exception's own message is masked before the handler's formatter
    sees it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            # The handler would report the bad format string together with the raw arguments.
            message = f"{record.msg!s} {record.args!r}"
        record.msg = mask_cpr(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_cpr(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_cpr(record.stack_info)
        return True
