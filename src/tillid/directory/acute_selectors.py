"""Acute help: the numbers every acute surface shows at the top, as tap-to-call links.

One selector for the guide's acute answer, the consultation request's "Akut - i dag", the
legislation page's "Når det haster", the citizens' page ``/hjaelp/`` and the risk assessment's
acute step, so that they cannot drift apart. It always holds 112; then the services that answer
the phone right now (from their opening hours as of ``now``); then the social emergency services
(service type ``akut``, e.g. Den Sociale Døgnvagt), which take over outside office hours.

An acute service cannot be published without a phone number (``services.acute_phone_problem``),
so the emergency list is only empty when no acute service exists at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from tillid.directory import hours_text
from tillid.directory.cards import phone_hours_spec, service_hours_spec
from tillid.directory.models import HoursMode, Phone, Service
from tillid.directory.opening_hours import status_at
from tillid.directory.phones import format_danish_phone, tel_uri
from tillid.directory.selectors import service_queryset_public

ACUTE_TYPE = "akut"
EMERGENCY_NUMBER = "112"
# Phones one can call (an SMS-only line is no help when it is urgent).
CALLABLE_TYPES = frozenset({Phone.PhoneType.VOICE, Phone.PhoneType.CELL})
AUDIENCES = {"professionals", "citizens"}
# At most this many "open now" services, so the numbers stay above the fold on a phone.
MAX_OPEN_NOW = 2


@dataclass(frozen=True)
class AcuteNumber:
    name: str  # who answers: "Alarmcentralen", "LOKK's rådgivning"
    number: str  # "70 20 30 82"
    tel: str  # "tel:+4570203082"
    label: str  # the phone's own label, e.g. "Eksempelnummer - ..."
    status: str  # "Åben nu · lukker kl. 16", "Døgnåben"
    is_verified: bool
    url: str = ""  # the service's page; "" for 112


@dataclass(frozen=True)
class AcuteHelp:
    emergency: AcuteNumber
    open_now: tuple[AcuteNumber, ...]
    after_hours: tuple[AcuteNumber, ...]

    @property
    def numbers(self) -> tuple[AcuteNumber, ...]:
        return (self.emergency, *self.open_now, *self.after_hours)


def _emergency() -> AcuteNumber:
    return AcuteNumber(
        name=gettext("Alarmcentralen – når nogen er i fare"),
        number=EMERGENCY_NUMBER,
        tel=tel_uri(EMERGENCY_NUMBER),
        label="",
        status=gettext("Døgnåben"),
        is_verified=True,
    )


def _callable_now(service: Service, now: datetime) -> list[tuple[Phone, str]]:
    """The service's callable phones that answer at ``now``, with a status line."""
    service_status = status_at(service_hours_spec(service), now)
    found = []
    for phone in service.phones.all():
        if phone.type not in CALLABLE_TYPES:
            continue
        spec = phone_hours_spec(phone, service)
        status = status_at(spec, now) if spec else service_status
        if status.is_open:
            found.append((phone, hours_text.status_text(status)))
    return found


def _number(service: Service, phone: Phone, status: str) -> AcuteNumber:
    return AcuteNumber(
        name=service.name,
        number=format_danish_phone(phone.number),
        tel=tel_uri(phone.number),
        label=phone.label,
        status=status,
        is_verified=phone.is_verified,
        url=reverse("directory:service", kwargs={"slug": service.slug}),
    )


def acute_help(*, now: datetime, audience: str = "professionals") -> AcuteHelp:
    """112, the services open now for ``audience`` and the emergency services, as of ``now``.

    Only active services appear; on the citizens' page (``audience="citizens"``) only services
    open to citizens. The emergency services are shown whatever their hours: they are the ones
    to call when everything else is closed, and their hours are often "uden for kommunens
    åbningstid", which the directory cannot compute.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    services = service_queryset_public(today=timezone.localdate(now)).filter(
        Q(for_citizens=True) if audience == "citizens" else Q(for_professionals=True)
    )
    open_now: list[tuple[tuple[bool, str], AcuteNumber]] = []
    after_hours: list[AcuteNumber] = []
    for service in services:
        codes = {term.code for term in service.service_types.all()}
        if ACUTE_TYPE in codes:
            for phone in service.phones.all():
                if phone.type in CALLABLE_TYPES:
                    status = hours_text.status_text(status_at(service_hours_spec(service), now))
                    after_hours.append(_number(service, phone, service.hours_note or status))
            continue
        for phone, status in _callable_now(service, now)[:1]:
            # Services with office hours first (the specialists), then those open round the clock.
            always = service.hours_mode == HoursMode.ALWAYS
            open_now.append(((always, service.name), _number(service, phone, status)))
    open_now.sort(key=lambda item: item[0])
    return AcuteHelp(
        emergency=_emergency(),
        open_now=tuple(number for _key, number in open_now[:MAX_OPEN_NOW]),
        after_hours=tuple(after_hours),
    )
