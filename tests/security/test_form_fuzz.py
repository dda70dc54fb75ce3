"""Hostile input in every form (issue 17): never a server error, never a half-saved record.

The forms are found, not listed: every URL of the access matrix is opened as a user it answers
200, and each <form> on the page is filled by hypothesis with hostile values chosen by the kind
of field (huge, empty, negative and huge numbers, extreme and impossible dates, NUL, Unicode
edge cases, oversized text) and sent. A refused submission (anything but a redirect) must leave
every table as it was, except the audit trail and the login bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.access_matrix import MATRIX
from tests.security.matrix import (
    ANONYMOUS,
    ROLES,
    TARGETS,
    World,
    build_world,
    client_for,
    path_of,
    url_patterns,
)

EXAMPLES_PER_FORM = 6
# Never submitted: they end the session the rest of the run needs.
SKIPPED_ACTIONS = ("/konto/log-ud/",)
# Tables a refused submission may still write to: the audit trail, sessions, login throttling.
BOOKKEEPING_APPS = {"sessions", "axes", "admin"}
BOOKKEEPING_MODELS = {"core.auditentry", "core.auditchainhead"}

HUGE = "9" * 40
TEXT = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "A" * 20_000,
        "😀" * 500,
        "\u202e\u200b\ufeff",
        "\U0010ffff",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00%ff",
        "\r\n\t",
        "０１０２０３－１２３４",
        HUGE,
        "-1",
        "NaN",
    ]
) | st.text(max_size=30)
NUMBER = st.sampled_from(
    ["-1", "0", "2147483648", "-2147483649", "9223372036854775808", HUGE, "1.5", "1e309", "٣", ""]
)
DATE = st.sampled_from(
    [
        "0001-01-01",
        "9999-12-31",
        "0000-00-00",
        "2026-02-30",
        "10000-01-01",
        "1899-12-31",
        "2101-01-01",
        "26-1-1",
        "garbage",
        "",
    ]
)
TIME = st.sampled_from(["24:00", "99:99", "-1:00", "23:59:60", "garbage", ""])


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, number, date, time, choice, multiple, hidden
    options: tuple[str, ...] = ()
    value: str = ""


@dataclass(frozen=True)
class Form:
    page: str
    action: str
    method: str
    fields: tuple[Field, ...]


def forms_on(page: str, html: str) -> list[Form]:
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for form in soup.find_all("form"):
        fields: dict[str, Field] = {}
        for element in form.find_all(["input", "select", "textarea"]):
            name = element.get("name")
            if not name or name == "csrfmiddlewaretoken":
                continue
            kind = element.get("type", "text") if element.name == "input" else element.name
            if element.name == "select":
                options = tuple(o.get("value", "") for o in element.find_all("option"))
                multiple = element.has_attr("multiple")
                fields[name] = Field(name, "multiple" if multiple else "choice", options)
            elif kind in {"checkbox", "radio"}:
                previous = fields.get(name)
                options = (*(previous.options if previous else ()), element.get("value", "on"))
                fields[name] = Field(name, "multiple" if kind == "checkbox" else "choice", options)
            elif kind in {"submit", "button", "image", "reset", "file"}:
                continue
            else:
                mapped = {"number": "number", "date": "date", "time": "time", "hidden": "hidden"}
                fields[name] = Field(name, mapped.get(kind, "text"), value=element.get("value", ""))
        action = form.get("action") or page
        found.append(
            Form(page, action, (form.get("method") or "get").lower(), tuple(fields.values()))
        )
    return found


def value_strategy(field: Field) -> st.SearchStrategy[Any]:
    if field.kind == "number":
        return NUMBER | TEXT
    if field.kind == "date":
        return DATE | TEXT
    if field.kind == "time":
        return TIME
    if field.kind == "hidden":
        return st.just(field.value) | TEXT | NUMBER
    if field.kind == "choice":
        return st.sampled_from(field.options or ("",)) | NUMBER | TEXT
    if field.kind == "multiple":
        return st.lists(st.sampled_from(field.options or ("",)) | NUMBER, max_size=4)
    return TEXT


def data_strategy(form: Form) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {}, optional={field.name: value_strategy(field) for field in form.fields}
    )


def row_counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in BOOKKEEPING_APPS or label in BOOKKEEPING_MODELS:
            continue
        if not model._meta.managed or model._meta.proxy:
            continue
        counts[label] = model._base_manager.count()
    return counts


def user_column(name: str) -> str | None:
    """Who opens the page: the owner of its object, else a role (or anonymous) it answers 200."""
    expected = MATRIX[name]
    target = TARGETS.get(name)
    if target and target.owner and expected[target.owner] == 200:
        return target.owner
    for column in (*ROLES, ANONYMOUS):
        if expected[column] == 200:
            return column
    return None


def collect_forms(world: World) -> list[tuple[str, Form]]:
    seen: set[tuple[str, str, tuple[str, ...]]] = set()
    collected = []
    for route in url_patterns():
        if route.name not in MATRIX:
            continue
        column = user_column(route.name)
        if column is None:
            continue
        user = None if column == ANONYMOUS else world.users[column]
        path = path_of(route, world)
        response = client_for(user).get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for form in forms_on(path, response.content.decode()):
            key = (column, form.action, tuple(sorted(field.name for field in form.fields)))
            if form.action.startswith(SKIPPED_ACTIONS) or key in seen:
                continue
            seen.add(key)
            collected.append((column, form))
    return collected


@pytest.mark.django_db
def test_hostile_input_in_every_form_is_refused_cleanly() -> None:
    world = build_world()
    found = collect_forms(world)
    actions = {form.action for _column, form in found}
    # The finder must keep finding the forms that matter (a broken parser would pass vacuously).
    assert len(found) >= 15, found
    assert any("/kurser/administration/kursus/" in action for action in actions), actions
    assert any(action.startswith("/revisionsspor/") for action in actions) or any(
        form.page.startswith("/revisionsspor/") for _column, form in found
    ), actions
    problems: list[str] = []
    for column, form in found:
        user = None if column == ANONYMOUS else world.users[column]
        fuzz_form(client_for(user), form, column, problems)
    assert not problems, "\n".join(problems)


def fuzz_form(client: Client, form: Form, column: str, problems: list[str]) -> None:
    @settings(
        max_examples=EXAMPLES_PER_FORM,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=data_strategy(form))
    def send(data: dict[str, Any]) -> None:
        before = row_counts()
        try:
            if form.method == "post":
                response = client.post(form.action, data)
            else:
                response = client.get(form.action, data)
            status = response.status_code
        except Exception as error:
            status, response = 500, error
        shown = {
            key: (value[:40] if isinstance(value, str) else value) for key, value in data.items()
        }
        if status >= 500:
            problems.append(
                f"{form.method.upper()} {form.action} as {column}: {status} for {shown}"
            )
            return
        if status not in (301, 302, 303) or form.method == "get":
            after = row_counts()
            changed = {
                label: (before[label], after[label])
                for label in before
                if before[label] != after[label]
            }
            if changed:
                problems.append(
                    f"{form.method.upper()} {form.action} as {column} refused ({status}) but "
                    f"changed rows {changed} for {shown}"
                )

    send()
