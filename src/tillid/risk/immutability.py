"""A database trigger that refuses UPDATE on published instrument versions.

The ORM refuses changes too (``models.Instrument``); the trigger also stops raw SQL. Deletion is
left to foreign keys (an instrument with assessments is protected), so the test suite's flush
still works. SQLite drops a table's triggers when a migration rebuilds the table: a migration
that alters ``risk_instrument`` must run ``install_instrument_guard`` again
(``tests/risk/test_instruments.py`` fails until it does).
"""

from __future__ import annotations

from typing import Any

_SQLITE_INSTALL = [
    """CREATE TRIGGER IF NOT EXISTS risk_instrument_immutable BEFORE UPDATE ON risk_instrument
       BEGIN SELECT RAISE(ABORT, 'published instrument versions are immutable'); END;""",
]
_SQLITE_REMOVE = ["DROP TRIGGER IF EXISTS risk_instrument_immutable;"]
_POSTGRES_INSTALL = [
    """CREATE OR REPLACE FUNCTION risk_instrument_immutable() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'published instrument versions are immutable'; END;
       $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE TRIGGER risk_instrument_immutable BEFORE UPDATE ON risk_instrument
       FOR EACH ROW EXECUTE FUNCTION risk_instrument_immutable();""",
]
_POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS risk_instrument_immutable ON risk_instrument;",
    "DROP FUNCTION IF EXISTS risk_instrument_immutable();",
]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install_instrument_guard(connection: Any) -> None:
    if connection.vendor == "sqlite":
        _run(connection, _SQLITE_INSTALL)
    elif connection.vendor == "postgresql":
        _run(connection, _POSTGRES_INSTALL)


def remove_instrument_guard(connection: Any) -> None:
    if connection.vendor == "sqlite":
        _run(connection, _SQLITE_REMOVE)
    elif connection.vendor == "postgresql":
        _run(connection, _POSTGRES_REMOVE)
