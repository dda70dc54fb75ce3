"""Database triggers that keep frozen action plan versions immutable, even for raw SQL.

- every UPDATE of ``actionplans_planversion`` is refused;
- a DELETE is refused while its plan exists and is not anonymised. Anonymising a closed plan
  (``services.plans_anonymise``) marks the plan first and then deletes its versions; and a
  database flush that empties the plans first (the test suite's) still works. On PostgreSQL a
  flush is a TRUNCATE, which row triggers do not see.

The ORM refuses the same (``models.PlanVersion``). SQLite drops a table's triggers when a
migration rebuilds the table: a migration that alters ``actionplans_planversion`` must run
``install_version_guard`` again (``tests/actionplans/test_versions.py`` fails until it does).
"""

from __future__ import annotations

from typing import Any

MESSAGE = "frozen action plan versions are immutable"
_PLAN_IS_LIVE = (
    "EXISTS (SELECT 1 FROM actionplans_actionplan p "
    "WHERE p.id = OLD.plan_id AND p.anonymised_at IS NULL)"
)

_SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS actionplans_version_no_update
        BEFORE UPDATE ON actionplans_planversion
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER IF NOT EXISTS actionplans_version_no_delete
        BEFORE DELETE ON actionplans_planversion WHEN {_PLAN_IS_LIVE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]
_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS actionplans_version_no_update;",
    "DROP TRIGGER IF EXISTS actionplans_version_no_delete;",
]
_POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION actionplans_version_immutable() RETURNS trigger AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND NOT {_PLAN_IS_LIVE} THEN RETURN OLD; END IF;
         RAISE EXCEPTION '{MESSAGE}';
       END;
       $$ LANGUAGE plpgsql;""",
    """CREATE OR REPLACE TRIGGER actionplans_version_immutable
       BEFORE UPDATE OR DELETE ON actionplans_planversion
       FOR EACH ROW EXECUTE FUNCTION actionplans_version_immutable();""",
]
_POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS actionplans_version_immutable ON actionplans_planversion;",
    "DROP FUNCTION IF EXISTS actionplans_version_immutable();",
]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install_version_guard(connection: Any) -> None:
    if connection.vendor == "sqlite":
        _run(connection, _SQLITE_INSTALL)
    elif connection.vendor == "postgresql":
        _run(connection, _POSTGRES_INSTALL)


def remove_version_guard(connection: Any) -> None:
    if connection.vendor == "sqlite":
        _run(connection, _SQLITE_REMOVE)
    elif connection.vendor == "postgresql":
        _run(connection, _POSTGRES_REMOVE)
