"""Fixtures for concern reports: an intake unit with its lead, notifiers, intake workers of the
unit and of another unit, and helpers that fill in and submit a report at a chosen moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest

from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.concerns import services, steps
from tillid.concerns.models import IntakeUnit, Report
from tillid.core import clock as core_clock
from tillid.core.calendar import COPENHAGEN

# A Monday morning in Copenhagen.
MONDAY_10 = datetime(2026, 3, 2, 10, 0, tzinfo=COPENHAGEN)
OBSERVATIONS = "Pigen har blå mærker på armen og siger, at hun ikke tør gå hjem efter skole."
CHILD_WORDS = "»Min far siger, at jeg skal giftes i sommerferien.«"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class Org:
    centre: OrgUnit
    intake: OrgUnit
    other_intake: OrgUnit
    school: OrgUnit


@pytest.fixture
def lead(make_user: Callable[..., User]) -> User:
    return make_user(Role.MANAGER, name="Lene Leder", email="lead@kk.example")


@pytest.fixture
def org(db: None, lead: User) -> Org:
    administration = OrgUnit.objects.create(name="Forvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)
    centre = OrgUnit.objects.create(
        name="Centret", kind=OrgUnit.Kind.CENTRE, lead=lead, parent=administration
    )
    intake = OrgUnit.objects.create(name="Modtagelsen", kind=OrgUnit.Kind.UNIT, parent=centre)
    other = OrgUnit.objects.create(
        name="Nabomodtagelsen", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    school = OrgUnit.objects.create(name="Skolen", kind=OrgUnit.Kind.UNIT, parent=centre)
    return Org(centre=centre, intake=intake, other_intake=other, school=school)


@pytest.fixture
def intake_unit(org: Org) -> IntakeUnit:
    return IntakeUnit.objects.create(org_unit=org.intake, name="Børnemodtagelsen")


@pytest.fixture
def professional(make_user: Callable[..., User], org: Org) -> User:
    return make_user(
        Role.PROFESSIONAL, org_unit=org.school, name="Per Lærer", email="per@kk.example"
    )


@pytest.fixture
def other_professional(make_user: Callable[..., User], org: Org) -> User:
    return make_user(Role.PROFESSIONAL, org_unit=org.school, name="Olga Anden")


@pytest.fixture
def intake_worker(make_user: Callable[..., User], org: Org, intake_unit: IntakeUnit) -> User:
    return make_user(Role.INTAKE_WORKER, org_unit=org.intake, name="Ida Modtager")


@pytest.fixture
def colleague(make_user: Callable[..., User], org: Org, intake_unit: IntakeUnit) -> User:
    return make_user(Role.INTAKE_WORKER, org_unit=org.intake, name="Carl Kollega")


@pytest.fixture
def outside_intake_worker(make_user: Callable[..., User], org: Org) -> User:
    return make_user(Role.INTAKE_WORKER, org_unit=org.other_intake, name="Nina Nabo")


def fill(
    report: Report,
    actor: User,
    *,
    name: str = "Amira Testbarn",
    cpr: str | None = "",
    birth_date: date | None = None,
    age: int | None = 12,
    acute: bool = False,
    observations: str = OBSERVATIONS,
    concerns: list[str] | None = None,
    child_wish: str = "ikke_spurgt",
    family_suspected: bool = False,
) -> Report:
    """Save every answer step of ``report`` as ``actor``."""
    save = services.report_save_step
    save(actor=actor, report=report, step=steps.ACUTE, data=acute)
    save(
        actor=actor,
        report=report,
        step=steps.CHILD,
        data=services.ChildData(
            name=name,
            cpr=cpr,
            birth_date=birth_date,
            age=None if (cpr or birth_date) else age,
            school="Skolen, 6.a",
            language="arabisk",
            interpreter_needed=True,
        ),
    )
    save(
        actor=actor,
        report=report,
        step=steps.CONCERN,
        data=services.ConcernData(
            observations=observations,
            child_words=CHILD_WORDS,
            concerns=concerns if concerns is not None else [],
            wellbeing="Meget fravær.",
        ),
    )
    save(
        actor=actor,
        report=report,
        step=steps.FAMILY,
        data=services.FamilyData(
            parents_told="nej", child_wish=child_wish, family_suspected=family_suspected
        ),
    )
    save(actor=actor, report=report, step=steps.DONE_ALREADY, data="Samtale med pigen.")
    save(
        actor=actor,
        report=report,
        step=steps.NOTIFIER,
        data=services.NotifierData(
            name="Per Lærer",
            title="Lærer",
            workplace="Skolen",
            phone="33 66 33 66",
            email="per@kk.example",
            relation="Klasselærer",
        ),
    )
    report.refresh_from_db()
    return report


@pytest.fixture
def submit(professional: User, intake_unit: IntakeUnit, clock: Any) -> Callable[..., Report]:
    """Fill in and submit a report by ``by`` (default the professional) received at ``at``."""

    def make(*, at: datetime = MONDAY_10, by: User | None = None, **answers: Any) -> Report:
        actor = by or professional
        previous = core_clock.now()
        clock.set(at)
        report = fill(services.report_start(actor=actor), actor, **answers)
        submitted, created = services.report_submit(actor=actor, report=report)
        assert created
        clock.set(previous)
        return submitted

    return make
