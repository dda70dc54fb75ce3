"""Security headers on every response, and production settings that refuse unsafe starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_strict_security_headers(client: Client) -> None:
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_pages_have_no_inline_script_or_style(client: Client) -> None:
    html = client.get("/").content.decode()
    assert "<script>" not in html
    assert " style=" not in html
    assert "<style" not in html


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def _production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        "TILLID_ENV": "production",
        "SECRET_KEY": "x" * 60 + "production-test-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "tillid.example.dk",
        "TILLID_BASE_URL": "https://tillid.example.dk",
        "TILLID_FIELD_KEYS": Fernet.generate_key().decode(),
        "TILLID_AUDIT_KEYS": "prod-2026:" + "s" * 40,
        "TILLID_MATCH_KEY": "m" * 40,
        "TILLID_REDIS_URL": "redis://redis.example.dk:6379/0",
        "TILLID_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v}


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "TILLID_BASE_URL",
        "TILLID_FIELD_KEYS",
        "TILLID_AUDIT_KEYS",
        "TILLID_MATCH_KEY",
    ],
)
def test_production_refuses_to_start_without_secrets(tmp_path: Path, missing: str) -> None:
    result = _manage(_production_env(tmp_path, **{missing: ""}), "check")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert missing in lines[0]


def test_production_refuses_to_start_with_a_malformed_field_key(tmp_path: Path) -> None:
    bad_key = "not-a-fernet-key-but-a-secret"
    good_key = Fernet.generate_key().decode()
    result = _manage(_production_env(tmp_path, TILLID_FIELD_KEYS=f"{good_key},{bad_key}"), "check")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TILLID_FIELD_KEYS" in lines[0]
    assert bad_key not in lines[0]


def test_production_refuses_to_start_with_a_short_audit_key(tmp_path: Path) -> None:
    result = _manage(_production_env(tmp_path, TILLID_AUDIT_KEYS="k1:short-secret"), "check")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "TILLID_AUDIT_KEYS" in lines[0]
    assert "short-secret" not in lines[0]


def test_check_deploy_has_no_warnings_in_production(tmp_path: Path) -> None:
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout
