"""Dumping and restoring the database for ``tillid.core.backup``, per database engine.

- **SQLite**: SQLite's online backup API copies the live database page by page into a file,
  consistently even while Tillid runs (copying the file would not be). Restoring runs the same
  API the other way, into the open connection, so every table, index and trigger (the audit
  trail's append-only guard included) is replaced at once.
- **PostgreSQL**: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists`` from the
  server's own major version (``/usr/lib/postgresql/<major>/bin``, as ``scripts/test`` finds
  ``initdb``; ``TILLID_PG_BIN_DIR`` overrides). The dump runs on a snapshot exported from a
  REPEATABLE READ transaction that also counts the rows and reads the audit head, so the
  manifest describes exactly the dumped data.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction


class DatabaseToolError(Exception):
    """A dump or restore tool is missing or failed (its message is safe to show)."""


def tables() -> list[str]:
    """Every table of an installed model (auto-created many-to-many tables included)."""
    names = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }
    return sorted(names)


def count_rows(cursor: Any, quote: Callable[[str], str], present: set[str]) -> dict[str, int]:
    counts = {}
    for table in tables():
        if table in present:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (quoted name)
            counts[table] = int(cursor.fetchone()[0])
    return counts


def audit_head(cursor: Any) -> dict[str, Any]:
    """The newest audit entry and the newest seal: what a restore must bring back exactly."""
    cursor.execute("SELECT MAX(id) FROM core_auditentry")
    last_entry = cursor.fetchone()[0]
    cursor.execute(
        "SELECT id, last_id, seal_hash FROM core_auditseal ORDER BY last_id DESC LIMIT 1"
    )
    seal = cursor.fetchone()
    return {
        "last_entry_id": int(last_entry) if last_entry is not None else None,
        "last_seal_id": int(seal[0]) if seal else None,
        "last_sealed_entry_id": int(seal[1]) if seal else None,
        "last_seal_hash": seal[2] if seal else None,
    }


def vendor(alias: str = "default") -> str:
    return str(connections[alias].vendor)


def _sqlite_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --- SQLite ----------------------------------------------------------------------------------


def dump_sqlite(target: Path, alias: str = "default") -> tuple[dict[str, int], dict[str, Any]]:
    connection = connections[alias]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        cursor = destination.cursor()
        present = {row[0] for row in cursor.execute("SELECT name FROM sqlite_master")}
        counts = count_rows(cursor, _sqlite_quote, present)
        head = audit_head(cursor)
    finally:
        destination.close()
    return counts, head


def restore_sqlite(source: Path, alias: str = "default") -> None:
    connection = connections[alias]
    if connection.in_atomic_block:
        raise DatabaseToolError("The restore must not run inside a transaction.")
    connection.ensure_connection()
    origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        origin.backup(connection.connection)
    finally:
        origin.close()


# --- PostgreSQL ------------------------------------------------------------------------------


def postgres_tool(name: str, alias: str = "default") -> str:
    """The path of ``pg_dump``/``pg_restore`` matching the server's major version."""
    configured = getattr(settings, "TILLID_PG_BIN_DIR", "")
    if configured:
        path = Path(configured) / name
        if not path.is_file():
            raise DatabaseToolError(f"{name} was not found in TILLID_PG_BIN_DIR ({configured}).")
        return str(path)
    major = int(getattr(connections[alias], "pg_version", 0)) // 10000
    candidates = [Path(f"/usr/lib/postgresql/{major}/bin/{name}")]
    # A newer client can dump an older server; an older one cannot.
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if folder.parent.name.isdigit() and int(folder.parent.name) >= major:
            candidates.append(folder / name)
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise DatabaseToolError(
        f"{name} for PostgreSQL {major} was not found (apt-get install postgresql-client-{major}, "
        "or set TILLID_PG_BIN_DIR)."
    )


def _connection_arguments(alias: str) -> tuple[list[str], dict[str, str]]:
    connection = connections[alias]
    params = connection.settings_dict
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    args += ["--dbname", str(params["NAME"])]
    # Django's own client builds the environment (password, SSL options, service, passfile).
    _ignored, env = connection.client.settings_to_cmd_args_env(params, [])
    return args, {**os.environ, **(env or {})}


def _run(command: list[str], env: dict[str, str]) -> None:
    completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if completed.returncode != 0:
        tool = Path(command[0]).name
        detail = completed.stderr.strip().splitlines()[-5:]
        raise DatabaseToolError(
            f"{tool} failed (exit {completed.returncode}): {' | '.join(detail)}"
        )


@contextmanager
def _snapshot(alias: str) -> Iterator[tuple[str, Any]]:
    connection = connections[alias]
    if connection.in_atomic_block:
        raise DatabaseToolError("The backup must not run inside a transaction.")
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0], cursor


def dump_postgres(target: Path, alias: str = "default") -> tuple[dict[str, int], dict[str, Any]]:
    connection = connections[alias]
    connection.ensure_connection()
    args, env = _connection_arguments(alias)
    pg_dump = postgres_tool("pg_dump", alias)
    with _snapshot(alias) as (snapshot, cursor):
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", *args], env)
        present = set(connection.introspection.table_names(cursor))
        counts = count_rows(cursor, connection.ops.quote_name, present)
        head = audit_head(cursor)
    return counts, head


def restore_postgres(source: Path, alias: str = "default") -> None:
    connection = connections[alias]
    if connection.in_atomic_block:
        raise DatabaseToolError("The restore must not run inside a transaction.")
    args, env = _connection_arguments(alias)
    pg_restore = postgres_tool("pg_restore", alias)
    # Our own connection must not hold a lock the restore waits for.
    connection.close()
    _run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source),
        ],
        env,
    )


def dump(target: Path, alias: str = "default") -> tuple[dict[str, int], dict[str, Any]]:
    kind = vendor(alias)
    if kind == "sqlite":
        return dump_sqlite(target, alias)
    if kind == "postgresql":
        return dump_postgres(target, alias)
    raise DatabaseToolError(f"Backups of {kind} databases are not supported.")


def restore(source: Path, kind: str, alias: str = "default") -> None:
    if kind != vendor(alias):
        raise DatabaseToolError(
            f"The archive holds a {kind} database; this installation uses {vendor(alias)}."
        )
    if kind == "sqlite":
        restore_sqlite(source, alias)
    else:
        restore_postgres(source, alias)


def live_counts_and_head(alias: str = "default") -> tuple[dict[str, int], dict[str, Any]]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
        return count_rows(cursor, connection.ops.quote_name, present), audit_head(cursor)
