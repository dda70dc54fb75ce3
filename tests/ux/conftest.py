"""Fixtures for the cross-app usability tests: the consultations' organisation, team and
professional (reused, not copied) and the demo directory and knowledge pages."""

from __future__ import annotations

import pytest

from tests.consultations.conftest import (  # noqa: F401  (fixtures used by the tests here)
    _fast_password_hashing,
    assigned_case,
    case,
    consultant,
    lead,
    org,
    professional,
    submit,
    team,
)


@pytest.fixture
def directory_demo(db: None) -> None:
    from tillid.directory import demo

    demo.load()


@pytest.fixture
def knowledge_demo(directory_demo: None, settings: object, tmp_path: object) -> None:
    from tillid.knowledge import demo, services

    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    services.site_ensure()
    demo.load()
