"""Exports of exactly what the page shows: the same tables, the same values, "<5" included.

CSV through ``tillid.core.csv_export`` (Danish Excel); XLSX with openpyxl, one sheet per table,
shown numbers as numbers and every text typed as a string, so no cell runs as a formula.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_NUMERIC, TYPE_STRING

from tillid.core.csv_export import cell, csv_response
from tillid.stats.figures import Table
from tillid.stats.selectors import StatsPage

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(page: StatsPage, extension: str) -> str:
    return f"statistik-{page.area.pk}-{page.period.slug}.{extension}"


def header() -> list[str]:
    return [
        _("Område"),
        _("Periode"),
        _("Afsnit"),
        _("Tabel"),
        _("Række"),
        _("Kolonne"),
        _("Værdi"),
    ]


def rows(page: StatsPage) -> Iterator[list[Any]]:
    for section in page.sections:
        for table in section.tables:
            for row in table.rows:
                for column, value in zip(table.columns, row.values, strict=True):
                    yield [
                        page.area.name,
                        page.period.label,
                        section.title,
                        table.title,
                        row.label,
                        column,
                        value.text,
                    ]


def csv_download(page: StatsPage) -> HttpResponse:
    return csv_response(filename=filename(page, "csv"), header=header(), rows=rows(page))


def _sheet_title(table: Table, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", table.title)[:28]
    candidate, number = title, 2
    while candidate in used:
        candidate = f"{title[:26]} {number}"
        number += 1
    used.add(candidate)
    return candidate


def _text(target: Any, value: str) -> None:
    target.value = cell(value)
    target.data_type = TYPE_STRING


def xlsx_download(page: StatsPage) -> HttpResponse:
    workbook = Workbook()
    default = workbook.active
    if default is not None:
        workbook.remove(default)
    used: set[str] = set()
    for section in page.sections:
        for table in section.tables:
            sheet = workbook.create_sheet(_sheet_title(table, used))
            _text(sheet.cell(row=1, column=1), table.title)
            _text(sheet.cell(row=2, column=1), f"{page.area.name} · {page.period.label}")
            _text(sheet.cell(row=3, column=1), table.explanation)
            for column, label in enumerate([table.row_header, *table.columns], start=1):
                _text(sheet.cell(row=5, column=column), label)
            for line, row in enumerate(table.rows, start=6):
                _text(sheet.cell(row=line, column=1), row.label)
                for column, value in enumerate(row.values, start=2):
                    target = sheet.cell(row=line, column=column)
                    if value.number is None:
                        _text(target, value.text)
                    elif value.kind == "percent":
                        target.value = value.number / 100
                        target.data_type = TYPE_NUMERIC
                        target.number_format = "0.0%"
                    else:
                        target.value = value.number
                        target.data_type = TYPE_NUMERIC
                        target.number_format = "0.0" if value.kind == "average" else "#,##0"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(page, "xlsx")}"'
    return response
