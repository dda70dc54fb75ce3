"""The consultants' side: assignment, status, notes, messages, meetings, risk, closing.

Every service locks the case row, checks that ``actor`` may work on it (a consultant of its team
or its assignee; ``NotPermittedError`` otherwise), writes, audits in the same transaction and
queues any mail (a link only) to go after commit.

The *first response* is the first thing the professional sees happen: a message, a meeting, the
status "i gang" or "venter på fagpersonen", or closing. Assignment alone is internal and does not
count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils.translation import gettext as _

from tillid.accounts.roles import Role
from tillid.consultations.models import (
    Consultation,
    Escalation,
    HelpType,
    InternalNote,
    Meeting,
    Message,
    Status,
)
from tillid.consultations.selectors import may_work_on, user_is_team_member
from tillid.consultations.services.errors import (
    AssignmentConflictError,
    ConsultationClosedError,
    NotAssignedError,
    NotATeamConsultantError,
)
from tillid.consultations.services.notifications import case_url, notify, request_url
from tillid.consultations.services.text import LONG_TEXT, SHORT_TEXT, clean_text
from tillid.core import audit, clock
from tillid.core.refusals import ActionRefusedError, NotPermittedError
from tillid.risk import selectors as risk_selectors
from tillid.risk import services as risk_services

# Statuses a consultant sets by hand ("ny" belongs to unassigned cases, "afsluttet" to closing).
MANUAL_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING)
RESPONSE_STATUSES = (Status.IN_PROGRESS, Status.WAITING)
MAX_MINUTES = 100_000
MAX_MEETING_MINUTES = 24 * 60


def _locked(actor: Any, consultation: Consultation) -> Consultation:
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not may_work_on(user=actor, consultation=locked):
        raise NotPermittedError
    return locked


def _closed_refusal() -> ConsultationClosedError:
    return ConsultationClosedError(
        _("Sagen er afsluttet. Genåbn den (skift status), hvis der skal arbejdes videre med den.")
    )


def _mark_first_response(case: Consultation, now: datetime) -> list[str]:
    if case.first_response_at is None:
        case.first_response_at = now
        return ["first_response_at"]
    return []


def consultation_assign(
    *,
    actor: Any,
    consultation: Consultation,
    assignee: Any,
    expected_assignee_id: int | None,
    now: datetime | None = None,
) -> Consultation:
    """Give the case to ``assignee`` (the actor or a colleague), if nobody changed the
    assignment since the actor's page showed ``expected_assignee_id``.

    When two consultants assign at the same moment, one wins; the other gets
    ``AssignmentConflictError`` naming the new assignee, and nothing of theirs is written.
    Refuses anyone but an active consultant of the case's team (``NotATeamConsultantError``).
    """
    now = now or clock.now()
    with transaction.atomic():
        locked = _locked(actor, consultation)
        if locked.is_closed:
            raise _closed_refusal()
        if assignee is None or not user_is_team_member(user=assignee, team=locked.team):
            raise NotATeamConsultantError
        claimed = Consultation.objects.filter(
            pk=locked.pk, assigned_to_id=expected_assignee_id
        ).update(
            assigned_to=assignee,
            assigned_at=now,
            status=Case(
                When(status=Status.NEW, then=Value(Status.ASSIGNED.value)), default=F("status")
            ),
            updated_at=now,
        )
        if not claimed:
            current = Consultation.objects.select_related("assigned_to").get(pk=locked.pk)
            raise AssignmentConflictError(current.assigned_to.name if current.assigned_to else "")
        audit.record(
            actor=actor,
            action="consultations.consultation.assigned",
            target=locked,
            assignee_id=assignee.pk,
            previous_assignee_id=expected_assignee_id,
        )
        if assignee.pk != actor.pk:
            notify(recipients=[assignee], template="assigned", url=case_url(locked.pk))
    locked.refresh_from_db()
    return locked


def consultation_set_status(
    *, actor: Any, consultation: Consultation, status: str, now: datetime | None = None
) -> Consultation:
    """Move an assigned case to "tildelt", "i gang" or "venter på fagpersonen"; on a closed
    case this reopens it. "Venter på fagpersonen" tells the professional by mail (a link)."""
    if status not in MANUAL_STATUSES:
        raise ValidationError({"status": _("Vælg en gyldig status.")})
    now = now or clock.now()
    with transaction.atomic():
        locked = _locked(actor, consultation)
        if locked.assigned_to_id is None:
            raise NotAssignedError
        previous = locked.status
        if previous == status:
            return locked
        locked.status = status
        locked.closed_at = None
        fields = ["status", "closed_at", "updated_at"]
        if status in RESPONSE_STATUSES:
            fields += _mark_first_response(locked, now)
        locked.save(update_fields=fields)
        audit.record(
            actor=actor,
            action="consultations.consultation.status_changed",
            target=locked,
            previous=previous,
            status=status,
        )
        if status == Status.WAITING:
            notify(recipients=[locked.requester], template="waiting", url=request_url(locked.pk))
    return locked


def note_add(
    *, actor: Any, consultation: Consultation, body: str, now: datetime | None = None
) -> InternalNote:
    """An internal note (encrypted; never shown to the professional). Allowed on closed cases
    too, so that what happened afterwards can still be written down."""
    text = clean_text(body, "body", required=True, max_length=LONG_TEXT)
    with transaction.atomic():
        locked = _locked(actor, consultation)
        note = InternalNote.objects.create(
            consultation=locked, author=actor, body=text, created_at=now or clock.now()
        )
        audit.record(actor=actor, action="consultations.note.added", target=locked, note_id=note.pk)
    return note


def message_to_requester(
    *, actor: Any, consultation: Consultation, body: str, now: datetime | None = None
) -> Message:
    """A message to the professional in the secure thread; the mail says only that there is a
    new message. Refused on a closed case (``ConsultationClosedError``)."""
    text = clean_text(body, "body", required=True, max_length=LONG_TEXT)
    now = now or clock.now()
    with transaction.atomic():
        locked = _locked(actor, consultation)
        if locked.is_closed:
            raise ConsultationClosedError
        message = Message.objects.create(
            consultation=locked, author=actor, from_consultant=True, body=text, created_at=now
        )
        fields = _mark_first_response(locked, now)
        if fields:
            locked.save(update_fields=[*fields, "updated_at"])
        audit.record(
            actor=actor,
            action="consultations.message.sent",
            target=locked,
            message_id=message.pk,
            direction="to_professional",
        )
        notify(recipients=[locked.requester], template="new_message", url=request_url(locked.pk))
    return message


@dataclass(frozen=True)
class MeetingData:
    starts_at: datetime
    duration_minutes: int = 60
    place: str = ""
    video_link: str = ""


def meeting_plan(
    *, actor: Any, consultation: Consultation, data: MeetingData, now: datetime | None = None
) -> Meeting:
    """A meeting with the professional: a time and a place or an https video link."""
    place = clean_text(data.place, "place", required=False, max_length=SHORT_TEXT)
    link = clean_text(data.video_link, "video_link", required=False, max_length=500)
    errors: dict[str, list[str]] = {}
    if not place and not link:
        errors["place"] = [_("Skriv et sted eller et link til videomødet.")]
    if link and (urlparse(link).scheme != "https" or not urlparse(link).netloc):
        errors["video_link"] = [_("Linket skal begynde med https://.")]
    if not 1 <= data.duration_minutes <= MAX_MEETING_MINUTES:
        errors["duration_minutes"] = [_("Skriv en varighed i minutter.")]
    if errors:
        raise ValidationError(errors)
    now = now or clock.now()
    with transaction.atomic():
        locked = _locked(actor, consultation)
        if locked.is_closed:
            raise ConsultationClosedError
        meeting = Meeting.objects.create(
            consultation=locked,
            starts_at=data.starts_at,
            duration_minutes=data.duration_minutes,
            place=place,
            video_link=link,
            created_by=actor,
            created_at=now,
        )
        fields = _mark_first_response(locked, now)
        if fields:
            locked.save(update_fields=[*fields, "updated_at"])
        audit.record(
            actor=actor,
            action="consultations.meeting.planned",
            target=locked,
            meeting_id=meeting.pk,
        )
        notify(recipients=[locked.requester], template="meeting", url=request_url(locked.pk))
    return meeting


@dataclass(frozen=True)
class OutcomeData:
    help_types: list[str]
    time_spent_minutes: int
    referred_to: list[str] = field(default_factory=list)
    escalations: list[str] = field(default_factory=list)
    note: str = ""


def _validate_outcome(outcome: OutcomeData) -> tuple[list[str], str]:
    errors: dict[str, list[str]] = {}
    if not outcome.help_types or any(code not in HelpType.values for code in outcome.help_types):
        errors["help_types"] = [_("Vælg den hjælp, der blev givet.")]
    if any(code not in Escalation.values for code in outcome.escalations):
        errors["escalations"] = [_("Vælg et af svarene.")]
    if not 0 <= outcome.time_spent_minutes <= MAX_MINUTES:
        errors["time_spent_minutes"] = [_("Skriv tidsforbruget i minutter.")]
    referred: list[str] = []
    for name in outcome.referred_to:
        try:
            referred.append(clean_text(name, "referred_to", required=True, max_length=SHORT_TEXT))
        except ValidationError as error:
            errors.setdefault("referred_to", []).extend(error.message_dict["referred_to"])
    try:
        note = clean_text(outcome.note, "note", required=False, max_length=LONG_TEXT)
    except ValidationError as error:
        errors["note"] = error.message_dict["note"]
        note = ""
    if errors:
        raise ValidationError(errors)
    return referred, note


def consultation_close(
    *, actor: Any, consultation: Consultation, outcome: OutcomeData, now: datetime | None = None
) -> Consultation:
    """Close the case with its outcome: the help given, time spent, referrals and escalations.
    The professional is told by mail (a link) and asked for an anonymous rating."""
    referred, note = _validate_outcome(outcome)
    now = now or clock.now()
    with transaction.atomic():
        locked = _locked(actor, consultation)
        if locked.is_closed:
            raise ConsultationClosedError(_("Sagen er allerede afsluttet."))
        locked.status = Status.CLOSED
        locked.closed_at = now
        locked.outcome_help_types = list(dict.fromkeys(outcome.help_types))
        locked.time_spent_minutes = outcome.time_spent_minutes
        locked.referred_to = list(dict.fromkeys(referred))
        locked.escalations = list(dict.fromkeys(outcome.escalations))
        locked.outcome_note = note
        fields = [
            "status",
            "closed_at",
            "outcome_help_types",
            "time_spent_minutes",
            "referred_to",
            "escalations",
            "outcome_note",
            "updated_at",
            *_mark_first_response(locked, now),
        ]
        locked.save(update_fields=fields)
        audit.record(
            actor=actor,
            action="consultations.consultation.closed",
            target=locked,
            help_types=locked.outcome_help_types,
            time_spent_minutes=locked.time_spent_minutes,
            escalations=locked.escalations,
            referrals=len(locked.referred_to),
        )
        notify(recipients=[locked.requester], template="closed", url=request_url(locked.pk))
    return locked


def risk_assessment_start(*, actor: Any, consultation: Consultation, age_group: str) -> Any:
    """Start a risk assessment for the citizen of this case (the risk app's draft, authored by
    ``actor``). The consultants of the case's team hold it (``risk.access`` rule 2); its requester
    reads a finalised one once it is shared."""
    with transaction.atomic():
        locked = _locked(actor, consultation)
        if locked.is_closed:
            raise _closed_refusal()
        assessment = risk_services.assessment_start_for_context(
            actor=actor,
            context=locked,
            readers_unit=locked.team.org_unit,
            readers_role=Role.CONSULTANT,
            age_group=age_group,
        )
        audit.record(
            actor=actor,
            action="consultations.consultation.risk_assessment_started",
            target=locked,
            assessment_id=assessment.pk,
        )
    return assessment


def risk_share_set(*, actor: Any, consultation: Consultation, shared: bool) -> Consultation:
    """Share the case's newest finalised risk assessment read-only with the professional who
    asked, or end every share of the case's assessments with them (``risk.access`` rule 3).
    Refused (``ActionRefusedError``) when there is no finalised assessment to share."""
    with transaction.atomic():
        locked = _locked(actor, consultation)
        subject = risk_selectors.subject_for_context(context=locked)
        if shared:
            latest = (
                risk_selectors.assessment_latest_for_subject(user=actor, subject=subject)
                if subject
                else None
            )
            if latest is None:
                raise ActionRefusedError(
                    _("Der er ingen afsluttet risikovurdering i sagen at dele."), code="no_final"
                )
            if locked.requester is None:
                raise ActionRefusedError(_("Fagpersonen er ikke længere knyttet til sagen."))
            risk_services.assessment_share(actor=actor, assessment=latest, reader=locked.requester)
        elif subject is not None and locked.requester is not None:
            risk_services.subject_shares_end(actor=actor, subject=subject, reader=locked.requester)
        if locked.risk_shared_with_requester != shared:
            locked.risk_shared_with_requester = shared
            locked.save(update_fields=["risk_shared_with_requester", "updated_at"])
            audit.record(
                actor=actor,
                action="consultations.consultation.risk_shared"
                if shared
                else "consultations.consultation.risk_unshared",
                target=locked,
            )
    return locked


def messages_mark_read_by_team(
    *, actor: Any, consultation: Consultation, now: datetime | None = None
) -> int:
    """Mark the professional's messages read once a consultant has opened the case. Refused
    (``NotPermittedError``) for anyone who may not work on the case."""
    if not may_work_on(user=actor, consultation=consultation):
        raise NotPermittedError
    if not any(not m.from_consultant and m.read_at is None for m in consultation.messages.all()):
        return 0
    return Message.objects.filter(
        consultation=consultation, from_consultant=False, read_at__isnull=True
    ).update(read_at=now or clock.now())
