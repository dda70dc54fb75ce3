"""Participant lists as CSV and XLSX, safe to open in a spreadsheet.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return could run as a
formula (CSV injection, OWASP), so such text gets a leading apostrophe, which spreadsheets show
as text. XLSX cells are written as strings explicitly as well. openpyxl comes with Wagtail
(requirements.lock: "via wagtail").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from tillid.courses.models import Registration

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _when(moment: object) -> str:
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")  # type: ignore[arg-type]


def header() -> list[str]:
    return [
        _("Navn"),
        _("E-mail"),
        _("Arbejdsplads"),
        _("Status"),
        _("Nr. på venteliste"),
        _("Tilmeldt"),
        _("Særlige behov"),
    ]


def rows(seated: Iterable[Registration], waiting: Iterable[Registration]) -> list[list[str]]:
    result = []
    for registration in seated:
        result.append(_row(registration, ""))
    for position, registration in enumerate(waiting, start=1):
        result.append(_row(registration, str(position)))
    return result


def _row(registration: Registration, position: str) -> list[str]:
    return [
        safe_cell(value)
        for value in (
            registration.name,
            registration.email,
            registration.organisation,
            registration.get_status_display(),
            position,
            _when(
                registration.confirmed_at or registration.waitlisted_at or registration.created_at
            ),
            registration.needs,
        )
    ]


def to_csv(table: Sequence[Sequence[str]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel opens UTF-8 CSV correctly with a byte-order mark
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(cell) for cell in header()])
    writer.writerows(table)
    return buffer.getvalue()


def to_xlsx(table: Sequence[Sequence[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Deltagere")
    for row_number, row in enumerate([header(), *table], start=1):
        for column_number, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = safe_cell(value)
            cell.data_type = TYPE_STRING  # never a formula, whatever the text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
