"""Anonymous evaluations: single-use invitations that cannot be traced to the attendee.

The invitation stores only the SHA-256 of the emailed token and no person; the rows are created
in random order, so their ids do not follow the participant list either. Using the token deletes
the invitation in the same transaction that stores the answer, and the answer holds the session,
a rating, a comment and the day: nothing that points back to a registration. The answer gets a
random key and a random place among the session's answers (``core.anonymous``). Answers are not
written to the audit trail for the same reason: its timestamp would date each answer to the
second.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tillid.accounts.models import User
from tillid.core import audit, clock
from tillid.core.anonymous import create_unlinkable
from tillid.core.cpr import contains_cpr
from tillid.courses import tokens
from tillid.courses.models import (
    CourseSession,
    EvaluationInvitation,
    EvaluationResponse,
    Registration,
)
from tillid.courses.services import notifications
from tillid.courses.services.errors import CourseActionRefusedError, require_course_administrator
from tillid.courses.services.locking import locked_session

# Answers are accepted for this long after the session ends.
EVALUATION_OPEN_FOR = timedelta(days=30)


def evaluation_invite_attendees(
    *, session_id: int, actor: User | None, now: datetime | None = None
) -> int:
    """Mail an evaluation link to each attendee not invited yet; return how many were invited.

    Only after the session has ended, and never twice to the same attendee. ``actor`` is a
    course administrator (refused otherwise, ``NotPermittedError``) or None for the scheduler.
    """
    if actor is not None:
        require_course_administrator(actor)
    now = now or clock.now()
    with locked_session(session_id) as session:
        if session.status == CourseSession.Status.CANCELLED:
            raise CourseActionRefusedError(_("Holdet er aflyst."), code="cancelled")
        if now < session.ends_at:
            raise CourseActionRefusedError(
                _("Evalueringen kan først sendes, når holdet er slut."), code="too_early"
            )
        attendees = list(
            Registration.objects.filter(
                session=session,
                status=Registration.Status.ATTENDED,
                evaluation_invited_at__isnull=True,
            )
        )
        if not attendees:
            return 0
        pairs = [tokens.new_evaluation_token() for _attendee in attendees]
        hashes = [token_hash for _token, token_hash in pairs]
        random.shuffle(hashes)
        EvaluationInvitation.objects.bulk_create(
            EvaluationInvitation(session=session, token_hash=token_hash) for token_hash in hashes
        )
        for registration, (token, _token_hash) in zip(attendees, pairs, strict=True):
            registration.session = session
            registration.evaluation_invited_at = now
            registration.save(update_fields=["evaluation_invited_at"])
            notifications.evaluation_invitation(registration, token=token)
        audit.record(
            actor=actor,
            action="courses.evaluation.invited",
            target=session,
            invited=len(attendees),
        )
    return len(attendees)


def evaluation_session_for_token(*, token: str, now: datetime | None = None) -> CourseSession:
    """The session an unused, unexpired evaluation token belongs to."""
    now = now or clock.now()
    invitation = (
        EvaluationInvitation.objects.select_related("session__course")
        .filter(token_hash=tokens.evaluation_token_hash(token))
        .first()
    )
    if invitation is None:
        raise CourseActionRefusedError(
            _("Linket er ugyldigt, eller evalueringen er allerede besvaret."), code="bad_link"
        )
    if now > invitation.session.ends_at + EVALUATION_OPEN_FOR:
        raise CourseActionRefusedError(_("Evalueringen er lukket."), code="expired")
    return invitation.session


def evaluation_submit(
    *, token: str, rating: int, comment: str = "", now: datetime | None = None
) -> EvaluationResponse:
    """Store an anonymous answer and use up the token; a second use is refused."""
    now = now or clock.now()
    if rating not in range(1, 6):
        raise CourseActionRefusedError(_("Vælg en vurdering fra 1 til 5."), code="rating")
    if contains_cpr(comment):
        raise CourseActionRefusedError(
            _("Skriv ikke CPR-numre i evalueringen. Fjern nummeret og prøv igen."), code="cpr"
        )
    with transaction.atomic():
        session = evaluation_session_for_token(token=token, now=now)
        # One DELETE statement: of two simultaneous submits, exactly one deletes the row (the
        # other waits on its row lock, or on SQLite's write lock, and then deletes nothing).
        deleted, _rows = EvaluationInvitation.objects.filter(
            token_hash=tokens.evaluation_token_hash(token)
        ).delete()
        if not deleted:
            raise CourseActionRefusedError(
                _("Linket er ugyldigt, eller evalueringen er allerede besvaret."), code="bad_link"
            )
        return create_unlinkable(
            EvaluationResponse,
            group={"session": session},
            content={
                "rating": rating,
                "comment": comment.strip(),
                "submitted_on": timezone.localdate(now),
            },
        )
