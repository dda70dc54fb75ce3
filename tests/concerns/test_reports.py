"""The notifier's report: steps saved encrypted, CPR validated and hashed, the family flag, the
adult redirect, submitting once with a reference and both deadlines."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.concerns.conftest import MONDAY_10, OBSERVATIONS, fill
from tillid.accounts.models import User
from tillid.concerns import services, steps
from tillid.concerns.models import IntakeUnit, Report, Status
from tillid.core.models import AuditEntry
from tillid.core.refusals import ActionRefusedError

pytestmark = pytest.mark.django_db


CHILD_CPR = "0505144234"  # 7th digit 4, year 14: born 5 May 2014


def test_a_draft_is_saved_encrypted_at_every_step(professional: User, clock: Any) -> None:
    clock.set(MONDAY_10)
    report = services.report_start(actor=professional)
    services.report_save_step(actor=professional, report=report, step=steps.ACUTE, data=False)
    services.report_save_step(
        actor=professional,
        report=report,
        step=steps.CHILD,
        data=services.ChildData(name="Amira Testbarn", cpr="050514-4234"),
    )
    report.refresh_from_db()
    assert report.steps_done == [steps.ACUTE, steps.CHILD]
    assert report.child_cpr == CHILD_CPR
    assert report.child_birth_date == "2014-05-05"
    assert report.child_age == 11
    assert steps.first_open(report.steps_done) == steps.CONCERN
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT child_name, child_cpr, cpr_hash FROM concerns_report WHERE id = %s",
            [report.pk],
        )
        name, cpr, cpr_hash = cursor.fetchone()
    assert "Amira" not in name
    assert CHILD_CPR not in cpr
    assert CHILD_CPR not in cpr_hash
    assert len(cpr_hash) == 64


@pytest.mark.parametrize(
    ("cpr", "code"),
    [("3102144234", "cpr_date"), ("0013144234", "cpr_date"), ("12345", "cpr_format")],
)
def test_a_cpr_number_with_an_impossible_date_is_refused(
    professional: User, cpr: str, code: str
) -> None:
    report = services.report_start(actor=professional)
    with pytest.raises(ValidationError) as refused:
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.CHILD,
            data=services.ChildData(name="Amira", cpr=cpr),
        )
    assert refused.value.error_dict["cpr"][0].code == code
    assert cpr not in str(refused.value)
    report.refresh_from_db()
    assert report.child_cpr == ""
    assert steps.CHILD not in report.steps_done


def test_a_number_failing_modulus_11_is_accepted(professional: User) -> None:
    report = services.report_start(actor=professional)
    services.report_save_step(
        actor=professional,
        report=report,
        step=steps.CHILD,
        data=services.ChildData(name="Amira", cpr="0505144235"),
    )
    report.refresh_from_db()
    assert report.child_cpr == "0505144235"


@pytest.mark.parametrize(
    "data",
    [
        services.ChildData(name="Ali", age=18),
        services.ChildData(name="Ali", birth_date=date(2008, 3, 2)),  # 18 on Monday 2 March 2026
        services.ChildData(name="Ali", cpr="0203084234"),
    ],
)
def test_a_child_aged_18_is_sent_to_adult_advice_and_nothing_is_saved(
    professional: User, clock: Any, data: services.ChildData
) -> None:
    clock.set(MONDAY_10)
    report = services.report_start(actor=professional)
    with pytest.raises(services.AdultError):
        services.report_save_step(actor=professional, report=report, step=steps.CHILD, data=data)
    report.refresh_from_db()
    assert report.child_name == ""
    assert report.child_cpr == ""


def test_the_day_before_the_18th_birthday_is_a_child(professional: User, clock: Any) -> None:
    clock.set(MONDAY_10)
    report = services.report_start(actor=professional)
    services.report_save_step(
        actor=professional,
        report=report,
        step=steps.CHILD,
        data=services.ChildData(name="Ali", birth_date=date(2008, 3, 3)),
    )
    report.refresh_from_db()
    assert report.child_age == 17


def test_an_empty_cpr_field_keeps_the_saved_number_and_an_empty_string_removes_it(
    professional: User,
) -> None:
    report = services.report_start(actor=professional)
    save = services.report_save_step
    save(
        actor=professional,
        report=report,
        step=steps.CHILD,
        data=services.ChildData(name="A", cpr=CHILD_CPR),
    )
    save(actor=professional, report=report, step=steps.CHILD, data=services.ChildData(name="A"))
    report.refresh_from_db()
    assert report.child_cpr == CHILD_CPR
    save(
        actor=professional,
        report=report,
        step=steps.CHILD,
        data=services.ChildData(name="A", cpr="", age=9),
    )
    report.refresh_from_db()
    assert report.child_cpr == ""
    assert report.cpr_hash == ""


def test_submitting_without_observations_is_refused(professional: User) -> None:
    report = services.report_start(actor=professional)
    with pytest.raises(ValidationError) as refused:
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.CONCERN,
            data=services.ConcernData(observations="   "),
        )
    assert "observations" in refused.value.error_dict
    with pytest.raises(services.SubmitRefusedError) as incomplete:
        services.report_submit(actor=professional, report=report)
    assert {problem.step for problem in incomplete.value.problems} == set(steps.ANSWER_STEPS)
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert report.reference is None


@pytest.mark.parametrize(
    ("answers", "flag"),
    [
        ({}, False),
        ({"family_suspected": True}, True),
        ({"child_wish": "oensker_ikke"}, True),
        ({"concerns": ["tvangsaegteskab"]}, True),
        ({"child_wish": "oensker"}, False),
    ],
)
def test_the_family_flag_is_set_automatically(
    professional: User, answers: dict[str, Any], flag: bool
) -> None:
    report = fill(services.report_start(actor=professional), professional, **answers)
    assert report.do_not_contact_family is flag


def test_submit_gives_a_reference_and_both_deadlines_and_a_second_submit_changes_nothing(
    professional: User, intake_unit: IntakeUnit, clock: Any
) -> None:
    clock.set(MONDAY_10)
    report = fill(services.report_start(actor=professional), professional)
    submitted, created = services.report_submit(actor=professional, report=report)
    assert created
    assert submitted.reference == "U-2026-0001"
    assert submitted.status == Status.RECEIVED
    assert submitted.intake_unit == intake_unit
    assert submitted.assessment_due == MONDAY_10 + timedelta(hours=24)
    assert submitted.receipt_due == date(2026, 3, 10)
    again, created_again = services.report_submit(actor=professional, report=report)
    assert not created_again
    assert again.pk == submitted.pk
    assert Report.objects.exclude(status=Status.DRAFT).count() == 1
    assert AuditEntry.objects.filter(action="concerns.report.submitted").count() == 1
    second = fill(services.report_start(actor=professional), professional)
    assert services.report_submit(actor=professional, report=second)[0].reference == "U-2026-0002"


def test_a_submitted_report_cannot_be_edited(
    submit: Callable[..., Any], professional: User
) -> None:
    report = submit()
    with pytest.raises(services.ReportSubmittedError):
        services.report_save_step(actor=professional, report=report, step=steps.ACUTE, data=True)


def test_submitting_without_an_intake_unit_is_refused_and_the_draft_kept(
    professional: User,
) -> None:
    report = fill(services.report_start(actor=professional), professional)
    with pytest.raises(ActionRefusedError) as refused:
        services.report_submit(actor=professional, report=report)
    assert refused.value.code == "no_intake"
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert report.observations == OBSERVATIONS


def test_free_text_with_a_cpr_number_is_refused(professional: User) -> None:
    report = services.report_start(actor=professional)
    with pytest.raises(ValidationError) as refused:
        services.report_save_step(
            actor=professional,
            report=report,
            step=steps.CONCERN,
            data=services.ConcernData(observations="Barnet 050514-4234 græd."),
        )
    assert "observations" in refused.value.error_dict


def test_origin_is_a_path_inside_tillid_or_nothing(professional: User) -> None:
    kept = services.report_start(actor=professional, origin_path="/konsulent/sager/12/")
    dropped = services.report_start(actor=professional, origin_path="https://evil.example/x")
    assert kept.origin_path == "/konsulent/sager/12/"
    assert dropped.origin_path == ""
