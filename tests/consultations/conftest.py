"""Fixtures for consultations: an organisation with an eligible administration, the team, a
professional and consultants, and a helper that submits a request at a fixed time."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest

from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.models import (
    Consultation,
    ContactChannel,
    EligibleUnit,
    HelpType,
    Scope,
    Team,
    Urgency,
)
from tillid.core.calendar import COPENHAGEN

# A Monday morning in Copenhagen: deadlines fall on Monday (acute) or Wednesday (others).
MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=COPENHAGEN)
DESCRIPTION = "En pige på 15 år fortæller, at hun ikke må gå til svømning mere."


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """These tests make many users; Argon2 (production's hasher) costs ~0.3 s per password."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Org:
    administration: OrgUnit
    team_unit: OrgUnit
    school: OrgUnit
    outside: OrgUnit


@pytest.fixture
def org(db: None) -> Org:
    administration = OrgUnit.objects.create(name="Forvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)
    centre = OrgUnit.objects.create(name="Centret", kind=OrgUnit.Kind.CENTRE, parent=administration)
    team_unit = OrgUnit.objects.create(
        name="Etnisk Konsulentteam", kind=OrgUnit.Kind.UNIT, parent=centre
    )
    area = OrgUnit.objects.create(name="Område", kind=OrgUnit.Kind.CENTRE, parent=administration)
    school = OrgUnit.objects.create(name="Skolen", kind=OrgUnit.Kind.UNIT, parent=area)
    outside = OrgUnit.objects.create(name="Nabokommunen", kind=OrgUnit.Kind.ADMINISTRATION)
    EligibleUnit.objects.create(org_unit=administration)
    return Org(administration=administration, team_unit=team_unit, school=school, outside=outside)


@pytest.fixture
def lead(make_user: Callable[..., User], org: Org) -> User:
    return make_user(Role.CONSULTANT, org_unit=org.team_unit, name="Lea Leder")


@pytest.fixture
def team(org: Org, lead: User) -> Team:
    return Team.objects.create(
        name="Etnisk Konsulentteam",
        org_unit=org.team_unit,
        lead=lead,
        directory_slug="etnisk-konsulentteam",
    )


@pytest.fixture
def consultant(make_user: Callable[..., User], org: Org, team: Team) -> User:
    return make_user(Role.CONSULTANT, org_unit=org.team_unit, name="Karl Konsulent")


@pytest.fixture
def colleague(make_user: Callable[..., User], org: Org, team: Team) -> User:
    return make_user(Role.CONSULTANT, org_unit=org.team_unit, name="Kim Kollega")


@pytest.fixture
def professional(make_user: Callable[..., User], org: Org, team: Team) -> User:
    return make_user(Role.PROFESSIONAL, org_unit=org.school, name="Pia Fagperson")


@pytest.fixture
def other_professional(make_user: Callable[..., User], org: Org, team: Team) -> User:
    return make_user(Role.PROFESSIONAL, org_unit=org.school, name="Ole Anden")


def request_data(**overrides: Any) -> services.RequestData:
    values: dict[str, Any] = {
        "help_types": [HelpType.SPARRING],
        "urgency": Urgency.WEEK,
        "contact_channel": ContactChannel.MESSAGE,
        "scope": Scope.GENERAL,
        "description": DESCRIPTION,
    }
    values.update(overrides)
    return services.RequestData(**values)


@pytest.fixture
def submit(professional: User) -> Callable[..., Consultation]:
    """Submit a request as ``actor`` (the professional by default) at ``now`` (Monday 10:00)."""

    def make(
        actor: User | None = None, now: datetime = MONDAY_10, **overrides: Any
    ) -> Consultation:
        consultation, created = services.consultation_submit(
            actor=actor or professional, token=uuid.uuid4(), data=request_data(**overrides), now=now
        )
        assert created
        return consultation

    return make


@pytest.fixture
def case(submit: Callable[..., Consultation]) -> Consultation:
    return submit(do_not_contact_family=True)


@pytest.fixture
def assigned_case(case: Consultation, consultant: User) -> Consultation:
    return services.consultation_assign(
        actor=consultant, consultation=case, assignee=consultant, expected_assignee_id=None
    )
