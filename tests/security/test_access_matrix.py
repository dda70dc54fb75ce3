"""The project's own access matrix (issue 17): every URL, requested as every kind of user,
answers exactly what tests/security/access_matrix.py says.

Columns: anonymous; a consultant who gave the password but not the second factor; one user per
role (the owner of every object the URLs name); and "other", a user of the owner's role who does
not own the object. Anonymous requests go to the English address (/en/...) too. A URL without a
row fails with a ready-made row to review and paste.
"""

from __future__ import annotations

import os

import pytest

from tests.security.access_matrix import MATRIX
from tests.security.matrix import (
    ANONYMOUS,
    COLUMNS,
    OTHER,
    TARGETS,
    build_world,
    client_for,
    clients,
    needs_arguments,
    path_of,
    status_of,
    url_patterns,
)

HOW_TO_ADD = (
    "Add a row for each to MATRIX in tests/security/access_matrix.py, e.g. "
    '"app:name": row(302, professional=200, ...) (the first number is the status of every '
    "column not named). URLs with arguments also need an entry in TARGETS in "
    "tests/security/matrix.py saying how to fill them and whose object it is."
)


def format_row(name: str, statuses: dict[str, int | None]) -> str:
    known = {column: status for column, status in statuses.items() if status is not None}
    values = list(known.values())
    default = max(set(values), key=values.count)
    rest = ", ".join(f"{column}={status}" for column, status in known.items() if status != default)
    return f'    "{name}": row({default}{", " + rest if rest else ""}),'


def test_every_url_has_a_row_and_its_arguments() -> None:
    routes = url_patterns()
    missing = [route for route in routes if route.name not in MATRIX]
    unfilled = [r for r in routes if needs_arguments(r) and r.name not in TARGETS]
    assert not missing, (
        "URLs without a row in the access matrix: "
        + ", ".join(f"{route.name} ({route.route})" for route in missing)
        + ". "
        + HOW_TO_ADD
    )
    assert not unfilled, (
        "URLs whose arguments the access matrix cannot fill: "
        + ", ".join(f"{route.name} ({route.route})" for route in unfilled)
        + ". "
        + HOW_TO_ADD
    )
    stale = set(MATRIX) - {route.name for route in routes}
    assert not stale, f"Rows for URLs that no longer exist: {sorted(stale)}; remove them."


@pytest.mark.django_db
def test_every_url_answers_every_user_as_the_matrix_says() -> None:
    world = build_world()
    by_column = clients(world)
    others = {role: client_for(user) for role, user in world.others.items()}
    observed: dict[str, dict[str, int | None]] = {}
    mismatches: list[str] = []
    for route in url_patterns():
        if route.name not in MATRIX:
            continue  # reported by the test above
        path = path_of(route, world)
        statuses: dict[str, int | None] = {
            column: status_of(client, path) for column, client in by_column.items()
        }
        owner = TARGETS[route.name].owner if route.name in TARGETS else None
        statuses[OTHER] = status_of(others[owner], path) if owner else None
        observed[route.name] = statuses
        expected = MATRIX[route.name]
        for column in COLUMNS:
            if statuses.get(column) is not None and statuses[column] != expected[column]:
                mismatches.append(
                    f"{route.name} {path} as {column}: {statuses[column]}, expected "
                    f"{expected[column]}"
                )
        if route.i18n:
            english = path_of(route, world, language="en")
            status = status_of(by_column[ANONYMOUS], english)
            if status != expected[ANONYMOUS]:
                mismatches.append(
                    f"{route.name} {english} as anonymous: {status}, expected {expected[ANONYMOUS]}"
                )
    if os.environ.get("TILLID_PRINT_MATRIX"):
        print("\n".join(format_row(name, statuses) for name, statuses in observed.items()))
    assert not mismatches, "Access differs from the matrix:\n" + "\n".join(mismatches)
