"""The one way Tillid writes CSV files for people: opened in Danish Excel, they read as a table.

- semicolons between columns (Danish Excel's list separator; commas would land in one column);
- UTF-8 starting with a byte-order mark, without which Excel reads the file as Windows-1252;
- readable values: choice labels instead of codes, dates as 24.12.2026 and times as 24.12.2026
  14:30 in Copenhagen time, yes/no as Ja/Nej, lists joined with commas, decimals with a comma;
- a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
  apostrophe, so that it cannot run as a formula (CSV injection, OWASP); spreadsheets show the
  apostrophe-prefixed cell as text.

Views call ``csv_response``; ``readable`` turns one value into its cell text.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import Choices
from django.http import HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

BYTE_ORDER_MARK = "\ufeff"
DELIMITER = ";"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M"


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...


def escape_formula(text: str, *, keep_signed_numbers: bool = False) -> str:
    """``text`` safe from running as a spreadsheet formula.

    ``keep_signed_numbers`` leaves ``+45 70 27 76 86`` and ``-3`` as they are (a sign followed
    by a digit is a number, not a formula), for files that are imported again.
    """
    if not text.startswith(FORMULA_TRIGGERS):
        return text
    if keep_signed_numbers and text[:1] in "+-" and text[1:2].isdigit():
        return text
    return "'" + text


def readable(value: Any) -> str:
    """The cell text of ``value`` for a person reading the file (not yet formula-escaped)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Ja") if value else _("Nej")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(readable(item) for item in value)
    if isinstance(value, Promise):
        return str(value)
    return str(value)


def choice_labels(choices: type[Choices], codes: Iterable[Any]) -> list[str]:
    """The labels of stored choice codes; an unknown code (a retired choice) stays as it is."""
    labels = dict(choices.choices)
    return [str(labels.get(code, code)) for code in codes]


def cell(value: Any) -> str:
    """``value`` as it goes into a cell: readable, and escaped when it is text."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return readable(value)  # a number cannot be a formula
    return escape_formula(readable(value))


def write_rows(
    target: Writable,
    *,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    readable_values: bool = True,
) -> int:
    """Write ``header`` and ``rows`` to ``target`` in Tillid's dialect; returns the row count.

    ``readable_values=False`` writes values as given (only formula-escaped, keeping signed
    numbers), for a format that is imported again and must keep its codes.
    """
    writer = csv.writer(target, delimiter=DELIMITER)
    if readable_values:
        writer.writerow([cell(value) for value in header])
    else:
        writer.writerow([str(value) for value in header])
    count = 0
    for row in rows:
        if readable_values:
            writer.writerow([cell(value) for value in row])
        else:
            writer.writerow(
                [escape_formula(readable(value), keep_signed_numbers=True) for value in row]
            )
        count += 1
    return count


def csv_response(
    *,
    filename: str,
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    readable_values: bool = True,
) -> HttpResponse:
    """A CSV download named ``filename`` (see the module doc for what the file looks like)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BYTE_ORDER_MARK)
    write_rows(response, header=header, rows=rows, readable_values=readable_values)
    return response
