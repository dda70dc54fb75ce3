"""The rules of the assessment services: drafts, red flags, judgement, finalising, history."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404

from tests.factories import OrgUnitFactory
from tests.risk.conftest import all_answers, fill, finish, start
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry
from tillid.core.refusals import NotPermittedError
from tillid.risk import selectors, services
from tillid.risk.models import Assessment, Instrument, Scenario, Subject
from tillid.risk.services import AnswerInput, ScenarioInput

pytestmark = pytest.mark.usefixtures("instrument")


def test_create_starts_a_draft_on_the_newest_version_and_audits(professional: User) -> None:
    assessment = start(professional)
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.instrument.version == 1
    assert assessment.steps_done == ["person"]
    actions = list(
        AuditEntry.objects.filter(target_type="risk.assessment").values_list("action", flat=True)
    )
    assert actions == ["risk.assessment.created"]
    entry = AuditEntry.objects.get(action="risk.subject.created")
    assert "Elev 9.b" not in str(entry.details) + entry.target_label  # no content in the trail


def test_reference_refuses_cpr_numbers_and_is_encrypted(professional: User) -> None:
    with pytest.raises(ValidationError) as raised:
        start(professional, reference="Elev 010203-1234")
    assert "reference" in raised.value.message_dict
    assert not Subject.objects.exists()
    start(professional, reference="A. i 9.b")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reference FROM risk_subject")
        (stored,) = cursor.fetchone()
    assert "9.b" not in stored


def test_only_professionals_and_consultants_assess(make_user: Callable[..., User]) -> None:
    for role in (Role.ADMINISTRATOR, Role.INTAKE_WORKER, Role.EDITOR):
        with pytest.raises(NotPermittedError):
            start(make_user(role))


def test_answers_are_checked_against_the_instrument(professional: User) -> None:
    assessment = start(professional)
    with pytest.raises(ValidationError) as raised:
        services.assessment_save_answers(
            actor=professional,
            assessment=assessment,
            group_code="vold",
            answers={"V1": AnswerInput(now="maaske"), "F1": AnswerInput(now="ja")},
        )
    assert set(raised.value.message_dict) == {"V1_nu", "__all__"}
    assert not assessment.answers.exists()


def test_a_draft_may_skip_items_but_red_flags_cannot_be_skipped(professional: User) -> None:
    assessment = start(professional)
    services.assessment_save_answers(
        actor=professional,
        assessment=assessment,
        group_code="faretegn",
        answers={"F1": AnswerInput(now="ja")},
    )
    with pytest.raises(ValidationError) as raised:
        services.assessment_save_answers(
            actor=professional,
            assessment=assessment,
            group_code="faretegn",
            answers={"F1": AnswerInput(now="ja", earlier="ved_ikke")},
            require_red_flags=True,
        )
    assert set(raised.value.message_dict) == {
        "F2_nu",
        "F2_tidligere",
        "F3_nu",
        "F3_tidligere",
        "F4_nu",
        "F4_tidligere",
        "F5_nu",
        "F5_tidligere",
    }


def test_finalising_without_red_flag_answers_is_refused(professional: User) -> None:
    assessment = start(professional)
    answers = all_answers()
    answers["faretegn"]["F3"] = AnswerInput(now="", earlier="nej")
    del answers["faretegn"]["F4"]
    for group_code, group_answers in answers.items():
        services.assessment_save_answers(
            actor=professional, assessment=assessment, group_code=group_code, answers=group_answers
        )
    services.assessment_save_judgement(
        actor=professional, assessment=assessment, final_level="lav", justification=""
    )
    with pytest.raises(services.FinaliseRefusedError) as raised:
        services.assessment_finalise(actor=professional, assessment=assessment)
    assert [problem.step for problem in raised.value.problems] == ["faretegn", "faretegn"]
    assert "ægteskab" in raised.value.problems[0].message
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    # "Ved ikke" is an answer: with it, finalising works.
    services.assessment_save_answers(
        actor=professional,
        assessment=assessment,
        group_code="faretegn",
        answers={
            "F3": AnswerInput(now="ved_ikke", earlier="nej"),
            "F4": AnswerInput(now="ved_ikke", earlier="ved_ikke"),
        },
    )
    with pytest.raises(services.FinaliseRefusedError) as raised:
        services.assessment_finalise(actor=professional, assessment=assessment)
    # Two unknown red flags now suggest "moderat": the judgement "lav" needs a reason.
    assert [problem.step for problem in raised.value.problems] == ["vurdering"]
    services.assessment_save_judgement(
        actor=professional, assessment=assessment, final_level="moderat", justification=""
    )
    final = services.assessment_finalise(actor=professional, assessment=assessment)
    assert final.status == Assessment.Status.FINAL
    assert final.suggestion_reasons[0]["rule"] == "faretegn-uvist"


def test_an_override_needs_a_justification(professional: User) -> None:
    assessment = fill(professional, start(professional), F4=("ja", "nej"))
    with pytest.raises(ValidationError) as raised:
        services.assessment_save_judgement(
            actor=professional, assessment=assessment, final_level="akut", justification="  "
        )
    assert raised.value.message_dict["justification"] == [
        "Din vurdering (Akut) afviger fra forslaget (Høj). Skriv, hvorfor du vurderer anderledes."
    ]
    services.assessment_save_judgement(
        actor=professional,
        assessment=assessment,
        final_level="akut",
        justification="Rejsen er i morgen.",
    )
    final = services.assessment_finalise(actor=professional, assessment=assessment)
    assert (final.suggested_level, final.final_level) == ("hoej", "akut")
    assert final.justification == "Rejsen er i morgen."
    with connection.cursor() as cursor:
        cursor.execute("SELECT justification FROM risk_assessment WHERE id = %s", [final.pk])
        (stored_justification,) = cursor.fetchone()
        cursor.execute("SELECT basis FROM risk_answer WHERE assessment_id = %s", [final.pk])
        stored_bases = [row[0] for row in cursor.fetchall()]
    assert "Rejsen" not in stored_justification
    assert stored_bases
    assert not any("note" in basis for basis in stored_bases)
    # Following the suggestion needs no justification.
    agreed = finish(professional, F4=("ja", "nej"))
    assert (agreed.suggested_level, agreed.final_level, agreed.justification) == (
        "hoej",
        "hoej",
        "",
    )


def test_the_database_refuses_a_final_override_without_justification(professional: User) -> None:
    final = finish(professional, F4=("ja", "nej"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=final.pk).update(final_level="lav")


def test_a_final_assessment_cannot_be_edited(professional: User) -> None:
    final = finish(professional)
    before = AuditEntry.objects.count()
    edits = [
        lambda: services.assessment_save_person(
            actor=professional, assessment=final, age_group="voksen"
        ),
        lambda: services.assessment_save_answers(
            actor=professional,
            assessment=final,
            group_code="vold",
            answers={"V1": AnswerInput(now="ja")},
        ),
        lambda: services.assessment_save_protective_factors(
            actor=professional, assessment=final, factor_codes=["B1"], note=""
        ),
        lambda: services.assessment_save_scenarios(
            actor=professional, assessment=final, scenarios=[]
        ),
        lambda: services.assessment_save_judgement(
            actor=professional, assessment=final, final_level="akut", justification="x"
        ),
        lambda: services.assessment_save_next_steps(actor=professional, assessment=final, note="x"),
        lambda: services.assessment_finalise(actor=professional, assessment=final),
        lambda: services.assessment_delete_draft(actor=professional, assessment=final),
    ]
    for edit in edits:
        with pytest.raises(services.AssessmentFinalisedError):
            edit()
    assert AuditEntry.objects.count() == before
    assert Scenario.objects.filter(assessment=final).count() == 1


def test_only_the_author_edits_a_draft(professional: User, make_user: Callable[..., User]) -> None:
    assessment = start(professional)
    other = make_user(Role.PROFESSIONAL)
    with pytest.raises(NotPermittedError):
        services.assessment_save_next_steps(actor=other, assessment=assessment, note="x")


def test_reassessment_is_a_new_assessment_and_history_shows_changes(professional: User) -> None:
    first = finish(professional, V2=("ja", "nej"))
    second = finish(professional, subject=first.subject, F1=("ja", "nej"))
    third = finish(professional, subject=first.subject, F1=("ja", "nej"))
    assert first.pk != second.pk
    assert first.final_level == "moderat"
    history = selectors.subject_history(user=professional, subject=first.subject)
    assert [(entry.level, entry.changed, entry.raised) for entry in history] == [
        ("moderat", False, False),
        ("hoej", True, True),
        ("hoej", False, False),
    ]
    latest = services.assessment_latest_for_subject(user=professional, subject=first.subject)
    assert latest == third
    created = AuditEntry.objects.filter(action="risk.assessment.created").order_by("id")
    assert [entry.details["reassessment"] for entry in created] == [False, True, True]


def test_an_assessment_keeps_its_instrument_version(professional: User) -> None:
    old = finish(professional, F1=("ja", "nej"))
    document = dict(old.instrument.definition)
    document["version"] = 2
    document["suggestion"] = {**document["suggestion"], "default_level": "moderat"}
    newer, _created = services.instrument_publish(document=document)
    assert selectors.instrument_current() == newer
    assert start(professional).instrument == newer
    old.refresh_from_db()
    assert old.instrument.version == 1
    assert Instrument.objects.get(version=1).parsed.default_level == "lav"


def test_scenarios_and_protective_factors_are_saved_and_replaced(professional: User) -> None:
    assessment = start(professional)
    services.assessment_save_scenarios(
        actor=professional,
        assessment=assessment,
        scenarios=[
            ScenarioInput(what="A", how_soon="dage", severity="livstruende", who="Far"),
            ScenarioInput(what="B", how_soon="uvist", severity="begraenset"),
        ],
    )
    services.assessment_save_scenarios(
        actor=professional,
        assessment=assessment,
        scenarios=[ScenarioInput(what="B", how_soon="uvist", severity="begraenset")],
    )
    assert [scenario.what for scenario in assessment.scenarios.all()] == ["B"]
    with pytest.raises(ValidationError):
        services.assessment_save_scenarios(
            actor=professional,
            assessment=assessment,
            scenarios=[ScenarioInput(what="C", how_soon="snart", severity="alvorlig")],
        )
    services.assessment_save_protective_factors(
        actor=professional, assessment=assessment, factor_codes=["B3", "B1"], note="Mor støtter."
    )
    assessment.refresh_from_db()
    assert assessment.protective_factors == ["B1", "B3"]
    with pytest.raises(ValidationError):
        services.assessment_save_protective_factors(
            actor=professional, assessment=assessment, factor_codes=["B99"], note=""
        )


def test_deleting_a_draft_removes_its_new_subject(professional: User) -> None:
    assessment = start(professional)
    services.assessment_delete_draft(actor=professional, assessment=assessment)
    assert not Assessment.objects.exists()
    assert not Subject.objects.exists()
    assert AuditEntry.objects.filter(action="risk.assessment.deleted").count() == 1


def test_start_for_context_links_the_subject_and_its_holders_read_it(
    make_user: Callable[..., User],
) -> None:
    """What the consultations app does: link a case held by a team, whose consultants read
    (``risk.access`` rule 2) but never edit each other's drafts."""
    team_unit = OrgUnitFactory()
    consultant = make_user(Role.CONSULTANT, org_unit=team_unit)
    colleague = make_user(Role.CONSULTANT, org_unit=team_unit)
    case = make_user(Role.EDITOR, name="stand-in for a consultation case")
    holders = {"readers_unit": team_unit, "readers_role": Role.CONSULTANT}
    first = services.assessment_start_for_context(
        actor=consultant, context=case, age_group="voksen", **holders
    )
    second = services.assessment_start_for_context(
        actor=colleague, context=case, age_group="voksen", **holders
    )
    assert first.subject == second.subject
    assert first.subject.context == case
    assert selectors.subject_for_context(context=case) == first.subject

    assert selectors.assessment_get_for_user(user=colleague, pk=first.pk) == first
    assert set(selectors.assessment_list_for_user(user=colleague)) == {first, second}
    with pytest.raises(Http404):  # reading is extended, editing is not
        selectors.assessment_get_for_author(user=colleague, pk=first.pk)

    outsider = make_user(Role.CONSULTANT, org_unit=OrgUnitFactory())
    professional_in_unit = make_user(Role.PROFESSIONAL, org_unit=team_unit)
    for stranger in (outsider, professional_in_unit):
        assert not selectors.assessment_list_for_user(user=stranger).exists()
        with pytest.raises(NotPermittedError):
            services.assessment_start_for_context(
                actor=stranger, context=case, age_group="voksen", **holders
            )
    colleague.is_active = False
    colleague.save()
    assert not selectors.assessment_list_for_user(user=colleague).exists()
