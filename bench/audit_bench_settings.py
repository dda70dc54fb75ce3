"""Settings for bench/audit.py only: Tillid's settings plus one bench-only URL (never deployed)."""

from tillid.settings import *  # noqa: F403

ROOT_URLCONF = "audit_bench_urls"
