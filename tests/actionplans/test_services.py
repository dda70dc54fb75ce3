"""The rules of action plans: adults only, the four parts, the citizen's participation, review
dates, responsible persons, risk assessments that are final and recent, versions."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.actionplans.conftest import ADULT_BIRTH, TODAY, adult_assessment, new_plan
from tests.conftest import FrozenClock
from tests.directory.factories import ServiceFactory
from tillid.accounts.models import User
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan, PlanVersion
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError

pytestmark = pytest.mark.django_db


def test_a_plan_for_someone_under_18_is_refused(now: datetime, worker: User) -> None:
    seventeen = date(TODAY.year - 18, TODAY.month, TODAY.day) + timedelta(days=1)
    with pytest.raises(services.MinorRefusedError) as refused:
        new_plan(worker, birth_date=seventeen)
    assert "underrette" in refused.value.message
    assert not ActionPlan.objects.exists()


def test_a_plan_on_the_18th_birthday_is_allowed(now: datetime, worker: User) -> None:
    plan = new_plan(worker, birth_date=date(TODAY.year - 18, TODAY.month, TODAY.day))
    assert plan.draft_number == 1
    assert plan.team_id == worker.org_unit_id


def test_identity_and_content_are_encrypted_at_rest(ready_plan: ActionPlan) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT citizen_name, draft FROM actionplans_actionplan WHERE id = %s", [ready_plan.pk]
        )
        name, draft = cursor.fetchone()
    assert "Aisha" not in name
    assert "VUC" not in draft
    assert "Jeg vil fri" not in draft
    assert ready_plan.citizen_name == "Aisha Hansen"
    assert "Jeg vil fri" in ready_plan.draft


def test_the_cpr_number_is_optional_checked_against_the_birth_date_and_never_audited(
    now: datetime, worker: User
) -> None:
    with pytest.raises(ValidationError):
        new_plan(worker, cpr_number="0101901234")  # another birth date
    plan = new_plan(worker, cpr_number="170595-1234")
    assert plan.cpr_number == "170595-1234"
    audit_text = str(list(AuditEntry.objects.values_list("details", flat=True)))
    assert "1234" not in audit_text


def test_an_action_without_a_responsible_person_is_refused(now: datetime, worker: User) -> None:
    plan = new_plan(worker)
    with pytest.raises(ActionRefusedError) as refused:
        services.draft_add_action(
            actor=worker, plan=plan, who="  ", what="Søg bolig", due=TODAY, status="planlagt"
        )
    assert refused.value.code == "no_responsible"
    plan.refresh_from_db()
    assert plan.draft_content["actions"] == []


def test_a_review_date_in_the_past_is_refused(now: datetime, worker: User) -> None:
    plan = new_plan(worker)
    with pytest.raises(ActionRefusedError) as refused:
        services.draft_set_review_date(
            actor=worker, plan=plan, review_date=TODAY - timedelta(days=1)
        )
    assert refused.value.code == "review_past"
    services.draft_set_review_date(actor=worker, plan=plan, review_date=TODAY)


def test_a_disagreement_needs_the_citizens_reasons(now: datetime, worker: User) -> None:
    plan = new_plan(worker)
    with pytest.raises(ValidationError):
        services.draft_set_agreement(
            actor=worker, plan=plan, kind="uenig", day=TODAY, how="mundtligt", reasons=""
        )
    services.draft_set_agreement(
        actor=worker, plan=plan, kind="uenig", day=TODAY, how="mundtligt", reasons="For hurtigt"
    )
    plan.refresh_from_db()
    assert plan.draft_content["agreement"]["reasons"] == "For hurtigt"


def test_only_a_final_recent_adults_assessment_can_be_linked(
    clock: FrozenClock, now: datetime, instrument: Any, worker: User
) -> None:
    plan = new_plan(worker)
    child = adult_assessment(worker, age_group="ung")
    with pytest.raises(ActionRefusedError) as refused:
        services.draft_link_risk(actor=worker, plan=plan, assessment_id=child.pk)
    assert refused.value.code == "risk_minor"
    old = adult_assessment(worker)
    clock.advance(timedelta(days=91))
    with pytest.raises(ActionRefusedError) as refused:
        services.draft_link_risk(actor=worker, plan=plan, assessment_id=old.pk)
    assert refused.value.code == "risk_old"
    recent = adult_assessment(worker)
    services.draft_link_risk(actor=worker, plan=plan, assessment_id=recent.pk)
    plan.refresh_from_db()
    assert plan.draft_content["risk"]["assessment_id"] == recent.pk
    assert plan.risk_assessment_id == recent.pk


def test_someone_elses_assessment_cannot_be_linked(
    now: datetime, instrument: Any, people: dict[str, User]
) -> None:
    plan = new_plan(people["worker"])
    theirs = adult_assessment(people["stranger"])
    with pytest.raises(ActionRefusedError) as refused:
        services.draft_link_risk(actor=people["worker"], plan=plan, assessment_id=theirs.pk)
    assert refused.value.code == "risk_missing"


def test_finalising_lists_every_missing_part(now: datetime, worker: User) -> None:
    plan = new_plan(worker)
    with pytest.raises(services.FinaliseRefusedError) as refused:
        services.plan_finalise(actor=worker, plan=plan, draft_number=1)
    problems = " ".join(refused.value.problems)
    for needed in ("risikovurdering", "del 2", "del 3", "del 4", "enighed", "opfølgning"):
        assert needed in problems.lower()
    assert not PlanVersion.objects.exists()


def test_finalising_needs_the_citizens_position(ready_plan: ActionPlan, worker: User) -> None:
    content = ready_plan.draft_content
    content["agreement"] = {}
    ActionPlan.objects.filter(pk=ready_plan.pk).update(draft=json.dumps(content))
    with pytest.raises(services.FinaliseRefusedError) as refused:
        services.plan_finalise(actor=worker, plan=ready_plan, draft_number=1)
    assert refused.value.problems == ["Registrer borgerens enighed eller uenighed i planen."]


def test_finalising_refuses_a_risk_assessment_that_became_too_old(
    clock: FrozenClock, ready_plan: ActionPlan, worker: User
) -> None:
    clock.advance(timedelta(days=91))
    services.draft_set_review_date(
        actor=worker, plan=ready_plan, review_date=TODAY + timedelta(days=120)
    )
    with pytest.raises(services.FinaliseRefusedError) as refused:
        services.plan_finalise(actor=worker, plan=ready_plan, draft_number=1)
    assert "ældre end 90 dage" in refused.value.problems[0]


def test_the_age_limit_of_the_risk_assessment_is_configurable(
    clock: FrozenClock, settings: Any, ready_plan: ActionPlan, worker: User
) -> None:
    settings.TILLID_ACTIONPLAN_RISK_MAX_AGE_DAYS = 200
    clock.advance(timedelta(days=91))
    services.draft_set_review_date(
        actor=worker, plan=ready_plan, review_date=TODAY + timedelta(days=120)
    )
    assert services.plan_finalise(actor=worker, plan=ready_plan, draft_number=1).number == 1


def test_finalising_freezes_version_1_with_who_and_when(
    now: datetime, ready_plan: ActionPlan, worker: User
) -> None:
    version = services.plan_finalise(actor=worker, plan=ready_plan, draft_number=1)
    ready_plan.refresh_from_db()
    assert (version.number, version.finalised_by, version.finalised_at) == (1, worker, now)
    assert version.document["situation"]["education"] == "Går på VUC"
    assert ready_plan.draft_number is None
    assert ready_plan.latest_number == 1
    assert ready_plan.review_date == TODAY + timedelta(days=30)
    assert AuditEntry.objects.filter(action="actionplans.plan.finalised").count() == 1


def test_two_finalising_the_same_draft_one_wins_and_the_other_is_told(
    ready_plan: ActionPlan, worker: User
) -> None:
    stale_copy = ActionPlan.objects.get(pk=ready_plan.pk)
    services.plan_finalise(actor=worker, plan=ready_plan, draft_number=1)
    with pytest.raises(services.AlreadyFinalisedError) as refused:
        services.plan_finalise(actor=worker, plan=stale_copy, draft_number=1)
    assert "allerede afsluttet af Sofie Sagsbehandler" in refused.value.message
    assert PlanVersion.objects.filter(plan=ready_plan).count() == 1
    assert AuditEntry.objects.filter(action="actionplans.plan.finalised").count() == 1


def test_revising_starts_a_new_draft_without_the_old_agreement(
    finalised_plan: ActionPlan, worker: User
) -> None:
    services.plan_revise(actor=worker, plan=finalised_plan)
    assert finalised_plan.draft_number == 2
    content = finalised_plan.draft_content
    assert content["agreement"] == {}
    assert content["situation"]["housing"] == "Bor hos forældrene"
    with pytest.raises(ActionRefusedError):
        services.plan_revise(actor=worker, plan=finalised_plan)
    with pytest.raises(services.FinaliseRefusedError):
        services.plan_finalise(actor=worker, plan=finalised_plan, draft_number=2)


def test_a_finalised_plan_without_a_draft_cannot_be_edited(
    finalised_plan: ActionPlan, worker: User
) -> None:
    with pytest.raises(services.NoDraftError):
        services.draft_set_goals(actor=worker, plan=finalised_plan, goals="x", citizen_words="")


def test_a_closed_plan_cannot_be_changed(ready_plan: ActionPlan, worker: User) -> None:
    services.plan_close(actor=worker, plan=ready_plan)
    with pytest.raises(services.PlanClosedError):
        services.draft_set_goals(actor=worker, plan=ready_plan, goals="x", citizen_words="")


def test_a_support_option_from_the_directory_keeps_its_name(now: datetime, worker: User) -> None:
    service = ServiceFactory(for_citizens=True)
    plan = new_plan(worker)
    services.draft_add_support(
        actor=worker, plan=plan, area="arbejde", service_id=service.pk, text="", purpose="Job"
    )
    plan.refresh_from_db()
    assert plan.draft_content["support"][0]["service_name"] == service.name
    with pytest.raises(ValidationError):
        services.draft_add_support(
            actor=worker, plan=plan, area="arbejde", service_id=None, text="", purpose="Job"
        )
    assert ADULT_BIRTH.year == 1995
