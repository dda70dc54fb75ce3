"""Scheduled work: the team lead hears once about each missed deadline; closed cases are
anonymised after the retention period (free text gone, figures kept) and every run is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tests.consultations.conftest import MONDAY_10
from tillid.accounts.models import User
from tillid.consultations import services
from tillid.consultations.models import Consultation, InternalNote, Message, Status, Team
from tillid.consultations.selectors import consultation_list_for_requester
from tillid.core.calendar import COPENHAGEN
from tillid.core.models import AuditEntry, OutgoingMail

WEDNESDAY_16 = datetime(2026, 3, 4, 16, 0, tzinfo=COPENHAGEN)
MINUTE = timedelta(minutes=1)


def deadline_mails() -> list[OutgoingMail]:
    return list(OutgoingMail.objects.filter(template="consultations/email/deadline_missed"))


@pytest.mark.django_db
def test_a_missed_deadline_is_mailed_to_the_team_lead_once(
    submit: Callable[..., Consultation], lead: User, consultant: User
) -> None:
    case = submit()  # "within a week", Monday 10:00: due Wednesday 16:00
    answered = submit()
    services.consultation_assign(
        actor=consultant, consultation=answered, assignee=consultant, expected_assignee_id=None
    )
    services.message_to_requester(actor=consultant, consultation=answered, body="Vi ringer.")

    assert services.deadlines_escalate(now=WEDNESDAY_16 - MINUTE) == 0
    assert services.deadlines_escalate(now=WEDNESDAY_16 + MINUTE) == 1
    assert services.deadlines_escalate(now=WEDNESDAY_16 + 2 * MINUTE) == 0

    [mail] = deadline_mails()
    assert mail.to == lead.email
    assert f"/konsulent/sager/{case.pk}/" in mail.body_text
    case.refresh_from_db()
    assert case.deadline_escalated_at == WEDNESDAY_16 + MINUTE
    entry = AuditEntry.objects.get(action="consultations.consultation.deadline_missed")
    assert entry.target_id == str(case.pk)
    assert entry.details["to_lead"] is True


@pytest.mark.django_db
def test_without_a_lead_the_team_is_told(
    submit: Callable[..., Consultation], team: Team, lead: User, consultant: User
) -> None:
    team.lead = None
    team.save()
    submit(urgency="akut")
    OutgoingMail.objects.all().delete()  # the acute notice itself
    assert services.deadlines_escalate(now=MONDAY_10 + timedelta(hours=7)) == 1
    assert sorted(mail.to for mail in deadline_mails()) == sorted([lead.email, consultant.email])


@pytest.mark.django_db
def test_closed_cases_are_never_escalated(assigned_case: Consultation, consultant: User) -> None:
    services.consultation_close(
        actor=consultant,
        consultation=assigned_case,
        outcome=services.OutcomeData(help_types=["sparring"], time_spent_minutes=5),
        now=MONDAY_10,
    )
    Consultation.objects.filter(pk=assigned_case.pk).update(first_response_at=None)
    assert services.deadlines_escalate(now=WEDNESDAY_16 + MINUTE) == 0


@pytest.mark.django_db
def test_the_deadline_command_runs_and_is_idempotent(submit: Callable[..., Consultation]) -> None:
    submit()
    out = StringIO()
    call_command("consultation_deadlines", stdout=out)
    call_command("consultation_deadlines", stdout=out)
    assert "Overskredne frister meldt til teamlederen: 1." in out.getvalue()
    assert "Overskredne frister meldt til teamlederen: 0." in out.getvalue()
    assert len(deadline_mails()) == 1


@pytest.fixture
def closed_case(assigned_case: Consultation, consultant: User, professional: User) -> Consultation:
    services.message_to_requester(actor=consultant, consultation=assigned_case, body="Hej Pia")
    services.message_from_requester(actor=professional, consultation=assigned_case, body="Hej")
    services.note_add(actor=consultant, consultation=assigned_case, body="Notat om familien")
    services.meeting_plan(
        actor=consultant,
        consultation=assigned_case,
        data=services.MeetingData(starts_at=MONDAY_10, place="Rådhuset, lokale 12"),
    )
    return services.consultation_close(
        actor=consultant,
        consultation=assigned_case,
        outcome=services.OutcomeData(
            help_types=["sparring"],
            time_spent_minutes=60,
            referred_to=["RED Rådgivning"],
            escalations=["underretning"],
            note="Skolen underretter.",
        ),
        now=MONDAY_10 + timedelta(days=2),
    )


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2028, 3, 4, 12, 0, tzinfo=COPENHAGEN), 24, datetime(2026, 3, 4, 12, 0)),
        (datetime(2026, 3, 31, 8, 0, tzinfo=COPENHAGEN), 1, datetime(2026, 2, 28, 8, 0)),
        (datetime(2028, 2, 29, 8, 0, tzinfo=COPENHAGEN), 12, datetime(2027, 2, 28, 8, 0)),
        (datetime(2026, 1, 15, 8, 0, tzinfo=COPENHAGEN), 13, datetime(2024, 12, 15, 8, 0)),
    ],
)
def test_months_before(moment: datetime, months: int, expected: datetime) -> None:
    assert services.months_before(moment, months).replace(tzinfo=None) == expected


@pytest.mark.django_db
def test_anonymisation_removes_free_text_and_keeps_figures(
    closed_case: Consultation, professional: User, submit: Callable[..., Consultation]
) -> None:
    still_open = submit()
    closed_at = closed_case.closed_at
    assert closed_at is not None

    assert services.consultations_anonymise(now=closed_at + timedelta(days=700)) == []
    ids = services.consultations_anonymise(now=closed_at + timedelta(days=732))

    assert ids == [closed_case.pk]
    case = Consultation.objects.get(pk=closed_case.pk)
    assert (case.description, case.outcome_note, case.contact_times) == ("", "", "")
    assert case.requester is None
    assert case.anonymised_at is not None
    assert not Message.objects.filter(consultation=case).exists()
    assert not InternalNote.objects.filter(consultation=case).exists()
    meeting = case.meetings.get()
    assert (meeting.place, meeting.video_link) == ("", "")
    # The figures stay.
    assert case.status == Status.CLOSED
    assert (case.help_types, case.urgency, case.concerns) == (["sparring"], "uge", [])
    assert (case.outcome_help_types, case.time_spent_minutes) == (["sparring"], 60)
    assert (case.referred_to, case.escalations) == (["RED Rådgivning"], ["underretning"])
    assert case.requester_administration is not None
    assert case.do_not_contact_family is True
    assert Consultation.objects.get(pk=still_open.pk).description != ""
    assert list(consultation_list_for_requester(user=professional)) == [still_open]

    runs = AuditEntry.objects.filter(action="consultations.retention.run").order_by("id")
    assert [run.details["anonymised"] for run in runs] == [0, 1]
    assert runs.last().details["consultation_ids"] == [closed_case.pk]
    assert runs.last().details["months"] == 24


@pytest.mark.django_db
def test_the_retention_period_is_configurable_and_the_command_is_idempotent(
    closed_case: Consultation, settings
) -> None:
    settings.TILLID_CONSULTATION_RETENTION_MONTHS = 1
    out = StringIO()
    call_command("consultation_retention", stdout=out)
    call_command("consultation_retention", "--months", "1", stdout=out)
    assert "Anonymiserede henvendelser: 1." in out.getvalue()
    assert "Anonymiserede henvendelser: 0." in out.getvalue()
    assert AuditEntry.objects.filter(action="consultations.retention.run").count() == 2
    with pytest.raises(ValueError, match="at least one month"):
        services.consultations_anonymise(months=0)
