"""Calendar files (RFC 5545): invitations in emails and the public feed of all sessions.

Invitations use one UID per registration, stable for its lifetime, and the session's
``sequence``, which services raise when time or place changes, so calendar programs replace the
earlier version (METHOD:REQUEST) or remove it (METHOD:CANCEL). Times carry TZID
Europe/Copenhagen with a VTIMEZONE for the years involved. A session over several days is one
event repeated daily (RRULE FREQ=DAILY) with the daily hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from tillid.core.calendar import COPENHAGEN
from tillid.core.links import absolute_reverse
from tillid.courses.models import CourseSession, Registration

PRODID = "-//Tillid//Kurser//DA"
UID_DOMAIN = "tillid.kurser"
TZID = "Europe/Copenhagen"

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def registration_uid(registration: Registration) -> str:
    return f"registration-{registration.public_id}@{UID_DOMAIN}"


def session_uid(session: CourseSession) -> str:
    return f"session-{session.uid}@{UID_DOMAIN}"


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _add_timezone(calendar: Calendar, sessions: Iterable[CourseSession]) -> None:
    years = [timezone.localtime(session.starts_at, COPENHAGEN).year for session in sessions]
    if not years:
        return
    calendar.add_component(
        Timezone.from_tzid(
            TZID, first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1)
        )
    )


def _event(session: CourseSession, *, uid: str, sequence: int, now: datetime) -> Event:
    start = timezone.localtime(session.starts_at, COPENHAGEN)
    last_end = timezone.localtime(session.ends_at, COPENHAGEN)
    first_end = datetime.combine(start.date(), last_end.timetz().replace(tzinfo=None), COPENHAGEN)
    if first_end <= start:  # hours that pass midnight: keep the real end
        first_end = last_end
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("sequence", sequence)
    event.add("summary", session.course.title)
    event.add("dtstart", start)
    event.add("dtend", first_end)
    days = session.day_count
    if days > 1 and first_end != last_end:
        event.add("rrule", {"freq": "daily", "count": days})
    event.add("url", absolute_reverse("courses:course", slug=session.course.slug))
    return event


def _organizer(session: CourseSession) -> vCalAddress:
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(session.course.organiser)
    return organizer


def registration_invitation(registration: Registration, *, method: str, now: datetime) -> str:
    """The invitation (``REQUEST``) or its withdrawal (``CANCEL``) for one participant.

    A ``CANCEL`` for a cancelled session uses the session's (already raised) sequence; one for a
    single withdrawn registration is one above it, so it wins over the last invitation.
    """
    session = registration.session
    cancelled_session = session.status == CourseSession.Status.CANCELLED
    sequence = session.sequence + (1 if method == CANCEL and not cancelled_session else 0)
    calendar = _calendar(method)
    event = _event(session, uid=registration_uid(registration), sequence=sequence, now=now)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("organizer", _organizer(session))
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    attendee.params["rsvp"] = vText("FALSE")
    event.add("attendee", attendee)
    venue = " ".join(session.venue.split())
    location = " – ".join(part for part in (venue, session.online_url) if part) or session.place
    event.add("location", location)
    description = [session.course.summary]
    if session.online_url:
        description.append(_("Link til mødet: %(url)s") % {"url": session.online_url})
    event.add("description", "\n\n".join(description))
    calendar.add_component(event)
    _add_timezone(calendar, [session])
    return calendar.to_ical().decode()


def session_feed(sessions: Iterable[CourseSession], *, now: datetime) -> bytes:
    """The public feed: every given session, with the public place only (never the venue)."""
    sessions = list(sessions)
    calendar = _calendar(PUBLISH)
    calendar.add("x-wr-calname", _("Tillid – kurser og workshops"))
    calendar.add("x-wr-timezone", TZID)
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    for session in sessions:
        event = _event(session, uid=session_uid(session), sequence=session.sequence, now=now)
        cancelled = session.status == CourseSession.Status.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("location", session.place)
        event.add("description", session.course.summary)
        calendar.add_component(event)
    _add_timezone(calendar, sessions)
    return calendar.to_ical()
