"""The demo data: the shipped instrument and a short history for the demo professional."""

from __future__ import annotations

from collections.abc import Callable

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.risk import demo
from tillid.risk.models import Assessment, Instrument
from tillid.risk.selectors import subject_history


def test_demo_loads_once_and_shows_a_level_change(make_user: Callable[..., User]) -> None:
    make_user(Role.PROFESSIONAL, email=demo.DEMO_PROFESSIONAL)
    first = demo.load()
    second = demo.load()
    assert "  Instrument tillid-risiko version 1: indlæst" in first
    assert "  Instrument tillid-risiko version 1: uændret" in second
    assert Instrument.objects.count() == 1
    assert Assessment.objects.filter(status="final").count() == 2
    professional = Assessment.objects.first().created_by  # type: ignore[union-attr]
    assert professional.email == demo.DEMO_PROFESSIONAL
    history = subject_history(user=professional, subject=Assessment.objects.first().subject)  # type: ignore[union-attr]
    assert [(entry.level, entry.changed) for entry in history] == [
        ("moderat", False),
        ("hoej", True),
    ]
