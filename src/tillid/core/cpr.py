"""Finding and masking CPR numbers (Danish personal ID numbers) in free text.

DOMAIN.md: a CPR number is never logged, never shown in full in a list, never put in a URL and
never sent in an email. Professionals type notes in free text, so a number can turn up anywhere;
this module is the one guard that recognises it. Forms use ``validate_no_cpr`` to refuse it,
the audit trail and display code use ``mask_cpr``, and ``CprMaskingFilter`` sits on the log
handler in settings so nothing that reaches the log carries one.

A candidate counts when it has the shape DDMMYY-SSSS and holds a real birth date under the century
rule; python-stdnum decides the date. The modulus-11 check is only reported as extra confidence:
numbers issued since October 2007 need not pass it.

The text is normalised before it is searched, because people (and word processors, browsers and
URL encoders) write the same number in many ways: Unicode NFKC and every other decimal digit
(full-width, Arabic-Indic) become ASCII digits; every dash and minus sign becomes ``-``; every
whitespace character (tabs, non-breaking spaces) becomes a space; zero-width characters, soft
hyphens and other invisible format characters disappear; ``%XX`` escapes and ``+`` are URL-decoded.
Each normalised character remembers where it came from, so findings (and masking) point at the
original text. Between the date and the serial any run of spaces, dashes and dots may stand
(``010203 - 1234``), and the date may be split into pairs (``01 02 03 1234``, ``01.02.03-1234``).

The guard is strict: any standalone ten digits that form a real birth date count, so a 10-digit
meeting id or an order number sometimes does too. That is intended where a field must stay
anonymous; the error message says so and suggests another grouping.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumValidationError

# Dash-like characters that are not in Unicode's dash punctuation category (Pd).
_EXTRA_DASHES = frozenset("\u2212\u2043\u02d7\u2796\ufe63\uff0d\u207b\u208b\u2010\u2011")
_DOTS = frozenset(".\u00b7\u2024\u2027\u2219\u22c5\uff0e")
_PERCENT_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")

# Separators after normalisation: runs of spaces, or one or two dashes/dots with spaces around.
_SEP = r"(?:\ *[-.]{1,2}\ *|\ +)"
# Exactly ten digits as their own number: not inside a longer run of digits, and not one part of
# a hyphen-joined number such as 12-0102031234 or 010203-1234-5.
_CANDIDATE = re.compile(
    rf"""
    (?<!\d)(?<!\d-)
    (?P<day>\d\d)(?:{_SEP})?(?P<month>\d\d)(?:{_SEP})?(?P<year>\d\d)
    (?:{_SEP})?(?P<serial>\d{{4}})
    (?!\d)(?!-\d)
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


def _normalise_char(char: str) -> str:
    """One character as the guard sees it: ASCII digit, ``-``, ``.``, space, "" or itself."""
    if char.isascii():
        if char == "+":
            return " "
        return " " if char.isspace() else char
    decimal = unicodedata.decimal(char, None)
    if decimal is not None:
        return str(decimal)
    category = unicodedata.category(char)
    if category == "Cf" or char in "\u034f\u180e":  # invisible: zero-width, soft hyphen, marks
        return ""
    if category == "Pd" or char in _EXTRA_DASHES:
        return "-"
    if char.isspace() or category.startswith("Z"):
        return " "
    if char in _DOTS:
        return "."
    folded = unicodedata.normalize("NFKC", char)
    if folded != char:
        return "".join(_normalise_char(part) for part in folded)
    return char


