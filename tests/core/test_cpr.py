"""The CPR guard: what counts as a CPR number in free text, masking, the form validator and
the log filter."""

from __future__ import annotations

import datetime
import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from tillid.core.cpr import (
    CprFinding,
    CprMaskingFilter,
    contains_cpr,
    find_cpr_numbers,
    mask_cpr,
    validate_no_cpr,
)

MOD11_VALID = "070761-4285"  # checksum 0, born 7 July 1961
MOD11_INVALID = "070761-4286"  # same date and century, checksum 1
DANISH_MESSAGE = (
    "Teksten indeholder noget, der ligner et CPR-nummer. Fjern det, før du gemmer. "
    "Tillid gemmer aldrig CPR-numre, så ti cifre i træk, der kan være en fødselsdato, afvises, "
    "også et møde-id eller ordrenummer: skriv det i stedet med andre mellemrum, fx 123 456 7890."
)

SEPARATORS = st.sampled_from(["-", "", " "])
# Characters that end a word before a number: anything but a digit or a hyphen.
BOUNDARIES = st.sampled_from([" ", "\n", ":", "(", "a", "ø", "/", "."])
SURROUNDING_TEXT = st.text(max_size=30)
TEXT_WITHOUT_DIGITS = st.text(
    alphabet=st.characters(blacklist_categories=["Nd", "Cs"]),
    max_size=30,
)


def mod11_holds(digits: str) -> bool:
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(weight * int(digit) for weight, digit in zip(weights, digits, strict=True)) % 11 == 0


@st.composite
def valid_cpr_digits(draw: st.DrawFn) -> str:
    """Ten digits whose date and 7th digit agree under the century rule; any mod-11 result."""
    century = draw(st.sampled_from(["1900s", "2000s", "1800s"]))
    if century == "1900s":
        birth_date = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(1999, 12, 31)))
        century_digits = "0123" + ("49" if birth_date.year % 100 >= 37 else "")
    elif century == "2000s":
        birth_date = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2036, 12, 31)))
        century_digits = "456789"
    else:
        birth_date = draw(st.dates(datetime.date(1858, 1, 1), datetime.date(1899, 12, 31)))
        century_digits = "5678"
    seventh = draw(st.sampled_from(century_digits))
    rest = draw(st.text(alphabet="0123456789", min_size=3, max_size=3))
    return birth_date.strftime("%d%m%y") + seventh + rest


def written(digits: str, separator: str) -> str:
    return digits[:6] + separator + digits[6:]


# What is found


@given(
    digits=valid_cpr_digits(),
    separator=SEPARATORS,
    prefix=SURROUNDING_TEXT,
    before=BOUNDARIES,
    after=BOUNDARIES,
    suffix=SURROUNDING_TEXT,
)
def test_valid_cpr_number_is_found_in_any_text(
    digits: str, separator: str, prefix: str, before: str, after: str, suffix: str
) -> None:
    head = prefix + before
    text = head + written(digits, separator) + after + suffix

    found = [finding for finding in find_cpr_numbers(text) if finding.start == len(head)]

    assert len(found) == 1
    finding = found[0]
    assert finding.digits == digits
    assert text[finding.start : finding.end] == written(digits, separator)
    assert finding.birth_date.strftime("%d%m%y") == digits[:6]
    assert finding.mod11_valid is mod11_holds(digits)
    assert contains_cpr(text)


@given(digits=valid_cpr_digits(), separator=SEPARATORS)
def test_cpr_number_alone_or_at_either_end_is_found(digits: str, separator: str) -> None:
    number = written(digits, separator)
    for text in (number, f"CPR {number}", f"{number} er barnets nummer"):
        assert [finding.digits for finding in find_cpr_numbers(text)] == [digits]


