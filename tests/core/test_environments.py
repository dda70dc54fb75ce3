"""The three environments of settings.py: `local` (what scripts/run serves) is production's code
path with generated keys; production refuses a missing or malformed public address."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "from django.conf import settings as s; "
    "print(s.DEBUG, s.TILLID_BASE_URL,"
    " 'whitenoise.middleware.WhiteNoiseMiddleware' in s.MIDDLEWARE,"
    " s.STORAGES['staticfiles']['BACKEND'].rsplit('.', 1)[-1], s.SESSION_COOKIE_SECURE)"
)


def _manage(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "TILLID_", "SECRET_KEY", "ALLOWED_HOSTS"))
    }
    clean.update(TILLID_VAR_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_local_is_the_production_path_with_generated_keys(tmp_path: Path) -> None:
    result = _manage(tmp_path, "shell", "-v0", "-c", PROBE, TILLID_ENV="local")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "False",  # DEBUG off: Tillid's error pages
        "http://127.0.0.1:8000",
        "True",  # WhiteNoise serves the static files
        "CompressedManifestStaticFilesStorage",
        "False",  # plain HTTP on this machine
    ]
    assert (tmp_path / "secret_key").exists()
    assert (tmp_path / "field_keys").exists()


def test_development_keeps_debug_pages(tmp_path: Path) -> None:
    result = _manage(tmp_path, "shell", "-v0", "-c", PROBE, TILLID_ENV="development")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[:3] == ["True", "http://127.0.0.1:8000", "False"]


def test_a_malformed_base_url_or_environment_is_refused_in_one_line(tmp_path: Path) -> None:
    for env in (
        {"TILLID_BASE_URL": "tillid.kk.dk"},
        {"TILLID_BASE_URL": "https://tillid.kk.dk/sub/"},
        {"TILLID_ENV": "staging"},
    ):
        result = _manage(tmp_path, "check", **env)
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("Tillid cannot start:")
        assert next(iter(env)) in lines[0]