def _url_decoded(text: str) -> list[tuple[str, int, int]]:
    """``text`` as (character, start, end) with ``%XX`` escapes decoded as UTF-8."""
    pieces: list[tuple[str, int, int]] = []
    position = 0
    for match in _PERCENT_RUN.finditer(text):
        pieces.extend(
            (char, index, index + 1)
            for index, char in enumerate(text[position : match.start()], start=position)
        )
        raw = bytes.fromhex(match.group().replace("%", ""))
        offset = 0
        while offset < len(raw):
            lead = raw[offset]
            length = 1 if lead < 0xC0 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
            chunk = raw[offset : offset + length]
            start = match.start() + 3 * offset
            try:
                pieces.append((chunk.decode("utf-8"), start, start + 3 * length))
            except UnicodeDecodeError:
                # Not an escape after all (a literal "%a0" before a number): keep it as written.
                pieces.extend((text[index], index, index + 1) for index in range(start, start + 3))
                length = 1
            offset += length
        position = match.end()
    pieces.extend(
        (char, index, index + 1) for index, char in enumerate(text[position:], start=position)
    )
    return pieces


def normalise(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` as the guard searches it, with each character's span in the original text."""
    characters: list[str] = []
    spans: list[tuple[int, int]] = []
    for char, start, end in _url_decoded(text):
        for normal in _normalise_char(char):
            characters.append(normal)
            spans.append((start, end))
    return "".join(characters), spans


def find_cpr_numbers(text: str) -> list[CprFinding]:
    """Every CPR number in ``text``, in order of appearance, however it is spelled.

    A number counts when it stands alone (not inside a longer number) and its first seven digits
    give a real birth date under the century rule. Failing modulus-11 never excludes a number;
    it only sets ``mod11_valid`` to False. ``start`` and ``end`` index the original ``text``.
    """
    if sum(char.isdigit() for char in text) < 10:
        return []  # the common case, and cheap: too few digits for any spelling
    normal, spans = normalise(text)
    findings: list[CprFinding] = []
    position = 0
    while match := _CANDIDATE.search(normal, position):
        # A candidate that is no birth date must not hide a real number overlapping it.
        position = match.start() + 1
        digits = match["day"] + match["month"] + match["year"] + match["serial"]
        try:
            birth_date = stdnum_cpr.get_birth_date(digits)
        except StdnumValidationError:
            continue
        if birth_date > _LAST_ISSUED_BIRTH_DATE:
            continue
        position = match.end()
        findings.append(
            CprFinding(
                start=spans[match.start()][0],
                end=spans[match.end() - 1][1],
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


def pseudonymise_cpr(text: str) -> str:
    """``text`` with each CPR number replaced by a keyed hash (``cpr:1f2e…``).

    Unlike ``mask_cpr`` two different numbers stay different, so a count per login name (the
    login throttle) still works, yet the stored value reveals neither the number nor its date.
    """
    parts = []
    position = 0
    for finding in find_cpr_numbers(text):
        digest = hmac.new(
            settings.SECRET_KEY.encode(), f"cpr:{finding.digits}".encode(), hashlib.sha256
        ).hexdigest()
        parts.append(text[position : finding.start])
        parts.append(f"cpr:{digest[:16]}")
        position = finding.end
    parts.append(text[position:])
    return "".join(parts)


def throttle_login_name(request: Any, credentials: dict[str, Any] | None = None) -> str | None:
    """django-axes' ``AXES_USERNAME_CALLABLE``: the login name with any CPR number pseudonymised.

    Someone may type a CPR number as login name; axes stores the name of every failed attempt.
    """
    if credentials:
        name = credentials.get(settings.AXES_USERNAME_FORM_FIELD)
    else:
        name = getattr(request, "POST", {}).get(settings.AXES_USERNAME_FORM_FIELD)
    return pseudonymise_cpr(str(name)) if name else name


def validate_no_cpr(value: str) -> None:
    """Form and model field validator: refuse text that holds a CPR number.

    The message never repeats the number, so it cannot leak through the rendered error either.
    """
    if value and contains_cpr(value):
        raise ValidationError(
            _(
                "Teksten indeholder noget, der ligner et CPR-nummer. Fjern det, før du gemmer. "
                "Tillid gemmer aldrig CPR-numre, så ti cifre i træk, der kan være en "
                "fødselsdato, afvises, også et møde-id eller ordrenummer: skriv det i stedet "
                "med andre mellemrum, fx 123 456 7890."
            ),
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