@pytest.mark.parametrize(
    "text",
    [
        "CPR-nr.: 070761-4285.",
        "CPR-0707614285",
        "(070761 4285)",
        "070761\u20134285 fra Word",
        "070761\u00a04285 med hårdt mellemrum",
    ],
)
def test_cpr_number_in_common_writings_is_found(text: str) -> None:
    assert [finding.digits for finding in find_cpr_numbers(text)] == ["0707614285"]


def test_mod11_only_raises_confidence() -> None:
    valid, invalid = find_cpr_numbers(f"{MOD11_VALID} og {MOD11_INVALID}")

    assert (valid.digits, valid.mod11_valid) == ("0707614285", True)
    assert (invalid.digits, invalid.mod11_valid) == ("0707614286", False)
    assert valid.birth_date == invalid.birth_date == datetime.date(1961, 7, 7)


def test_several_numbers_are_found_in_order() -> None:
    findings = find_cpr_numbers("Mor 070761-4285, barn 0102034321.")

    assert [(f.start, f.end, f.digits) for f in findings] == [
        (4, 15, "0707614285"),
        (22, 32, "0102034321"),
    ]


def test_finding_repr_does_not_show_the_number() -> None:
    (finding,) = find_cpr_numbers(MOD11_VALID)

    assert isinstance(finding, CprFinding)
    assert "4285" not in repr(finding)


# What is not found


@given(
    day=st.integers(0, 99),
    month=st.integers(0, 99),
    year=st.integers(0, 99),
    serial=st.integers(0, 9999),
    separator=SEPARATORS,
)
def test_impossible_dates_are_never_found(
    day: int, month: int, year: int, serial: int, separator: str
) -> None:
    # Only day/month pairs that no year has, such as 32 January, 30 February or 31 April.
    days_in_month = {2: 29, 4: 30, 6: 30, 9: 30, 11: 30}
    assume(not (1 <= month <= 12 and 1 <= day <= days_in_month.get(month, 31)))
    text = f"{day:02d}{month:02d}{year:02d}{separator}{serial:04d}"

    assert find_cpr_numbers(text) == []


@given(
    birth_date=st.dates(datetime.date(1901, 1, 1), datetime.date(1999, 12, 31)).filter(
        lambda day: day.year % 4 != 0
    ),
    seventh=st.sampled_from("0123"),
    rest=st.integers(0, 999),
)
def test_29_february_in_a_common_year_is_never_found(
    birth_date: datetime.date, seventh: str, rest: int
) -> None:
    assert find_cpr_numbers(f"2902{birth_date:%y}-{seventh}{rest:03d}") == []


@given(
    birth_date=st.dates(datetime.date(2000, 1, 1), datetime.date(2000, 12, 31)),
    year=st.integers(37, 57),
    seventh=st.sampled_from("5678"),
    rest=st.integers(0, 999),
    separator=SEPARATORS,
)
def test_seventh_digit_5_to_8_with_year_37_to_57_is_never_found(
    birth_date: datetime.date, year: int, seventh: str, rest: int, separator: str
) -> None:
    text = f"{birth_date:%d%m}{year:02d}{separator}{seventh}{rest:03d}"
    assert find_cpr_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "300299-1234",
        "320101-1234",
        "011301-1234",
        "000101-1234",
        "010000-1234",
        "ring 26 77 91 98 i kontortiden",
        "RED: 70 27 76 86, hverdage 9-15",
        "+45 26779198",
        "+4526779198",
        "tlf. 26779198",
        "mødet er 24-11-2026 kl. 10:30",
        "2026-11-24",
        "2026-11-24T10:30:00+01:00",
        "ordre 12345678901234",
        "ordre 0707614285123",
        "ref 990707614285",
        "x10707614285",
        "0707614285999",
        "12-0707614285",
        "070761-4285-7",
        "2026-070761-4285",
        "070761-428",
        "07076-14285",
        "070761",
        "",
    ],
)
def test_things_that_are_not_cpr_numbers_are_not_found(text: str) -> None:
    assert find_cpr_numbers(text) == []
    assert not contains_cpr(text)
    assert mask_cpr(text) == text


