"""Start and steer the loopback OpenID provider (``provider.mjs``, the ``oidc-provider`` package).

``scripts/test`` installs its node_modules (``ensure_test_oidc_provider``). The provider reads its
users from a JSON file at every login, so a test changes a user's groups between two logins with
``set_groups``.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "provider.mjs"
CLIENT_ID = "tillid-test"
CLIENT_SECRET = "tillid-test-secret"  # the test client's, in provider.mjs
USER_PASSWORD = "kommune-login-2026"  # the test users' password at the provider


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LoopbackProvider:
    """One ``node provider.mjs`` process on a free loopback port."""

    def __init__(self, workdir: Path, redirect_uris: list[str]) -> None:
        node = shutil.which("node")
        if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
            raise RuntimeError(
                "The test OpenID provider needs Node.js and tests/oidc/node_modules "
                "(scripts/test installs them: npm ci in tests/oidc)."
            )
        self.users_file = workdir / "oidc-users.json"
        self.users: dict[str, dict[str, Any]] = {}
        self._write()
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        arguments = [node, str(SCRIPT), "--port", str(self.port), "--users", str(self.users_file)]
        for uri in redirect_uris:
            arguments += ["--redirect-uri", uri]
        self.log = workdir / "oidc-provider.log"
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            arguments, stdout=subprocess.PIPE, stderr=self._log_file, text=True
        )
        assert self.process.stdout is not None
        ready = self.process.stdout.readline()  # blocks until it listens (or dies)
        if not ready.startswith("READY "):
            self.stop()
            raise RuntimeError(f"The OpenID provider did not start: {self.log.read_text()}")

    def _write(self) -> None:
        temporary = self.users_file.with_suffix(".tmp")
        temporary.write_text(json.dumps({"users": self.users}))
        temporary.replace(self.users_file)  # the provider never reads half a file

    def add_user(
        self,
        email: str,
        *,
        password: str = USER_PASSWORD,
        name: str = "Test Testesen",
        groups: list[str] | None = None,
        second_factor: bool = True,
        acr: str | None = None,
    ) -> None:
        self.users[email] = {
            "password": password,
            "name": name,
            "groups": list(groups or []),
            "second_factor": second_factor,
            "code": "123456",
            **({"acr": acr} if acr else {}),
        }
        self._write()

    def set_groups(self, email: str, groups: list[str]) -> None:
        """The municipality's administrator changes the user's groups in the provider."""
        self.users[email]["groups"] = list(groups)
        self._write()

    def settings(self) -> dict[str, Any]:
        """Tillid's settings for this provider (what the TILLID_OIDC_* variables set)."""
        return {
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "TILLID_OIDC_ISSUER": self.issuer,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/auth",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/me",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
        }

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._log_file.close()
