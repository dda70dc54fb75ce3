"""Fixtures for action plans: a team with a lead, case workers, adults' risk assessments and a
plan ready to be finalised."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import FrozenClock
from tests.risk.conftest import all_answers
from tillid.accounts.models import OrgUnit, User
from tillid.accounts.roles import Role
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan
from tillid.consultations import services as consultation_services
from tillid.consultations.models import EligibleUnit, Team
from tillid.risk import services as risk_services
from tillid.risk.models import Assessment
from tillid.risk.selectors import assessment_suggestion
from tillid.risk.services import ScenarioInput

CPH = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=CPH)  # a Tuesday
TODAY = NOW.date()
ADULT_BIRTH = date(1995, 5, 17)


@pytest.fixture
def now(clock: FrozenClock) -> datetime:
    return clock.set(NOW)


@pytest.fixture
def units(db: None) -> dict[str, OrgUnit]:
    root = OrgUnit.objects.create(name="Socialforvaltningen", kind=OrgUnit.Kind.ADMINISTRATION)
    centre = OrgUnit.objects.create(name="Center for voksne", kind=OrgUnit.Kind.CENTRE, parent=root)
    team = OrgUnit.objects.create(name="Team Nord", kind=OrgUnit.Kind.UNIT, parent=centre)
    other = OrgUnit.objects.create(name="Team Syd", kind=OrgUnit.Kind.UNIT, parent=centre)
    return {"centre": centre, "team": team, "other": other}


@pytest.fixture
def people(make_user: Callable[..., User], units: dict[str, OrgUnit]) -> dict[str, User]:
    worker = make_user(Role.CASE_WORKER, name="Sofie Sagsbehandler", org_unit=units["team"])
    colleague = make_user(Role.CASE_WORKER, name="Kasper Kollega", org_unit=units["team"])
    lead = make_user(Role.CASE_WORKER, name="Lene Leder", org_unit=units["team"])
    centre_lead = make_user(Role.CASE_WORKER, name="Carl Centerchef", org_unit=units["centre"])
    stranger = make_user(Role.CASE_WORKER, name="Sune Syd", org_unit=units["other"])
    units["team"].lead = lead
    units["team"].save()
    units["centre"].lead = centre_lead
    units["centre"].save()
    return {
        "worker": worker,
        "colleague": colleague,
        "lead": lead,
        "centre_lead": centre_lead,
        "stranger": stranger,
    }


@pytest.fixture
def worker(people: dict[str, User]) -> User:
    return people["worker"]


def adult_assessment(user: User, *, age_group: str = "voksen") -> Assessment:
    """A finalised risk assessment of an adult (or of ``age_group``), written by ``user``."""
    assessment = risk_services.assessment_create(
        actor=user, reference="Borger A", age_group=age_group
    )
    for group_code, answers in all_answers().items():
        risk_services.assessment_save_answers(
            actor=user, assessment=assessment, group_code=group_code, answers=answers
        )
    risk_services.assessment_save_scenarios(
        actor=user,
        assessment=assessment,
        scenarios=[ScenarioInput(what="Trusler", how_soon="uger", severity="alvorlig")],
    )
    risk_services.assessment_save_judgement(
        actor=user,
        assessment=assessment,
        final_level=assessment_suggestion(assessment).level,
        justification="",
    )
    return risk_services.assessment_finalise(actor=user, assessment=assessment)


@pytest.fixture
def instrument(db: None) -> Any:
    (loaded, _created), *_ = risk_services.instruments_load()
    return loaded


def new_plan(user: User, **identity: Any) -> ActionPlan:
    data = {"citizen_name": "Aisha Hansen", "birth_date": ADULT_BIRTH} | identity
    return services.plan_start(actor=user, identity=services.Identity(**data))


def fill_plan(user: User, plan: ActionPlan, *, assessment: Assessment | None = None) -> ActionPlan:
    """Every part of the draft filled in, the citizen agreeing: ready to finalise."""
    assessment = assessment or adult_assessment(user)
    services.draft_link_risk(actor=user, plan=plan, assessment_id=assessment.pk)
    services.draft_set_situation(
        actor=user,
        plan=plan,
        situation={
            "housing": "Bor hos forældrene",
            "work": "Ingen arbejde",
            "education": "Går på VUC",
            "relatives": "Brodere holder øje med hende",
        },
    )
    services.draft_add_support(
        actor=user,
        plan=plan,
        area="bolig",
        service_id=None,
        text="Midlertidig bolig på krisecenter",
        purpose="Et sikkert sted at bo",
    )
    services.draft_add_other_support(
        actor=user, plan=plan, text="Psykolog", law="serviceloven § 102", purpose="Bearbejde"
    )
    services.draft_set_goals(
        actor=user, plan=plan, goals="Eget sted at bo\nFærdig med VUC", citizen_words="Jeg vil fri"
    )
    services.draft_add_action(
        actor=user,
        plan=plan,
        who="Sofie",
        what="Søg bolig",
        due=TODAY + timedelta(days=14),
        status="planlagt",
    )
    services.draft_add_meeting(
        actor=user,
        plan=plan,
        day=TODAY,
        participants="Aisha, Sofie",
        interpreter=True,
        language="arabisk",
    )
    services.draft_set_agreement(
        actor=user, plan=plan, kind="enig", day=TODAY, how="papir", reasons=""
    )
    services.draft_set_review_date(actor=user, plan=plan, review_date=TODAY + timedelta(days=30))
    plan.refresh_from_db()
    return plan


@pytest.fixture
def ready_plan(now: datetime, instrument: Any, worker: User) -> ActionPlan:
    return fill_plan(worker, new_plan(worker))


@pytest.fixture
def finalised_plan(ready_plan: ActionPlan, worker: User) -> ActionPlan:
    services.plan_finalise(actor=worker, plan=ready_plan, draft_number=1)
    ready_plan.refresh_from_db()
    return ready_plan


@pytest.fixture
def consultation_world(make_user: Callable[..., User], units: dict[str, OrgUnit]) -> dict[str, Any]:
    """A consultant team, one of its consultants, a consultant elsewhere, and a case about an
    adult who consents to it."""
    administration = units["centre"].parent
    team_unit = OrgUnit.objects.create(
        name="Etnisk Konsulentteam", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    school = OrgUnit.objects.create(
        name="Jobcentret", kind=OrgUnit.Kind.UNIT, parent=administration
    )
    elsewhere = OrgUnit.objects.create(name="Nabokommunen", kind=OrgUnit.Kind.ADMINISTRATION)
    EligibleUnit.objects.create(org_unit=administration)
    consultant = make_user(Role.CONSULTANT, org_unit=team_unit, name="Karl Konsulent")
    outsider = make_user(Role.CONSULTANT, org_unit=elsewhere, name="Otto Udenfor")
    professional = make_user(Role.PROFESSIONAL, org_unit=school, name="Pia Fagperson")
    Team.objects.create(name="Etnisk Konsulentteam", org_unit=team_unit, lead=consultant)
    case, _created = consultation_services.consultation_submit(
        actor=professional,
        token=uuid.uuid4(),
        data=consultation_services.RequestData(
            help_types=["sparring"],
            urgency="uge",
            contact_channel="besked",
            scope="sag",
            age_group="voksen",
            gender="pige_kvinde",
            concerns=["tvangsaegteskab"],
            description="En kvinde på 24 år skal giftes mod sin vilje.",
            consent="samtykke",
            do_not_contact_family=True,
        ),
    )
    return {"case": case, "consultant": consultant, "outsider": outsider}