# Masking


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("010203-1234", "010203-XXXX"),
        ("0102031234", "010203-XXXX"),
        ("010203 1234", "010203-XXXX"),
        ("CPR: 070761-4286.", "CPR: 070761-XXXX."),
        ("Mor 070761-4285, barn 0102034321.", "Mor 070761-XXXX, barn 010203-XXXX."),
        ("ring 26 77 91 98", "ring 26 77 91 98"),
    ],
)
def test_mask_cpr_keeps_the_date_and_hides_the_serial(text: str, masked: str) -> None:
    assert mask_cpr(text) == masked


@given(
    digits=valid_cpr_digits(),
    separator=SEPARATORS,
    prefix=TEXT_WITHOUT_DIGITS,
    suffix=TEXT_WITHOUT_DIGITS,
)
def test_mask_cpr_changes_only_the_number(
    digits: str, separator: str, prefix: str, suffix: str
) -> None:
    text = f"{prefix} {written(digits, separator)} {suffix}"

    assert mask_cpr(text) == f"{prefix} {digits[:6]}-XXXX {suffix}"


@given(text=st.text(alphabet="0123456789- \u2013\u00a0aX", max_size=60))
def test_masked_text_holds_no_cpr_number(text: str) -> None:
    assert not contains_cpr(mask_cpr(text))


# Form validator


def test_validate_no_cpr_refuses_text_with_a_cpr_number_without_repeating_it() -> None:
    with pytest.raises(ValidationError) as raised:
        validate_no_cpr(f"Barnets CPR er {MOD11_INVALID}")

    assert raised.value.code == "contains_cpr"
    assert raised.value.messages == [DANISH_MESSAGE]
    assert "4286" not in str(raised.value)


@pytest.mark.parametrize("text", ["", "Ring 26 77 91 98", "Mødet er 24-11-2026"])
def test_validate_no_cpr_accepts_text_without_cpr_numbers(text: str) -> None:
    validate_no_cpr(text)


def test_form_error_does_not_echo_the_number() -> None:
    class NoteForm(forms.Form):
        note = forms.CharField(validators=[validate_no_cpr])

    form = NoteForm(data={"note": "Pigen (0707614285) fortalte ..."})

    assert not form.is_valid()
    assert form.errors["note"] == [DANISH_MESSAGE]
    assert "0707614285" not in str(form.errors)


# Logging


