"""CSV export and import: round trip, per-row errors, nothing half-saved, size limits."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import time

import pytest

from tests.directory.factories import OrganizationFactory, ServiceFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.core.refusals import NotPermittedError
from tillid.directory import csv_io, demo, services
from tillid.directory.models import Organization, Phone, Schedule, Service
from tillid.directory.services import csv_rows

pytestmark = pytest.mark.django_db

HEADER = "slug;organization;organization_name;name;summary;phones;hours;service_types;for_citizens"


def upload(*rows: str, header: str = HEADER) -> io.BytesIO:
    return io.BytesIO(("\ufeff" + "\n".join([header, *rows]) + "\n").encode())


def test_export_then_import_changes_nothing(editor: User) -> None:
    demo.load()
    before = {
        service.slug: (service.name, service.hours_mode, service.assured_date)
        for service in Service.objects.all()
    }
    phones_before = sorted(Phone.objects.values_list("number", "label", "is_verified"))
    rules_before = Schedule.objects.count()
    exported = io.StringIO()
    assert csv_io.export_services(exported) == 9
    result = services.import_services(actor=editor, upload=io.BytesIO(exported.getvalue().encode()))
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 9)
    after = {
        service.slug: (service.name, service.hours_mode, service.assured_date)
        for service in Service.objects.all()
    }
    assert after == before
    assert sorted(Phone.objects.values_list("number", "label", "is_verified")) == phones_before
    assert Schedule.objects.count() == rules_before
    assert AuditEntry.objects.filter(action="directory.csv.imported").count() == 1


def test_import_creates_and_updates(editor: User) -> None:
    organization = OrganizationFactory(slug="kk")
    existing = ServiceFactory(slug="linjen", organization=organization, name="Gammelt navn")
    result = services.import_services(
        actor=editor,
        upload=upload(
            "linjen;kk;;Nyt navn;Rådgivning;+45 26 77 91 98|Linjen|ja;man 9:00-15:00; ;ja",
            "ny-linje;ny-org;Ny organisation;Ny linje;Hjælp;70277686||nej;"
            "man 8-12, man 13-16;sparring|raadgivning;nej",
        ),
    )
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    existing.refresh_from_db()
    assert existing.name == "Nyt navn"
    assert existing.for_citizens
    assert list(existing.phones.values_list("number", "is_verified")) == [("26779198", True)]
    assert list(existing.schedules.values_list("weekday", "opens_at", "closes_at")) == [
        (0, time(9), time(15))
    ]
    new = Service.objects.get(slug="ny-linje")
    assert new.organization == Organization.objects.get(slug="ny-org")
    assert sorted(new.service_types.values_list("code", flat=True)) == ["raadgivning", "sparring"]
    assert new.schedules.count() == 2


def test_any_bad_row_saves_nothing_and_every_problem_is_reported(editor: User) -> None:
    OrganizationFactory(slug="kk")
    result = services.import_services(
        actor=editor,
        upload=upload(
            "god;kk;;God linje;Hjælp;26779198||ja;man 9-15;;ja",
            "telefon;kk;;Linje;Hjælp;1234||ja;;;ja",
            "tider;kk;;Linje;Hjælp;;man 15-9;;ja",
            "overlap;kk;;Linje;Hjælp;;tir 9-12, tir 11-14;;ja",
            "type;kk;;Linje;Hjælp;;;findes-ikke;maaske",
            "org;ukendt;;Linje;Hjælp;;;;ja",
            "henvisning;kk;;;;;;;ja",
            "god;kk;;Igen;Hjælp;;;;ja",
        ),
    )
    assert not result.ok
    assert Service.objects.count() == 0
    text = "\n".join(result.errors)
    assert "Række 3 (telefon)" in text
    assert "8 cifre" in text
    assert "Række 4 (tider)" in text
    assert "lukketiden" in text
    assert "Række 5 (overlap)" in text
    assert "overlapper" in text
    assert "Række 6 (type)" in text
    assert "findes-ikke" in text
    assert "ja eller nej" in text
    assert "Række 7 (org)" in text
    assert "organization_name" in text
    assert "Række 8 (henvisning)" in text
    assert "reserveret" in text
    assert "Række 9 (god)" in text
    assert "flere gange" in text
    assert "Række 2" not in text


def test_oversized_files_are_refused_with_a_clear_message(
    editor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    OrganizationFactory(slug="kk")
    monkeypatch.setattr(csv_rows, "MAX_ROWS", 3)
    rows = [f"linje-{n};kk;;Linje {n};Hjælp;;;;ja" for n in range(4)]
    result = services.import_services(actor=editor, upload=upload(*rows))
    assert result.errors == ["Filen har mere end 3 rækker. Del den op i flere filer."]
    assert Service.objects.count() == 0
    huge = io.BytesIO(b"x" * (services.MAX_BYTES + 10))
    assert "Filen er for stor" in services.import_services(actor=editor, upload=huge).errors[0]
    missing = services.import_services(actor=editor, upload=upload("x", header="navn;telefon"))
    assert "mangler kolonnerne" in missing.errors[0]
    latin1 = io.BytesIO("slug;organization;name;summary\nø;kk;Å;Æ\n".encode("latin-1"))
    assert "UTF-8" in services.import_services(actor=editor, upload=latin1).errors[0]


def test_export_neutralises_spreadsheet_formulas() -> None:
    ServiceFactory(name='=HYPERLINK("http://evil")', summary="+45 er fint")
    exported = io.StringIO()
    csv_io.export_services(exported)
    assert "'=HYPERLINK" in exported.getvalue()
    assert ";+45 er fint;" in exported.getvalue()  # a signed number survives the round trip


@pytest.fixture
def editor(make_user: Callable[..., User]) -> User:
    return make_user(Role.EDITOR)


def test_only_an_editor_imports(make_user: Callable[..., User]) -> None:
    """The service checks the role itself, whoever calls it (the view's policy aside)."""
    ServiceFactory()
    exported = io.StringIO()
    csv_io.export_services(exported)
    for actor in (None, make_user(Role.PROFESSIONAL), make_user(Role.EDITOR, is_active=False)):
        with pytest.raises(NotPermittedError):
            services.import_services(actor=actor, upload=io.BytesIO(exported.getvalue().encode()))
    assert not AuditEntry.objects.filter(action="directory.csv.imported").exists()
