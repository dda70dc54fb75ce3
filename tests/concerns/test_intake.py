"""The intake's actions: assign, the 24-hour assessment (one wins when two assess at once),
the receipt (one click), feedback, lifting the family flag, exports; each audited."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.concerns.conftest import MONDAY_10
from tillid.accounts.models import User
from tillid.concerns import services
from tillid.concerns.models import Report, Status
from tillid.core.models import AuditEntry, OutgoingMail
from tillid.core.refusals import ActionRefusedError

pytestmark = pytest.mark.django_db

ASSESSMENT = services.AssessmentData(
    health_in_danger=True, urgent_measures=True, next_step="boernefaglig_undersoegelse", reasons="X"
)


def test_two_intake_workers_assessing_at_once_one_wins_the_other_is_told(
    submit: Callable[..., Report], intake_worker: User, colleague: User
) -> None:
    report = submit()
    shown_to_both = report.version
    first_copy = Report.objects.get(pk=report.pk)
    second_copy = Report.objects.get(pk=report.pk)
    services.report_assess(
        actor=intake_worker, report=first_copy, data=ASSESSMENT, expected_version=shown_to_both
    )
    other = services.AssessmentData(
        health_in_danger=False, urgent_measures=False, next_step="ingen", reasons="Y"
    )
    with pytest.raises(services.ReportChangedError):
        services.report_assess(
            actor=colleague, report=second_copy, data=other, expected_version=shown_to_both
        )
    report.refresh_from_db()
    assert report.status == Status.ASSESSED
    assert report.assessed_by == intake_worker
    assert report.next_step == "boernefaglig_undersoegelse"
    assert AuditEntry.objects.filter(action="concerns.report.assessed").count() == 1


def test_the_loser_sees_a_clear_message_on_the_page(
    submit: Callable[..., Report],
    intake_worker: User,
    colleague: User,
    login: Callable[[User], Client],
) -> None:
    report = submit()
    version = report.version
    services.report_assess(
        actor=colleague, report=report, data=ASSESSMENT, expected_version=version
    )
    response = login(intake_worker).post(
        f"/modtagelse/{report.pk}/vurdering/",
        {
            "version": version,
            "health_in_danger": "nej",
            "urgent_measures": "nej",
            "next_step": "ingen",
            "reasons": "Min vurdering",
        },
    )
    assert response.status_code == 409
    assert "En kollega har allerede vurderet underretningen" in response.content.decode()
    report.refresh_from_db()
    assert report.assessed_by == colleague


def test_an_assessment_needs_reasons(submit: Callable[..., Report], intake_worker: User) -> None:
    report = submit()
    with pytest.raises(ValidationError):
        services.report_assess(
            actor=intake_worker,
            report=report,
            data=services.AssessmentData(
                health_in_danger=False, urgent_measures=False, next_step="ingen", reasons=" "
            ),
            expected_version=report.version,
        )


def test_the_receipt_is_one_click_and_logged_once(
    submit: Callable[..., Report], intake_worker: User, clock: Any
) -> None:
    report = submit()
    clock.set(MONDAY_10)
    services.receipt_send(actor=intake_worker, report=report)
    with pytest.raises(ActionRefusedError):
        services.receipt_send(actor=intake_worker, report=report)
    report.refresh_from_db()
    assert report.receipt_sent_at == MONDAY_10
    [entry] = AuditEntry.objects.filter(action="concerns.report.receipt_sent")
    assert entry.details["on_time"] is True
    assert OutgoingMail.objects.filter(template="concerns/email/status_changed").count() == 1


def test_assign_and_feedback(
    submit: Callable[..., Report], intake_worker: User, colleague: User, professional: User
) -> None:
    report = submit()
    services.report_assign(
        actor=intake_worker, report=report, assignee=colleague, expected_version=report.version
    )
    assert report.assigned_to == colleague
    with pytest.raises(ActionRefusedError):
        services.report_assign(
            actor=intake_worker,
            report=report,
            assignee=professional,
            expected_version=report.version,
        )
    services.feedback_record(
        actor=colleague, report=report, feedback="undersoegelse", expected_version=report.version
    )
    assert report.feedback == "undersoegelse"
    assert AuditEntry.objects.filter(action="concerns.report.feedback_given").count() == 1


def test_lifting_the_family_flag_needs_a_reason_and_is_audited_without_it(
    submit: Callable[..., Report], intake_worker: User
) -> None:
    report = submit(family_suspected=True)
    assert report.do_not_contact_family
    with pytest.raises(ValidationError):
        services.family_flag_lift(
            actor=intake_worker, report=report, reason="", expected_version=report.version
        )
    services.family_flag_lift(
        actor=intake_worker,
        report=report,
        reason="Barnet ønsker nu, at moren inddrages.",
        expected_version=report.version,
    )
    report.refresh_from_db()
    assert not report.do_not_contact_family
    assert report.family_flag_lift_reason == "Barnet ønsker nu, at moren inddrages."
    [entry] = AuditEntry.objects.filter(action="concerns.report.family_flag_lifted")
    assert "moren" not in json.dumps(entry.details)


def test_the_banner_is_on_every_screen_of_a_flagged_report(
    submit: Callable[..., Report],
    professional: User,
    intake_worker: User,
    login: Callable[[User], Client],
    client: Client,
) -> None:
    report = submit(child_wish="oensker_ikke")
    login(intake_worker)
    assert "Kontakt ikke familien" in client.get(f"/modtagelse/{report.pk}/").content.decode()
    assert "Kontakt ikke familien" in client.get("/modtagelse/").content.decode()
    login(professional)
    for path in (f"/underretning/{report.pk}/status/", "/underretning/"):
        assert "Kontakt ikke familien" in client.get(path).content.decode(), path


def test_exports_are_audited_and_follow_the_schema(
    submit: Callable[..., Report], intake_worker: User, login: Callable[[User], Client]
) -> None:
    report = submit(cpr="0505144234", family_suspected=True)
    client = login(intake_worker)
    response = client.get(f"/modtagelse/{report.pk}/eksport.json")
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["schema_version"] == "1.0"
    assert data["reference"] == report.reference
    assert data["child"]["cpr_number"] == "0505144234"
    assert data["do_not_contact_family"] is True
    assert data["assessment"] is None
    assert set(data) == {
        "$schema", "schema_version", "reference", "status", "received_at", "assessment_due",
        "receipt_due", "acute", "do_not_contact_family", "family_flag_lifted_at", "child",
        "concern", "family", "actions_taken", "notifier", "assessment", "receipt_sent_at",
        "feedback", "feedback_at",
    }  # fmt: skip
    pdf = client.get(f"/modtagelse/{report.pk}/eksport.pdf")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    formats = list(
        AuditEntry.objects.filter(action="concerns.report.exported").values_list(
            "details__format", flat=True
        )
    )
    assert sorted(formats) == ["json", "pdf"]
