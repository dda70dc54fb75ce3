"""Production settings validate the municipal login's configuration (one line naming it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.test_headers import _manage, _production_env

ENTRA = "https://login.microsoftonline.com/3f2c-tenant"
OIDC = {
    "TILLID_OIDC_CLIENT_ID": "8d1e-client",
    "TILLID_OIDC_CLIENT_SECRET": "a-client-secret-from-the-secret-store",
    "TILLID_OIDC_ISSUER": f"{ENTRA}/v2.0",
    "TILLID_OIDC_AUTHORIZATION_ENDPOINT": f"{ENTRA}/oauth2/v2.0/authorize",
    "TILLID_OIDC_TOKEN_ENDPOINT": f"{ENTRA}/oauth2/v2.0/token",
    "TILLID_OIDC_USERINFO_ENDPOINT": "https://graph.microsoft.com/oidc/userinfo",
    "TILLID_OIDC_JWKS_ENDPOINT": f"{ENTRA}/discovery/v2.0/keys",
}


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"TILLID_OIDC_JWKS_ENDPOINT": ""}, "TILLID_OIDC_JWKS_ENDPOINT"),
        ({"TILLID_OIDC_TOKEN_ENDPOINT": "http://adfs.kk.dk/adfs/oauth2/token/"}, "https://"),
        (
            {**dict.fromkeys(OIDC, ""), "TILLID_PASSWORD_LOGIN_DISABLED_ROLES": "consultant"},
            "TILLID_PASSWORD_LOGIN_DISABLED_ROLES",
        ),
    ],
)
def test_production_refuses_an_incomplete_or_unsafe_municipal_login(
    tmp_path: Path, overrides: dict[str, str], named: str
) -> None:
    result = _manage(_production_env(tmp_path, **{**OIDC, **overrides}), "check")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert named in lines[0]
    assert OIDC["TILLID_OIDC_CLIENT_SECRET"] not in lines[0]


def test_production_starts_with_a_complete_municipal_login(tmp_path: Path) -> None:
    env = _production_env(
        tmp_path, **OIDC, TILLID_PASSWORD_LOGIN_DISABLED_ROLES="consultant,intake_worker"
    )
    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
