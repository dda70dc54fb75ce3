"""Audit action codes that exist only in the core tests (the registry refuses unknown codes)."""

from tillid.core.audit_actions import declare

for code in (
    "tests.thing.viewed",
    "tests.thing.failed",
    "tests.search",
    "tests.case.viewed",
    "tests.noise",
    *(f"tests.thing.n{i}" for i in range(5)),
):
    declare(code, f"Test: {code}", target="anything the test chooses")
