"""Registration by work email for professionals without an account (double opt-in).

The request stores a pending registration and mails a signed link; only the link's use places it
(a seat or the waiting list), under the session's lock like every other placement, so an address
nobody confirms never holds a seat.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from tillid.core import audit, clock
from tillid.courses import tokens
from tillid.courses.models import Course, Registration
from tillid.courses.services import notifications
from tillid.courses.services.locking import locked_session
from tillid.courses.services.registrations import (
    Placement,
    Status,
    _active_registration,
    _place,
    _queue_state,
    _refuse,
    _refuse_cpr,
    ensure_open_for_registration,
    waiting_position,
)


def municipal_email_domains() -> list[str]:
    return [
        domain.lower().lstrip("@")
        for domain in getattr(settings, "TILLID_MUNICIPAL_EMAIL_DOMAINS", ["kk.dk"])
    ]


def is_municipal_email(email: str) -> bool:
    domain = email.rsplit("@", 1)[-1].lower()
    return any(
        domain == allowed or domain.endswith("." + allowed) for allowed in municipal_email_domains()
    )


def registration_request_external(
    *,
    session_id: int,
    name: str,
    email: str,
    organisation: str,
    needs: str = "",
    language: str = "da",
    now: datetime | None = None,
) -> Registration:
    """Start a registration by work email (double opt-in): store it pending, mail a link.

    The seat (or waiting place) is decided when the link is used (``registration_confirm_email``),
    so an address nobody confirms never holds a seat. A course for the municipality's staff only
    accepts addresses in ``TILLID_MUNICIPAL_EMAIL_DOMAINS``. A pending registration older than
    the link's lifetime is replaced; a fresh one is refused, so one address gets at most one
    confirmation mail per session and day.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise _refuse(_("Skriv en gyldig e-mailadresse."), "email") from None
    _refuse_cpr(name, email, organisation, needs)
    with locked_session(session_id) as session:
        now = now or clock.now()  # read under the lock: arrival order
        ensure_open_for_registration(session, now=now)
        if session.course.eligibility == Course.Eligibility.MUNICIPALITY and not (
            is_municipal_email(email)
        ):
            raise _refuse(
                _(
                    "Kurset er kun for ansatte i %(municipality)s. Tilmeld dig med din "
                    "arbejdsmail (%(domains)s), eller log ind."
                )
                % {
                    "municipality": settings.TILLID_MUNICIPALITY,
                    "domains": ", ".join("@" + domain for domain in municipal_email_domains()),
                },
                "audience",
            )
        existing = _active_registration(session, email)
        if existing is not None:
            stale = existing.status == Status.PENDING and (
                existing.created_at <= now - tokens.CONFIRM_EMAIL_MAX_AGE
            )
            if not stale:
                raise _refuse(
                    _(
                        "Der er allerede en tilmelding til dette hold med den e-mailadresse. "
                        "Se efter vores mail i indbakken."
                    ),
                    "already_registered",
                )
            existing.status = Status.CANCELLED
            existing.cancelled_at = now
            existing.save(update_fields=["status", "cancelled_at"])
            audit.record(actor=None, action="courses.registration.expired", target=existing)
        registration = Registration.objects.create(
            session=session,
            name=name.strip(),
            email=email,
            organisation=organisation.strip(),
            needs=needs.strip(),
            language=language,
            status=Status.PENDING,
            created_at=now,
        )
        audit.record(
            actor=None,
            action="courses.registration.requested",
            target=registration,
            session=session.pk,
        )
        notifications.email_confirmation_requested(registration)
    return registration


def _registration_by_public_id(public_id: uuid.UUID) -> Registration:
    registration = Registration.objects.filter(public_id=public_id).first()
    if registration is None:
        raise _refuse(_("Linket er ugyldigt eller udløbet."), "bad_link")
    return registration


def registration_confirm_email(*, token: str, now: datetime | None = None) -> Placement:
    """Confirm a work-email registration from its emailed link and place it.

    Using the link twice is harmless: the second time returns the placement of the first.
    Refuses a forged, altered or expired link, and a session that no longer takes registrations.
    """
    try:
        public_id = tokens.read_confirm_email_token(token)
    except tokens.BadLinkError:
        raise _refuse(
            _("Linket er ugyldigt eller udløbet. Tilmeld dig igen fra kursets side."), "bad_link"
        ) from None
    found = _registration_by_public_id(public_id)
    with locked_session(found.session_id) as session:
        now = now or clock.now()  # read under the lock: arrival order
        registration = Registration.objects.get(pk=found.pk)
        registration.session = session
        if registration.status == Status.CONFIRMED:
            return Placement(registration)
        if registration.status == Status.WAITING:
            return Placement(registration, waiting_position(registration))
        if registration.status != Status.PENDING:
            raise _refuse(
                _("Tilmeldingen er ikke længere aktiv. Tilmeld dig igen fra kursets side."),
                "bad_link",
            )
        ensure_open_for_registration(session, now=now)
        _already, waiting = _queue_state(session, registration.email)
        placement = _place(session, registration, waiting=waiting, now=now)
        audit.record(
            actor=None,
            action="courses.registration.email_confirmed",
            target=registration,
            session=session.pk,
            status=registration.status,
        )
    return placement
