"""The statistics page: figures against hand-computed fixtures, access by role and unit, the
queries it makes (no personal column, a count that does not grow), audit and exports."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.stats import data
from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.consultations import models as consultation_models
from tillid.core.crypto import EncryptedTextField
from tillid.core.models import AuditEntry
from tillid.courses import models as course_models
from tillid.risk import models as risk_models

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user: Callable[..., User], clock: Any) -> dict[str, Any]:
    clock.set(data.moment(2026, 11, 20))
    root = data.unit("Socialforvaltningen")
    other_root = data.unit("Børne- og Ungdomsforvaltningen")
    centre = data.unit("Center for Udsatte", root)
    team_unit = data.unit("Etnisk Konsulentteam", centre)
    school = data.unit("Skolen", other_root)
    team = data.team(team_unit)
    # March: 7 sparring (week, from the root administration, answered in time),
    # 6 advice+sparring (acute, from the other administration, answered late).
    data.consultations(team, 7, at=data.moment(2026, 3, 3), administration=root)
    data.consultations(
        team,
        6,
        at=data.moment(2026, 3, 5),
        help_types=["sparring", "raadgivning"],
        urgency="akut",
        administration=other_root,
        answered_after=data.timedelta(days=3),
    )
    # April: 2 unanswered and overdue (a small cell).
    data.consultations(team, 2, at=data.moment(2026, 4, 3), answered_after=None)
    author = make_user(Role.PROFESSIONAL, org_unit=centre)
    data.assessments(author, 6, at=data.moment(2026, 2, 2), suggested="lav", final="lav")
    data.assessments(author, 5, at=data.moment(2026, 2, 3), suggested="moderat", final="hoej")
    data.assessments(author, 1, at=data.moment(2026, 2, 4), suggested="hoej", final="hoej")
    data.course_session(
        at=data.moment(2026, 5, 5),
        capacity=20,
        confirmed=2,
        attended=8,
        no_show=2,
        waiting=6,
        ratings=[4, 5, 5, 3, 4, 5],
    )
    return {
        "root": root,
        "other_root": other_root,
        "centre": centre,
        "team_unit": team_unit,
        "school": school,
        "manager": make_user(Role.MANAGER, org_unit=root),
    }


def _table(html: str, slug: str) -> dict[str, list[str]]:
    """Row label → cell texts of the table with id tabel-<slug>."""
    start = html.index(f'id="tabel-{slug}"')
    body = html[start : html.index("</table>", start)]
    rows: dict[str, list[str]] = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        label = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if label:
            cells = [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            rows[label.group(1).strip()] = [c.replace("&lt;", "<") for c in cells]
    return rows


def _get(client: Client, **query: Any) -> str:
    response = client.get("/statistik/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_consultation_figures_match_the_hand_count(world: dict[str, Any], login: Any) -> None:
    html = _get(login(world["manager"]), year=2026)
    helps = _table(html, "henvendelser-hjaelp")
    # Columns: sparring, advice, risk, mediation, teaching, total.
    assert helps["Marts 2026"] == ["13", "6", "<5", "<5", "<5", "13"]
    assert helps["April 2026"][5] == "<5"
    # The year's total (15) minus March (13) would give April's 2 away: hidden.
    assert helps["I alt"][5] == "<5"
    urgency = _table(html, "henvendelser-hast")
    assert urgency["Marts 2026"] == ["6", "7", "<5", "13"]
    admins = _table(html, "henvendelser-forvaltning")
    # Columns in name order of the roots: Børne- og Ungdomsforvaltningen, Socialforvaltningen,
    # unknown, total.
    assert admins["Marts 2026"] == ["6", "7", "<5", "13"]
    deadlines = _table(html, "frist-foerste-svar")
    # The rate needs the three counts behind it; "missed" (0) is hidden, so the rate is too.
    assert deadlines["Marts 2026"] == ["7", "6", "<5", "<5", "13", "–"]


def test_risk_and_course_figures_match_the_hand_count(world: dict[str, Any], login: Any) -> None:
    html = _get(login(world["manager"]), year=2026)
    levels = _table(html, "risikoniveauer")
    # Rows suggested (lav, moderat, høj, akut, i alt), columns final (same order).
    assert levels["Lav"] == ["6", "<5", "<5", "<5", "6"]
    # Moderat → høj is 5, but the høj column (6) minus it would give the single høj → høj
    # away: it is hidden too, and so is the moderat row's total (12 - 6 - 5 = 1 otherwise).
    assert levels["Moderat"] == ["<5", "<5", "<5", "<5", "<5"]
    assert levels["Høj"][4] == "<5"
    assert levels["I alt"] == ["6", "<5", "6", "<5", "12"]
    courses = _table(html, "kurser")
    # sessions, places, seats, fill, waiting, confirmed, attended, no-show, attendance,
    # answers, average.
    may = courses["Maj 2026"]
    assert may[:5] == ["1", "20", "12", "60,0 %", "6"]
    # Seats (12) = confirmed 2 + attended 8 + no-show 2: showing the 8 would tell that the two
    # small ones are 4 together, so the 8 is hidden too, and the attendance rate with it.
    assert may[5:9] == ["<5", "<5", "<5", "–"]
    assert may[9:] == ["6", "4,3"]


def test_area_filter_shows_only_the_chosen_subtree(world: dict[str, Any], login: Any) -> None:
    client = login(world["manager"])
    html = _get(client, year=2026, area=world["team_unit"].pk)
    assert _table(html, "henvendelser-hjaelp")["Marts 2026"][5] == "13"
    # A unit outside the manager's tree is not a choice: the page falls back to their own.
    html = _get(client, year=2026, area=world["school"].pk)
    assert "Socialforvaltningen, 2026" in html


def test_quarter_filter(world: dict[str, Any], login: Any) -> None:
    html = _get(login(world["manager"]), year=2026, quarter=1)
    helps = _table(html, "henvendelser-hjaelp")
    assert list(helps) == ["Januar 2026", "Februar 2026", "Marts 2026", "I alt"]
    # Q1 is 13, but the year (15) minus Q1 would give the 2 of April away: Q1 is hidden in
    # every view, and the March row shows 13 in both.
    assert helps["I alt"][5] == "<5"
    assert helps["Marts 2026"][5] == "13"


def test_a_manager_of_a_unit_sees_only_their_unit_and_below(
    world: dict[str, Any], make_user: Callable[..., User], login: Any
) -> None:
    manager = make_user(Role.MANAGER, org_unit=world["school"])
    html = _get(login(manager), year=2026)
    assert "Skolen, 2026" in html
    assert "Etnisk Konsulentteam</option>" not in html
    # The school received no consultations.
    assert _table(html, "henvendelser-hjaelp")["Marts 2026"][5] == "<5"


@pytest.mark.parametrize("role", [r for r in Role if r != Role.MANAGER])
def test_other_roles_are_refused(role: str, make_user: Callable[..., User], login: Any) -> None:
    client = login(make_user(role))
    for url in ("/statistik/", "/statistik/statistik.csv", "/statistik/statistik.xlsx"):
        assert client.get(url).status_code == 403


def test_a_manager_without_unit_gets_an_explanation(
    make_user: Callable[..., User], login: Any
) -> None:
    response = login(make_user(Role.MANAGER)).get("/statistik/")
    assert response.status_code == 200
    assert "ikke knyttet til en enhed" in response.content.decode()


def _personal_columns() -> set[tuple[str, str]]:
    """(table, column) of every free-text or personal field of the models the sources read."""
    found: set[tuple[str, str]] = set()
    named = {"name", "email", "organisation", "job_title", "password", "reference", "title"}
    for model in (
        User,
        OrgUnit,
        *(m for m in vars(consultation_models).values() if _is_model(m)),
        *(m for m in vars(risk_models).values() if _is_model(m)),
        *(m for m in vars(course_models).values() if _is_model(m)),
    ):
        for field in model._meta.concrete_fields:
            personal = isinstance(field, models.TextField | EncryptedTextField | models.EmailField)
            personal = personal or (isinstance(field, models.CharField) and field.name in named)
            if model is OrgUnit and field.name == "name":
                personal = False  # a unit's name, read for the area filter
            if personal:
                found.add((model._meta.db_table, field.column))
    return found


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, models.Model) and not value._meta.abstract


def test_no_query_selects_a_personal_or_free_text_column(world: dict[str, Any], login: Any) -> None:
    columns = _personal_columns()
    assert ("accounts_user", "email") in columns
    assert ("consultations_consultation", "description") in columns
    assert ("courses_registration", "needs") in columns
    client = login(world["manager"])
    with CaptureQueriesContext(connection) as captured:
        for url in ("/statistik/", "/statistik/statistik.csv", "/statistik/statistik.xlsx"):
            assert client.get(url, {"year": 2026}).status_code == 200
    statements = [q["sql"] for q in captured.captured_queries]
    figures = [
        s
        for s in statements
        if "consultations_consultation" in s or "risk_" in s or "courses_" in s
    ]
    assert figures  # the sources did query
    for sql in statements:
        select = sql.split(" FROM ", 1)[0]
        if "accounts_user" in sql and ("django_session" in sql or "auth_group" in sql):
            continue  # the logged-in manager's own session and roles
        if select.startswith("SELECT") and '"accounts_user"."email"' in select:
            assert 'WHERE "accounts_user"."id" =' in sql  # only the reader's own account
            continue
        for table, column in columns:
            assert f'"{table}"."{column}"' not in select, (table, column, sql)
        assert "description" not in select
        assert "needs" not in select


def test_query_count_does_not_grow_with_the_data(world: dict[str, Any], login: Any) -> None:
    client = login(world["manager"])
    client.get("/statistik/", {"year": 2026})
    with CaptureQueriesContext(connection) as small:
        client.get("/statistik/", {"year": 2026})
    team = consultation_models.Team.objects.get()
    data.consultations(team, 40, at=data.moment(2026, 6, 1))
    data.course_session(at=data.moment(2026, 7, 1), capacity=30, confirmed=20, ratings=[3] * 9)
    with CaptureQueriesContext(connection) as large:
        client.get("/statistik/", {"year": 2026})
    assert len(large.captured_queries) == len(small.captured_queries) <= 16


def test_views_and_exports_are_audited_and_exports_hold_what_is_shown(
    world: dict[str, Any], login: Any
) -> None:
    client = login(world["manager"])
    html = _get(client, year=2026)
    response = client.get("/statistik/statistik.csv", {"year": 2026})
    text = response.content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    march = [
        line
        for line in lines
        if line[3] == "Henvendelser efter ønsket hjælp" and line[4] == "Marts 2026"
    ]
    assert [line[6] for line in march] == _table(html, "henvendelser-hjaelp")["Marts 2026"]
    workbook = load_workbook(
        io.BytesIO(client.get("/statistik/statistik.xlsx", {"year": 2026}).content)
    )
    sheet = workbook["Henvendelser efter ønsket hjæl"[:28]]
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=6)]
    march_row = next(row for row in values if row[0] == "Marts 2026")
    assert march_row[1:] == [13, 6, "<5", "<5", "<5", 13]
    actions = list(
        AuditEntry.objects.filter(action__startswith="stats.")
        .order_by("pk")
        .values_list("action", "details")
    )
    assert [a for a, _d in actions] == [
        "stats.figures.viewed",
        "stats.figures.exported",
        "stats.figures.exported",
    ]
    assert actions[1][1]["format"] == "csv"
    assert actions[0][1]["area"] == world["root"].pk