@pytest.fixture
def masked_log() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    """A logger whose only handler writes to a buffer through the CPR filter."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(CprMaskingFilter())
    logger = logging.getLogger("tests.core.test_cpr")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)
    logger.propagate = True


def test_log_filter_masks_cpr_numbers_in_arguments(
    masked_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = masked_log

    logger.info("cpr %s", "010203-1234")
    logger.info("direkte 0707614285 i beskeden")

    assert stream.getvalue() == "INFO cpr 010203-XXXX\nINFO direkte 070761-XXXX i beskeden\n"


def test_log_filter_masks_cpr_numbers_in_tracebacks(
    masked_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = masked_log

    try:
        raise ValueError("ugyldigt: 0707614285")
    except ValueError:
        logger.exception("fejl for %s", MOD11_VALID)

    output = stream.getvalue()
    assert "ValueError: ugyldigt: 070761-XXXX" in output
    assert "fejl for 070761-XXXX" in output
    assert "4285" not in output


def test_log_filter_masks_even_when_the_arguments_do_not_fit(
    masked_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = masked_log

    logger.info("tal %d", "0707614285")

    assert "070761-XXXX" in stream.getvalue()
    assert "4285" not in stream.getvalue()


def test_log_filter_keeps_every_record() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "intet %s", ("her",), None)

    assert CprMaskingFilter().filter(record) is True
    assert record.getMessage() == "intet her"


def test_settings_put_the_filter_on_the_console_handler() -> None:
    config: dict[str, Any] = settings.LOGGING
    assert config["filters"]["mask_cpr"] == {"()": "tillid.core.cpr.CprMaskingFilter"}
    assert "mask_cpr" in config["handlers"]["console"]["filters"]
    assert config["root"]["handlers"] == ["console"]

    # Django has configured logging from those settings: the root handler masks.
    handlers = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(item, CprMaskingFilter) for item in handler.filters)
    ]
    assert handlers
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "cpr %s", ("0707614285",), None)
    handlers[0].filter(record)
    assert record.getMessage() == "cpr 070761-XXXX"


# Spellings (issue 17: 14 of 22 spellings passed the guard before it normalised)

SPELLINGS = [
    "01 02 03 1234",
    "010203 - 1234",
    "010203 1234",
    "01.02.03-1234",
    "01.02.03.1234",
    "010203.1234",
    "010203\u20131234",  # en dash
    "010203\u20141234",  # em dash
    "010203\u22121234",  # minus sign
    "010203\u20111234",  # non-breaking hyphen
    "010203\t1234",
    "010203  1234",
    "010203\u00a01234",
    "010203\u202f1234",  # narrow no-break space
    "\uff10\uff11\uff10\uff12\uff10\uff13\uff0d\uff11\uff12\uff13\uff14",  # full-width
    "0102\u200b031234",  # zero-width space
    "010203\u00ad1234",  # soft hyphen
    "01\u200d0203\u20601234",  # zero-width joiner, word joiner
    "\u0660\u0661\u0660\u0662\u0660\u0663-\u0661\u0662\u0663\u0664",  # Arabic-Indic digits
    "q=010203+1234",
    "q=010203%201234",
    "q=010203%2D1234",
    "q=010203%2d1234",
    "q=010203%E2%80%931234",
]


@pytest.mark.parametrize("text", SPELLINGS)
def test_every_common_spelling_is_found(text: str) -> None:
    assert [finding.digits for finding in find_cpr_numbers(text)] == ["0102031234"]
    assert contains_cpr(text)
    with pytest.raises(ValidationError):
        validate_no_cpr(f"Barnet har {text} som nummer")


@pytest.mark.parametrize("text", SPELLINGS)
def test_masking_a_spelling_keeps_the_text_around_it(text: str) -> None:
    masked = mask_cpr(f"Før {text} efter")

    assert masked.startswith("Før ")
    assert masked.endswith(" efter")
    assert "010203-XXXX" in masked
    assert not contains_cpr(masked)
    assert "1234" not in masked


DASHES = st.sampled_from(
    ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d", "\u2015"]
)
SPACES = st.sampled_from([" ", "\t", "\u00a0", "\u2007", "\u202f", "\u3000", "  ", "+", "%20"])
INVISIBLE = st.sampled_from(["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufeff"])


@st.composite
def separators(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["none", "space", "dash", "spaced_dash", "dot", "escaped_dash"]))
    if kind == "none":
        return ""
    if kind == "space":
        return draw(SPACES)
    if kind == "dash":
        return draw(DASHES)
    if kind == "spaced_dash":
        return draw(SPACES) + draw(DASHES) + draw(SPACES)
    if kind == "dot":
        return "."
    return draw(st.sampled_from(["%2D", "%2d", "%E2%80%93"]))


def full_width(digits: str) -> str:
    return "".join(chr(0xFF10 + int(digit)) for digit in digits)


@st.composite
def cpr_spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A valid CPR number and one way a person, an editor or a URL encoder might write it."""
    digits = draw(valid_cpr_digits())
    parts = [digits[0:2], digits[2:4], digits[4:6], digits[6:10]]
    if draw(st.booleans()):
        parts = [full_width(part) if draw(st.booleans()) else part for part in parts]
    if draw(st.booleans()):
        # An invisible character inside one of the parts.
        index = draw(st.integers(0, 3))
        cut = draw(st.integers(1, len(parts[index]) - 1))
        parts[index] = parts[index][:cut] + draw(INVISIBLE) + parts[index][cut:]
    if draw(st.booleans()):
        date_separator = draw(st.sampled_from([" ", ".", "-", "\u00a0", "%20"]))
        date = parts[0] + date_separator + parts[1] + date_separator + parts[2]
    else:
        date = parts[0] + parts[1] + parts[2]
    return digits, date + draw(separators()) + parts[3]


