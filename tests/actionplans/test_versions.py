"""Frozen versions are immutable in the ORM and in the database; two versions compare side by
side with the changes marked."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import DatabaseError, connection, transaction

from tillid.accounts.models import User
from tillid.actionplans import services
from tillid.actionplans.models import ActionPlan, ImmutableVersionError, PlanVersion
from tillid.actionplans.selectors import compare

pytestmark = pytest.mark.django_db


def test_the_orm_refuses_to_change_or_delete_a_version(finalised_plan: ActionPlan) -> None:
    version = PlanVersion.objects.get(plan=finalised_plan)
    version.content = "{}"
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        PlanVersion.objects.filter(pk=version.pk).update(content="{}")
    with pytest.raises(ImmutableVersionError):
        PlanVersion.objects.filter(pk=version.pk).delete()


def test_the_database_refuses_raw_updates_and_deletes(finalised_plan: ActionPlan) -> None:
    version = PlanVersion.objects.get(plan=finalised_plan)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE actionplans_planversion SET content = '' WHERE id = %s", [version.pk]
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM actionplans_planversion WHERE id = %s", [version.pk])
    # The plan cannot be deleted with its versions either (they cascade into the trigger).
    with pytest.raises(DatabaseError), transaction.atomic():
        ActionPlan.objects.filter(pk=finalised_plan.pk).delete()
    assert PlanVersion.objects.get(pk=version.pk).document["goals"].startswith("Eget sted")


def test_the_database_lets_versions_go_only_when_the_plan_is_anonymised(
    finalised_plan: ActionPlan, worker: User
) -> None:
    services.plan_close(actor=worker, plan=finalised_plan)
    assert services.plans_anonymise(days=0) == [finalised_plan.pk]
    assert not PlanVersion.objects.filter(plan=finalised_plan).exists()


def test_comparing_two_versions_marks_changes_per_section(
    now: datetime, finalised_plan: ActionPlan, worker: User
) -> None:
    services.plan_revise(actor=worker, plan=finalised_plan)
    services.draft_set_situation(
        actor=worker,
        plan=finalised_plan,
        situation={
            "housing": "Bor på krisecenter",
            "work": "Ingen arbejde",
            "education": "Går på VUC",
            "relatives": "Brodere holder øje med hende",
        },
    )
    services.draft_add_other_support(
        actor=worker, plan=finalised_plan, text="Mentor", law="", purpose="Støtte i hverdagen"
    )
    services.draft_set_agreement(
        actor=worker, plan=finalised_plan, kind="enig", day=now.date(), how="digitalt", reasons=""
    )
    services.plan_finalise(actor=worker, plan=finalised_plan, draft_number=2)
    one, two = PlanVersion.objects.filter(plan=finalised_plan).order_by("number")
    sections = {section.title: section for section in compare(one.document, two.document)}

    situation = sections["2. Borgerens aktuelle situation"]
    assert situation.changed
    changed = [row for row in situation.rows if row.change != "same"]
    assert [(row.left, row.right, row.change) for row in changed] == [
        ("Bolig: Bor hos forældrene", "Bolig: Bor på krisecenter", "changed")
    ]
    other = sections["4. Andre støttemuligheder efter denne eller anden lovgivning"]
    assert [row.change for row in other.rows] == ["same", "added"]
    assert not sections["1. Risikovurdering"].changed
    assert sections["Borgerens enighed eller uenighed"].changed
