"""The one CSV helper: Danish Excel's dialect, readable values and formula escaping."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

from django.db import models
from django.utils import translation

from tillid.core.csv_export import (
    BYTE_ORDER_MARK,
    cell,
    choice_labels,
    csv_response,
    escape_formula,
    readable,
    write_rows,
)


class Colour(models.TextChoices):
    RED = "roed", "Rød"
    BLUE = "blaa", "Blå"


def _rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_a_response_starts_with_the_byte_order_mark_and_uses_semicolons() -> None:
    response = csv_response(
        filename="liste.csv", header=["Navn", "Farve"], rows=[["Åse, Ærø", "Rød"]]
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="liste.csv"'
    assert response.content.startswith(BYTE_ORDER_MARK.encode("utf-8"))
    assert response.content.decode("utf-8-sig").splitlines()[0] == "Navn;Farve"
    assert _rows(response.content) == [["Navn", "Farve"], ["Åse, Ærø", "Rød"]]


def test_values_are_written_for_people() -> None:
    with translation.override("da"):
        assert readable(True) == "Ja"
        assert readable(False) == "Nej"
    assert readable(None) == ""
    assert readable(date(2026, 12, 24)) == "24.12.2026"
    # Copenhagen time, Danish order: 13:30 UTC is 14:30 in winter.
    assert readable(datetime(2026, 12, 24, 13, 30, tzinfo=UTC)) == "24.12.2026 14:30"
    assert readable(Decimal("2.5")) == "2,5"
    assert readable(["a", "b"]) == "a, b"
    assert readable(7) == "7"


def test_choice_codes_become_labels() -> None:
    assert choice_labels(Colour, ["roed", "blaa"]) == ["Rød", "Blå"]
    assert choice_labels(Colour, ["retired"]) == ["retired"]


def test_text_that_could_run_as_a_formula_is_escaped() -> None:
    for dangerous in ("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert cell(dangerous) == "'" + dangerous
    assert cell("Almindelig tekst") == "Almindelig tekst"
    assert cell(-3) == "-3"  # a number is never a formula
    assert escape_formula("+45 70 27 76 86", keep_signed_numbers=True) == "+45 70 27 76 86"
    assert escape_formula("=1", keep_signed_numbers=True) == "'=1"
    assert escape_formula("+45 70 27 76 86") == "'+45 70 27 76 86"


def test_a_round_trip_format_keeps_its_codes() -> None:
    target = io.StringIO()
    count = write_rows(
        target,
        header=["status", "ja_nej"],
        rows=[["active", "ja"], ["=evil", "nej"]],
        readable_values=False,
    )
    assert count == 2
    assert target.getvalue().splitlines() == ["status;ja_nej", "active;ja", "'=evil;nej"]
