"""The service contract in action plans: every service checks its actor itself and refuses a
wrong user with ``NotPermittedError``, changing nothing, whoever calls it (the team lead and a
consultant who may read the plan included: only the responsible worker writes)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from tests.actionplans.conftest import ADULT_BIRTH, TODAY, adult_assessment
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan, PlanVersion
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError, NotPermittedError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["lead", "colleague", "stranger", "administrator", "consultant"])
def test_only_the_responsible_worker_changes_a_plan(
    ready_plan: ActionPlan,
    people: dict[str, User],
    make_user: Callable[..., User],
    instrument: Any,
    who: str,
) -> None:
    actor = people.get(who) or make_user(
        Role.ADMINISTRATOR if who == "administrator" else Role.CONSULTANT
    )
    own_assessment = adult_assessment(people["worker"])
    plan = ready_plan
    before = (AuditEntry.objects.count(), plan.draft)
    day = TODAY
    attempts: list[Callable[[], object]] = [
        lambda: services.plan_update_contact(
            actor=actor,
            plan=plan,
            contact=services.Contact(
                citizen_name="X",
                cpr_number="",
                safe_phone="",
                safe_times="",
                letters_to_address=False,
                family_may_know=True,
                interpreter_needed=False,
                language="",
            ),
        ),
        lambda: services.draft_link_risk(actor=actor, plan=plan, assessment_id=own_assessment.pk),
        lambda: services.draft_set_situation(actor=actor, plan=plan, situation={"housing": "x"}),
        lambda: services.draft_add_support(
            actor=actor, plan=plan, area="bolig", service_id=None, text="x", purpose="y"
        ),
        lambda: services.draft_add_other_support(
            actor=actor, plan=plan, text="x", law="", purpose="y"
        ),
        lambda: services.draft_set_goals(actor=actor, plan=plan, goals="x", citizen_words=""),
        lambda: services.draft_add_action(
            actor=actor, plan=plan, who="a", what="b", due=day, status="planlagt"
        ),
        lambda: services.draft_set_action_status(actor=actor, plan=plan, index=0, status="udfoert"),
        lambda: services.draft_remove_item(actor=actor, plan=plan, part="actions", index=0),
        lambda: services.draft_add_meeting(
            actor=actor, plan=plan, day=day, participants="x", interpreter=False, language=""
        ),
        lambda: services.draft_set_agreement(
            actor=actor, plan=plan, kind="enig", day=day, how="papir", reasons=""
        ),
        lambda: services.draft_set_review_date(
            actor=actor, plan=plan, review_date=day + timedelta(days=3)
        ),
        lambda: services.plan_finalise(actor=actor, plan=plan, draft_number=1),
        lambda: services.plan_revise(actor=actor, plan=plan),
        lambda: services.plan_close(actor=actor, plan=plan),
        lambda: services.plan_unlink_consultation(actor=actor, plan=plan),
        lambda: services.plan_start(
            actor=actor,
            identity=services.Identity(citizen_name="Y", birth_date=ADULT_BIRTH),
        ),
    ]
    if who in ("lead", "colleague", "stranger"):
        attempts.pop()  # case workers may start plans of their own
    for attempt in attempts:
        with pytest.raises(NotPermittedError) as refused:
            attempt()
        assert isinstance(refused.value, ActionRefusedError)
    plan.refresh_from_db()
    assert (AuditEntry.objects.count(), plan.draft) == before
    assert plan.is_open
    assert not PlanVersion.objects.exists()


def test_only_a_consultant_holding_the_case_hands_it_over(
    now: Any,
    people: dict[str, User],
    consultation_world: dict[str, Any],
) -> None:
    case = consultation_world["case"]
    identity = services.Identity(citizen_name="Aisha Hansen", birth_date=date(1999, 1, 1))
    for actor in (consultation_world["outsider"], people["worker"]):
        with pytest.raises(NotPermittedError):
            services.plan_handover_from_consultation(
                actor=actor,
                consultation_id=case.pk,
                case_worker=people["worker"],
                identity=identity,
                consent_given=True,
                carry=services.HandoverChoice(description=True),
            )
    assert not ActionPlan.objects.exists()
