"""Participant lists as CSV and XLSX, safe to open in a spreadsheet.

The CSV file is written by ``tillid.core.csv_export`` (semicolons, byte-order mark, readable
values, formula escaping); XLSX cells get the same text and are typed as strings explicitly, so
that no cell runs as a formula. openpyxl comes with Wagtail (requirements.lock: "via wagtail").
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING

from tillid.core.csv_export import cell, csv_response
from tillid.courses.models import Registration


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


def rows(seated: Iterable[Registration], waiting: Iterable[Registration]) -> list[list[Any]]:
    result = []
    for registration in seated:
        result.append(_row(registration, ""))
    for position, registration in enumerate(waiting, start=1):
        result.append(_row(registration, position))
    return result


def _row(registration: Registration, position: int | str) -> list[Any]:
    return [
        registration.name,
        registration.email,
        registration.organisation,
        registration.get_status_display(),
        position,
        registration.confirmed_at or registration.waitlisted_at or registration.created_at,
        registration.needs,
    ]


def csv_download(table: Sequence[Sequence[Any]], *, filename: str) -> HttpResponse:
    return csv_response(filename=filename, header=header(), rows=table)


def to_xlsx(table: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Deltagere")
    for row_number, row in enumerate([header(), *table], start=1):
        for column_number, value in enumerate(row, start=1):
            target = sheet.cell(row=row_number, column=column_number)
            target.value = cell(value)
            target.data_type = TYPE_STRING  # never a formula, whatever the text
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
