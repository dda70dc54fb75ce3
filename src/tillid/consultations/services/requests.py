"""The professional's side: submitting a request, writing to the team, rating the help."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillid.accounts.roles import Role, has_role
from tillid.consultations.deadlines import first_response_due
from tillid.consultations.models import (
    AgeGroup,
    Concern,
    Consent,
    Consultation,
    ContactChannel,
    Gender,
    HelpType,
    Message,
    Rating,
    Scope,
    Status,
    Urgency,
)
from tillid.consultations.selectors import (
    administration_of,
    team_for_requests,
    team_members,
    user_is_eligible,
)
from tillid.consultations.services.errors import (
    ConsultationClosedError,
    NoTeamError,
    NotEligibleError,
)
from tillid.consultations.services.notifications import case_url, notify
from tillid.consultations.services.text import LONG_TEXT, SHORT_TEXT, clean_text
from tillid.core import audit, clock
from tillid.core.anonymous import create_unlinkable
from tillid.core.refusals import NotPermittedError

RATING_COMMENT_MAX = 500
TEACHING_SIZE_MAX = 1000


@dataclass(frozen=True)
class RequestData:
    """What the request form collects. ``validate_request`` decides what is required."""

    help_types: list[str]
    urgency: str
    contact_channel: str
    scope: str = ""
    age_group: str = ""
    gender: str = ""
    concerns: list[str] = field(default_factory=list)
    description: str = ""
    consent: str = ""
    do_not_contact_family: bool = False
    contact_times: str = ""
    contact_phone: str = ""
    teaching_group: str = ""
    teaching_size: int | None = None
    teaching_dates: str = ""
    teaching_venue: str = ""


def _is_professional(user: Any) -> bool:
    return has_role(user, Role.PROFESSIONAL)


def _choice(errors: dict[str, list[str]], name: str, value: str, values: list[str]) -> None:
    if value and value not in values:
        errors.setdefault(name, []).append(_("Vælg et af svarene."))


def validate_request(data: RequestData) -> RequestData:
    """The rules of a request; returns the cleaned data or raises ``ValidationError`` keyed by
    field name, listing every problem at once.

    - at least one kind of help; a teaching request needs group, size and date wishes instead
      of the case questions;
    - any other request says whether it is about a specific case or a general question, and
      describes it; a specific case says whether the citizen consents or the sparring is
      anonymous (anonymous sparring is always possible);
    - a phone number when the professional wants to be called;
    - no CPR number in any text (the description must be anonymised).
    """
    errors: dict[str, list[str]] = {}
    help_types = list(dict.fromkeys(data.help_types))
    if not help_types:
        errors["help_types"] = [_("Vælg mindst én slags hjælp.")]
    for code in help_types:
        _choice(errors, "help_types", code, HelpType.values)
    if data.urgency not in Urgency.values:
        errors["urgency"] = [_("Vælg, hvor hurtigt du har brug for svar.")]
    if data.contact_channel not in ContactChannel.values:
        errors["contact_channel"] = [_("Vælg, hvordan du helst vil kontaktes.")]
    _choice(errors, "age_group", data.age_group, AgeGroup.values)
    _choice(errors, "gender", data.gender, Gender.values)
    for code in data.concerns:
        _choice(errors, "concerns", code, Concern.values)
    _choice(errors, "scope", data.scope, Scope.values)
    _choice(errors, "consent", data.consent, Consent.values)

    teaching = HelpType.TEACHING in help_types
    teaching_only = teaching and len(help_types) == 1
    texts: dict[str, str] = {}
    text_rules = [
        ("description", not teaching_only, LONG_TEXT),
        ("contact_times", False, SHORT_TEXT),
        ("contact_phone", data.contact_channel == ContactChannel.PHONE, 30),
        ("teaching_group", teaching, SHORT_TEXT),
        ("teaching_dates", teaching, SHORT_TEXT),
        ("teaching_venue", False, SHORT_TEXT),
    ]
    for name, required, max_length in text_rules:
        try:
            texts[name] = clean_text(
                getattr(data, name), name, required=required, max_length=max_length
            )
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.message_dict[name])
    if texts.get("contact_phone") and not _looks_like_phone(texts["contact_phone"]):
        errors.setdefault("contact_phone", []).append(
            _("Skriv et telefonnummer med cifre, f.eks. 33 66 33 66.")
        )
    if not teaching_only and not data.scope:
        errors.setdefault("scope", []).append(
            _("Vælg, om det handler om en konkret sag eller et generelt spørgsmål.")
        )
    if not teaching_only and data.scope == Scope.CASE and not data.consent:
        errors.setdefault("consent", []).append(
            _("Vælg, om borgeren har givet samtykke, eller om du beder om anonym sparring.")
        )
    if teaching and (
        data.teaching_size is None or not 1 <= data.teaching_size <= TEACHING_SIZE_MAX
    ):
        errors.setdefault("teaching_size", []).append(
            _("Skriv, hvor mange der ca. skal undervises (1–%(max)d).") % {"max": TEACHING_SIZE_MAX}
        )
    if errors:
        raise ValidationError(errors)
    case_questions = not teaching_only
    return replace(
        data,
        help_types=help_types,
        scope=data.scope if case_questions else "",
        consent=data.consent if case_questions and data.scope == Scope.CASE else "",
        concerns=list(dict.fromkeys(data.concerns)) if case_questions else [],
        age_group=data.age_group if case_questions else "",
        gender=data.gender if case_questions else "",
        description=texts["description"],
        contact_times=texts["contact_times"],
        contact_phone=texts["contact_phone"],
        teaching_group=texts["teaching_group"] if teaching else "",
        teaching_size=data.teaching_size if teaching else None,
        teaching_dates=texts["teaching_dates"] if teaching else "",
        teaching_venue=texts["teaching_venue"] if teaching else "",
    )


def _looks_like_phone(value: str) -> bool:
    digits = [character for character in value if character.isdigit()]
    return 8 <= len(digits) <= 15 and all(c.isdigit() or c in " +-()" for c in value)


def consultation_submit(
    *, actor: Any, token: uuid.UUID, data: RequestData, now: datetime | None = None
) -> tuple[Consultation, bool]:
    """Save a request as a new case in the team's queue; returns it and whether it is new.

    Idempotent per form: the form's ``token`` makes one case however often it is sent (a
    double click, a reload, two tabs); a repeat returns the first case with ``False``.
    Refuses users without the professional role (``NotPermittedError``), professionals outside
    the eligible units (``NotEligibleError``), and invalid data (``ValidationError``).
    An acute request tells the team's consultants by mail (a link, no content).
    """
    if not _is_professional(actor):
        raise NotPermittedError
    existing = Consultation.objects.filter(submission_token=token).first()
    if existing is not None:
        if existing.requester_id != actor.pk:
            raise NotPermittedError
        return existing, False
    if not user_is_eligible(user=actor):
        raise NotEligibleError
    team = team_for_requests()
    if team is None:
        raise NoTeamError
    cleaned = validate_request(data)
    now = now or clock.now()
    try:
        with transaction.atomic():
            consultation = Consultation.objects.create(
                team=team,
                requester=actor,
                requester_administration=administration_of(unit=actor.org_unit),
                submission_token=token,
                help_types=cleaned.help_types,
                scope=cleaned.scope,
                urgency=cleaned.urgency,
                age_group=cleaned.age_group,
                gender=cleaned.gender,
                concerns=cleaned.concerns,
                description=cleaned.description,
                consent=cleaned.consent,
                do_not_contact_family=cleaned.do_not_contact_family,
                contact_channel=cleaned.contact_channel,
                contact_times=cleaned.contact_times,
                contact_phone=cleaned.contact_phone,
                teaching_group=cleaned.teaching_group,
                teaching_size=cleaned.teaching_size,
                teaching_dates=cleaned.teaching_dates,
                teaching_venue=cleaned.teaching_venue,
                created_at=now,
                first_response_due=first_response_due(received_at=now, urgency=cleaned.urgency),
            )
            audit.record(
                actor=actor,
                action="consultations.consultation.submitted",
                target=consultation,
                urgency=consultation.urgency,
                help_types=consultation.help_types,
                do_not_contact_family=consultation.do_not_contact_family,
            )
            if consultation.is_acute:
                notify(
                    recipients=team_members(team=team),
                    template="acute_request",
                    url=case_url(consultation.pk),
                )
    except IntegrityError:
        # The same form sent twice at the same moment: the other request made the case.
        existing = Consultation.objects.filter(submission_token=token, requester=actor).first()
        if existing is None:
            raise
        return existing, False
    return consultation, True


def _locked_own_case(actor: Any, consultation: Consultation) -> Consultation:
    if not _is_professional(actor) or consultation.requester_id != actor.pk:
        raise NotPermittedError
    # "of": PostgreSQL cannot lock the nullable side of the join to the assignee.
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("assigned_to")
        .get(pk=consultation.pk)
    )


def message_from_requester(
    *, actor: Any, consultation: Consultation, body: str, now: datetime | None = None
) -> Message:
    """The professional writes to the team or adds information. Refused on a closed case
    (``ConsultationClosedError``; nothing is stored, the caller keeps the text on the page).
    A case waiting for the professional goes back to "in progress"; the assigned consultant
    gets a mail saying there is a new message (no content)."""
    text = clean_text(body, "body", required=True, max_length=LONG_TEXT)
    now = now or clock.now()
    with transaction.atomic():
        locked = _locked_own_case(actor, consultation)
        if locked.is_closed:
            raise ConsultationClosedError
        message = Message.objects.create(
            consultation=locked, author=actor, from_consultant=False, body=text, created_at=now
        )
        if locked.status == Status.WAITING:
            locked.status = Status.IN_PROGRESS
            locked.save(update_fields=["status", "updated_at"])
        audit.record(
            actor=actor,
            action="consultations.message.sent",
            target=locked,
            message_id=message.pk,
            direction="to_team",
        )
        notify(recipients=[locked.assigned_to], template="new_message", url=case_url(locked.pk))
    return message


def rating_give(
    *,
    actor: Any,
    consultation: Consultation,
    score: int,
    comment: str = "",
    now: datetime | None = None,
) -> Rating:
    """The professional's anonymous rating of a closed case's help, once per case.

    The rating is stored without any link to the case or the person, with the month only, under
    a random key and at a random place in the table (``core.anonymous``); the case just remembers
    that it was rated, so the question is not asked again. Nothing is audited: an entry's
    timestamp would date the rating to the second and sit beside the professional's next
    audited page view, which names them and the case.
    """
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Vælg en vurdering fra 1 til 5.")})
    text = clean_text(comment, "comment", required=False, max_length=RATING_COMMENT_MAX)
    now = now or clock.now()
    with transaction.atomic():
        locked = _locked_own_case(actor, consultation)
        if not locked.is_closed:
            raise ValidationError(_("Du kan vurdere hjælpen, når sagen er afsluttet."))
        claimed = Consultation.objects.filter(pk=locked.pk, rating_given=False).update(
            rating_given=True
        )
        if not claimed:
            raise ValidationError(_("Du har allerede vurderet hjælpen i denne sag. Tak!"))
        return create_unlinkable(
            Rating,
            group={"team_id": locked.team_id},
            content={
                "month": timezone.localdate(now).replace(day=1),
                "score": score,
                "comment": text,
            },
        )


def messages_mark_read_by_requester(
    *, actor: Any, consultation: Consultation, now: datetime | None = None
) -> int:
    """Mark the team's messages read once the requester has opened the case. Uses the case's
    prefetched messages to skip the write when nothing is unread. Refused
    (``NotPermittedError``) for anyone but the case's requester."""
    if not _is_professional(actor) or consultation.requester_id != actor.pk:
        raise NotPermittedError
    if not any(m.from_consultant and m.read_at is None for m in consultation.messages.all()):
        return 0
    return Message.objects.filter(
        consultation=consultation, from_consultant=True, read_at__isnull=True
    ).update(read_at=now or clock.now())
