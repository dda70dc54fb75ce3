"""Every service of concern reports refuses a wrong user with ``NotPermittedError`` and changes
nothing, whoever calls it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.concerns import services, steps
from tillid.concerns.models import Report
from tillid.core.models import AuditEntry
from tillid.core.refusals import NotPermittedError

pytestmark = pytest.mark.django_db

ASSESSMENT = services.AssessmentData(
    health_in_danger=False, urgent_measures=False, next_step="ingen", reasons="X"
)


def _calls(report: Report) -> dict[str, Callable[[Any], Any]]:
    return {
        "save_step": lambda actor: services.report_save_step(
            actor=actor, report=report, step=steps.ACUTE, data=True
        ),
        "submit": lambda actor: services.report_submit(actor=actor, report=report),
    }


def _intake_calls(report: Report) -> dict[str, Callable[[Any], Any]]:
    version = report.version
    return {
        "assign": lambda actor: services.report_assign(
            actor=actor, report=report, assignee=None, expected_version=version
        ),
        "assess": lambda actor: services.report_assess(
            actor=actor, report=report, data=ASSESSMENT, expected_version=version
        ),
        "receipt": lambda actor: services.receipt_send(actor=actor, report=report),
        "feedback": lambda actor: services.feedback_record(
            actor=actor, report=report, feedback="ingen", expected_version=version
        ),
        "family_flag": lambda actor: services.family_flag_lift(
            actor=actor, report=report, reason="Fordi", expected_version=version
        ),
        "export": lambda actor: services.report_export(actor=actor, report=report, kind="json"),
    }


@pytest.mark.parametrize("role", [role.value for role in Role if role != Role.PROFESSIONAL])
def test_start_refuses_roles_without_a_duty_to_notify_through_tillid(
    make_user: Callable[..., User], role: str
) -> None:
    if role == Role.CONSULTANT:
        assert services.report_start(actor=make_user(role)).pk
        return
    with pytest.raises(NotPermittedError):
        services.report_start(actor=make_user(role))


@pytest.mark.parametrize("name", ["save_step", "submit"])
def test_only_the_notifier_edits_and_submits_their_draft(
    professional: User,
    other_professional: User,
    intake_worker: User,
    make_user: Callable[..., User],
    name: str,
) -> None:
    report = services.report_start(actor=professional)
    wrong_users = [other_professional, intake_worker, make_user(Role.ADMINISTRATOR)]
    before = AuditEntry.objects.count()
    for wrong in wrong_users:
        with pytest.raises(NotPermittedError):
            _calls(report)[name](wrong)
    report.refresh_from_db()
    assert report.steps_done == []
    assert report.acute is None
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    "name", ["assign", "assess", "receipt", "feedback", "family_flag", "export"]
)
def test_only_intake_workers_of_the_unit_act_on_a_report(
    submit: Callable[..., Report],
    professional: User,
    outside_intake_worker: User,
    make_user: Callable[..., User],
    name: str,
) -> None:
    report = submit(family_suspected=True)
    wrong_users = [
        professional,
        outside_intake_worker,
        make_user(Role.ADMINISTRATOR),
        make_user(Role.MANAGER),
        make_user(Role.CASE_WORKER),
    ]
    before = AuditEntry.objects.count()
    for wrong in wrong_users:
        with pytest.raises(NotPermittedError):
            _intake_calls(report)[name](wrong)
    changed = Report.objects.get(pk=report.pk)
    assert changed.version == report.version
    assert changed.assessed_at is None
    assert changed.receipt_sent_at is None
    assert changed.do_not_contact_family
    assert AuditEntry.objects.count() == before
