"""Dates and times as Danes write them, and correct English: every format the UI uses is
rendered in both languages, and no template or page writes a date format of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core import audit
from tillid.core.calendar import COPENHAGEN
from tillid.core.templatetags import tillid_dates

# Sunday 29 November 2026, 15:49 in Copenhagen.
MOMENT = datetime(2026, 11, 29, 15, 49, tzinfo=COPENHAGEN)
NAMED = [
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
]
FILTERS = ["weekday_datetime", "weekday_day_time", "weekday_date", "short_weekday_datetime"]
ENGLISH_NAMES = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"
)
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "tillid"
# Literal formats allowed in templates: machine-readable or without any names in them.
ALLOWED_LITERALS = {"c", "mY", "j.", "Y-m-d", "U"}


def render_all(language: str) -> dict[str, str]:
    with translation.override(language):
        rendered = {name: date_format(MOMENT, name) for name in NAMED}
        for name in FILTERS:
            template = Template("{% load tillid_dates %}{{ moment|" + name + " }}")
            rendered[name] = template.render(Context({"moment": MOMENT}))
    return rendered


def test_danish_dates_are_written_the_danish_way() -> None:
    rendered = render_all("da")
    assert rendered["DATETIME_FORMAT"] == "29. november 2026 kl. 15.49"
    assert rendered["DATE_FORMAT"] == "29. november 2026"
    assert rendered["TIME_FORMAT"] == "15.49"
    assert rendered["weekday_datetime"] == "søndag 29. november 2026 kl. 15.49"
    assert rendered["weekday_day_time"] == "søndag 29. november kl. 15.49"
    for name, text in rendered.items():
        assert not ENGLISH_NAMES.search(text), f"{name}: {text}"


def test_english_dates_are_written_the_english_way() -> None:
    rendered = render_all("en")
    assert rendered["DATETIME_FORMAT"] == "29 November 2026, 15:49"
    assert rendered["DATE_FORMAT"] == "29 November 2026"
    assert rendered["weekday_datetime"] == "Sunday 29 November 2026, 15:49"
    assert rendered["weekday_date"] == "Sunday 29 November 2026"
    for name, text in rendered.items():
        assert "kl." not in text, f"{name}: {text}"
        assert "november" not in text, f"{name}: {text}"


def test_the_weekday_filters_accept_dates_and_empty_values() -> None:
    with translation.override("da"):
        assert tillid_dates.weekday_date(date(2026, 11, 30)) == "mandag 30. november 2026"
        assert tillid_dates.weekday_datetime(None) == ""


def test_no_template_writes_its_own_date_format() -> None:
    """Templates use named formats or the tillid_dates filters, so both languages are right."""
    literal = re.compile(r"\|(?:date|time):[\"']([^\"']*)[\"']")
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.*"):
        if path.suffix not in {".html", ".txt", ".xml"}:
            continue
        for fmt in literal.findall(path.read_text(encoding="utf-8")):
            if fmt.endswith("_FORMAT") or fmt in ALLOWED_LITERALS:
                continue
            offenders.append(f"{path.relative_to(TEMPLATES)}: {fmt}")
    assert offenders == []


@pytest.mark.django_db
def test_a_danish_page_with_dates_has_no_english_month_names(
    make_user: Callable[..., User], login: Callable[[User], Client]
) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    audit.record(actor=admin, action="accounts.user.login", target=admin)
    page = login(admin).get(reverse("core:audit_log")).content.decode()
    main = page.split("<main", 1)[1]
    today = date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")[:6]
    assert today in main  # the entry's date is on the page, in Danish
    assert not ENGLISH_NAMES.search(main)


@pytest.mark.django_db
def test_every_form_and_the_guide_use_the_same_age_bands_with_the_line_at_18() -> None:
    from tillid.consultations.models import AgeGroup as ConsultationAgeGroup
    from tillid.core.age_groups import CHOICES, LEGAL_AGE, MINORS
    from tillid.directory.forms import GuideForm, ServiceFilterForm
    from tillid.risk.models import AgeGroup as RiskAgeGroup

    def plain(choices: object) -> list[tuple[str, str]]:
        return [(str(code), str(label)) for code, label in choices if code]  # type: ignore[attr-defined]

    shared = plain(CHOICES)
    assert plain(ConsultationAgeGroup.choices) == shared
    assert plain(RiskAgeGroup.choices) == shared
    assert plain(GuideForm().fields["alder"].choices) == shared  # type: ignore[attr-defined]
    assert plain(ServiceFilterForm().fields["alder"].choices) == shared  # type: ignore[attr-defined]
    assert {"barn", "ung"} == MINORS
    assert LEGAL_AGE == 18
