"""Database triggers that refuse UPDATE, DELETE and TRUNCATE on the audit entries and seals.

They make the trail append-only even for raw SQL from the application. Only maintenance code
(and the test suite's database flush) removes them, and puts them back straight after. A database
administrator can drop them; the seals' signatures are what catches changes made that way.
"""

from __future__ import annotations

from typing import Any

TABLES = ("core_auditentry", "core_auditseal")


def _sqlite_install(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;""",
    ]


def _sqlite_remove(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_update;",
        f"DROP TRIGGER IF EXISTS {table}_no_delete;",
    ]


_POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION core_auditentry_append_only()
    RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit entries are append-only'; END; $$
    LANGUAGE plpgsql;"""


def _postgres_install(table: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE
            ON {table} FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();""",
        f"""CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE
            ON {table} FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only();""",
    ]


def _postgres_remove(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_change ON {table};",
        f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
    ]


def _statements(connection: Any, tables: tuple[str, ...], *, install: bool) -> list[str]:
    statements: list[str] = []
    if connection.vendor == "sqlite":
        for table in tables:
            statements += _sqlite_install(table) if install else _sqlite_remove(table)
    elif connection.vendor == "postgresql":
        statements += [_POSTGRES_FUNCTION] if install else []
        for table in tables:
            statements += _postgres_install(table) if install else _postgres_remove(table)
    return statements


def _execute(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _existing(connection: Any, tables: tuple[str, ...]) -> tuple[str, ...]:
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
    return tuple(table for table in tables if table in present)


def install_append_only_guard(connection: Any, tables: tuple[str, ...] = TABLES) -> None:
    _execute(connection, _statements(connection, _existing(connection, tables), install=True))


def remove_append_only_guard(connection: Any, tables: tuple[str, ...] = TABLES) -> None:
    _execute(connection, _statements(connection, _existing(connection, tables), install=False))