@given(
    spelling=cpr_spellings(),
    prefix=st.sampled_from(["", "CPR ", "q=", "Barn: ", "(", "\n"]),
    suffix=st.sampled_from(["", ".", " er nummeret", ")", "&side=2", "\n"]),
)
def test_generated_spellings_of_valid_numbers_are_found_and_masked(
    spelling: tuple[str, str], prefix: str, suffix: str
) -> None:
    digits, written_number = spelling
    text = prefix + written_number + suffix

    assert [finding.digits for finding in find_cpr_numbers(text)] == [digits]
    (finding,) = find_cpr_numbers(text)
    assert text[finding.start : finding.end] == written_number
    assert mask_cpr(text) == f"{prefix}{digits[:6]}-XXXX{suffix}"


# False positives: ordinary Danish text, phone numbers, dates and amounts are left alone.

WORDS = st.sampled_from(
    [
        "mødet",
        "er",
        "kl.",
        "ring",
        "til",
        "kr.",
        "tlf.",
        "den",
        "og",
        "barnet",
        "skolen",
        "-",
        ",",
        ".",
    ]
)


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    number = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    style = draw(st.sampled_from(["plain", "pairs", "quads", "+45", "+45 pairs", "0045"]))
    pairs = " ".join(number[i : i + 2] for i in range(0, 8, 2))
    return {
        "plain": number,
        "pairs": pairs,
        "quads": f"{number[:4]} {number[4:]}",
        "+45": f"+45 {number}",
        "+45 pairs": f"+45 {pairs}",
        "0045": f"+45{number}",
    }[style]


@st.composite
def calendar_dates(draw: st.DrawFn) -> str:
    day = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
    pattern = draw(st.sampled_from(["%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d. %B %Y"]))
    clock = draw(st.sampled_from(["", " kl. 10:30", " 14.15", " 9-15"]))
    return day.strftime(pattern) + clock


@st.composite
def amounts(draw: st.DrawFn) -> str:
    value = draw(st.integers(0, 10**9))
    return draw(
        st.sampled_from([f"{value:,} kr.".replace(",", "."), f"kr. {value},00", f"{value} DKK"])
    )


ORDINARY = st.lists(
    st.one_of(WORDS, phone_numbers(), calendar_dates(), amounts()), min_size=1, max_size=4
).map(" , ".join)


@given(text=ORDINARY)
def test_ordinary_text_phone_numbers_dates_and_amounts_are_not_found(text: str) -> None:
    assert find_cpr_numbers(text) == []
    assert mask_cpr(text) == text


@given(text=st.text(alphabet=st.characters(blacklist_categories=["Nd", "No", "Cs"]), max_size=200))
def test_text_without_digits_is_never_changed(text: str) -> None:
    assert mask_cpr(text) == text


def test_a_ten_digit_meeting_id_is_refused_and_the_message_says_why() -> None:
    with pytest.raises(ValidationError) as raised:
        validate_no_cpr("Teams-møde-id 1203905678")

    assert "møde-id" in raised.value.messages[0]
    validate_no_cpr("Teams-møde-id 120 390 5678")  # the grouping the message suggests


def test_log_filter_masks_decoded_query_strings(
    masked_log: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = masked_log

    logger.info('"GET /soeg/?q=010203+1234 HTTP/1.1" 200')
    logger.info('"GET /soeg/?q=01%2002%2003%201234&side=2 HTTP/1.1" 200')
    logger.info('"GET /soeg/?q=010203%2D1234 HTTP/1.1" 200')

    output = stream.getvalue()
    assert "1234" not in output
    assert output.count("010203-XXXX") == 3
