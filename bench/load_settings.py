"""Settings for bench/load.py only: Tillid's settings plus the bare view (never deployed)."""

from tillid.settings import *  # noqa: F403

ROOT_URLCONF = "load_urls"
