"""Test databases from a migrated template, built once and reused, instead of ~400 migrations
in every pytest-xdist worker.

The template is the result of ``manage.py migrate`` (migrations and every ``post_migrate`` step)
run in a child process against an empty database. It is keyed by a hash of everything that can
change what ``migrate`` produces: every Python and JSON file of the project under ``src/tillid``
(migrations, and the code their data steps and ``post_migrate`` handlers call), the locked
third-party packages (their migrations), the Django version and the database engine. A change to
any of them makes a new template; nothing stale is ever reused.

- SQLite: the template is a file under ``<TILLID_VAR_DIR>/test-db/``, kept between runs; each
  worker copies it into its in-memory test database with SQLite's backup API (milliseconds).
- PostgreSQL: the template is a database ``tillid_template_<key>`` in the same cluster; each
  worker's test database is made with ``CREATE DATABASE … TEMPLATE`` (Django's ``TEST.TEMPLATE``).

One process builds a template while the others wait on a file lock. ``python -m tests.db_template``
builds the template for ``DATABASE_URL`` ahead of the suite (``scripts/test`` runs it in the
background while the linters run). ``TILLID_TEST_DB_TEMPLATE=0`` turns all of this off and lets
every worker migrate as Django does by default.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
KEYED_SUFFIXES = {".py", ".json"}
KEYED_FILES = ["requirements-dev.lock", "requirements.lock"]


def enabled() -> bool:
    return os.environ.get("TILLID_TEST_DB_TEMPLATE", "1").strip().lower() not in {"0", "no", "off"}


def template_key(root: Path, engine: str) -> str:
    """A hash of every input that changes what ``migrate`` builds (see the module docstring)."""
    import django

    digest = hashlib.sha256()
    digest.update(f"{engine}|{django.get_version()}|{sys.version_info[:2]}".encode())
    files = sorted(
        path
        for path in (root / "src" / "tillid").rglob("*")
        if path.suffix in KEYED_SUFFIXES and path.is_file() and "__pycache__" not in path.parts
    )
    files += [root / name for name in KEYED_FILES if (root / name).is_file()]
    for path in files:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between the processes of this machine (xdist workers, scripts/test)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _migrate(database_url: str) -> None:
    """Run ``manage.py migrate`` in a child process against ``database_url``."""
    env = {**os.environ, "DATABASE_URL": database_url}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    env.pop("DJANGO_SETTINGS_MODULE", None)  # manage.py names the one settings module
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "--run-syncdb", "-v0"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"migrating the test template failed:\n{result.stdout}{result.stderr}")


def is_sqlite(settings_dict: dict[str, Any]) -> bool:
    return str(settings_dict["ENGINE"]).endswith("sqlite3")


def is_postgresql(settings_dict: dict[str, Any]) -> bool:
    return "postgresql" in str(settings_dict["ENGINE"])


def lock_path(var_dir: Path, engine: str) -> Path:
    return var_dir / "test-db" / f"{engine.rsplit('.', 1)[-1]}.lock"


def ensure_sqlite_template(var_dir: Path, key: str) -> Path:
    """The migrated SQLite template file for ``key``, built now if missing (call under the lock)."""
    folder = var_dir / "test-db"
    template = folder / f"sqlite-{key}.sqlite3"
    if template.exists():
        return template
    for old in folder.glob("sqlite-*.sqlite3*"):  # templates of older migrations
        old.unlink(missing_ok=True)
    building = folder / f"building-{key}.sqlite3"
    for leftover in folder.glob(f"building-{key}.sqlite3*"):
        leftover.unlink()
    _migrate(f"sqlite:///{building}")
    # Fold the write-ahead log into the file so the template is one self-contained file.
    with sqlite3.connect(building) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode=DELETE")
    os.replace(building, template)
    return template


def copy_sqlite_template(template: Path, connection: Any, var_dir: Path) -> None:
    """Copy the template into the (in-memory) test database behind Django's ``connection``,
    under the lock so that no other run replaces the template meanwhile."""
    connection.ensure_connection()
    with file_lock(lock_path(var_dir, str(connection.settings_dict["ENGINE"]))):
        source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


def _postgres_url(settings_dict: dict[str, Any], name: str) -> str:
    user = quote(str(settings_dict.get("USER") or ""), safe="")
    password = quote(str(settings_dict.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{name}"


def ensure_postgres_template(connection: Any, key: str) -> str:
    """The name of the migrated template database for ``key``, built now if missing (call under
    the lock). ``connection``: any connection to the cluster (for its maintenance database)."""
    template = f"tillid_template_{key}"
    building = f"tillid_building_{key}"
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cursor.fetchone():
            return template
        cursor.execute(f'DROP DATABASE IF EXISTS "{building}"')
        cursor.execute(f'CREATE DATABASE "{building}"')
    _migrate(_postgres_url(connection.settings_dict, building))
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    return template


def prepare(connection: Any, var_dir: Path) -> Any:
    """Build (or find) the template for ``connection``'s database. Returns what ``restore`` and
    Django's test-database creation need: the SQLite file, or the PostgreSQL template's name;
    None for an engine without template support (it migrates as usual)."""
    settings_dict = connection.settings_dict
    if not (is_sqlite(settings_dict) or is_postgresql(settings_dict)):
        return None
    key = template_key(ROOT, str(settings_dict["ENGINE"]))
    with file_lock(lock_path(var_dir, str(settings_dict["ENGINE"]))):
        if is_sqlite(settings_dict):
            return ensure_sqlite_template(var_dir, key)
        return ensure_postgres_template(connection, key)


def main() -> None:
    """Build the template for the configured ``DATABASE_URL`` ahead of a test run."""
    import django
    from django.conf import settings
    from django.db import connection

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillid.settings")
    django.setup()
    prepare(connection, Path(settings.VAR_DIR))


if __name__ == "__main__":
    main()
