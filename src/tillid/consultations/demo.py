"""Demo data: the consultant team, the eligible administrations, and three fictional requests.

Development only (``load_demo`` refuses production). Everything is invented and anonymised: no
names, no CPR numbers. Idempotent: each request has a fixed submission token and is made once.
The requests go through the services, so deadlines, audit entries and (content-free) mails are
exactly what real use makes.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import transaction

from tillid.accounts.models import OrgUnit, User
from tillid.consultations import services
from tillid.consultations.models import (
    Concern,
    Consent,
    Consultation,
    ContactChannel,
    EligibleUnit,
    HelpType,
    Scope,
    Status,
    Team,
    Urgency,
)
from tillid.core import clock

TEAM_UNIT = "Etnisk Konsulentteam"
ELIGIBLE_ADMINISTRATIONS = ["Socialforvaltningen", "Børne- og Ungdomsforvaltningen"]
DEMO_PROFESSIONAL = "fagperson@tillid.example"
DEMO_CONSULTANT = "konsulent@tillid.example"
NAMESPACE = uuid.UUID("9c1d7a52-5f7e-4b0c-9a54-2a1f0c6d8e11")


def _token(name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, name)


def _team() -> Team | None:
    unit = OrgUnit.objects.filter(name=TEAM_UNIT).first()
    if unit is None:
        return None
    lead = User.objects.filter(email=DEMO_CONSULTANT).first()
    team, _created = Team.objects.get_or_create(
        org_unit=unit,
        defaults={"name": TEAM_UNIT, "lead": lead, "directory_slug": "etnisk-konsulentteam"},
    )
    return team


def _acute(professional: User, consultant: User) -> None:
    token = _token("acute")
    if Consultation.objects.filter(submission_token=token).exists():
        return
    received = clock.now() - timedelta(days=1)
    case, _created = services.consultation_submit(
        actor=professional,
        token=token,
        now=received,
        data=services.RequestData(
            help_types=[HelpType.SPARRING, HelpType.RISK_ASSESSMENT],
            urgency=Urgency.ACUTE,
            contact_channel=ContactChannel.PHONE,
            contact_phone="33 66 33 66",
            contact_times="Hele dagen",
            scope=Scope.CASE,
            consent=Consent.ANONYMOUS,
            age_group="ung",
            gender="pige_kvinde",
            concerns=[Concern.FORCED_MARRIAGE, Concern.RESTRICTED_MOVEMENT, Concern.THREATS],
            description=(
                "Demo (opdigtet): En elev på 16 år fortæller, at hun skal giftes i sommerferien "
                "med en fætter i udlandet. Hun må ikke gå til fritidsaktiviteter længere, og hun "
                "er bange for, hvad der sker, hvis familien opdager, at hun har fortalt det."
            ),
            do_not_contact_family=True,
        ),
    )
    services.consultation_assign(
        actor=consultant,
        consultation=case,
        assignee=consultant,
        expected_assignee_id=None,
        now=received + timedelta(minutes=20),
    )
    services.message_to_requester(
        actor=consultant,
        consultation=case,
        body=(
            "Tak for din henvendelse. Kontakt ikke familien. Jeg ringer til dig i dag kl. 14, "
            "så vi kan tale om, hvordan eleven kan være tryg, og om der skal laves en "
            "underretning."
        ),
        now=received + timedelta(minutes=30),
    )
    services.consultation_set_status(actor=consultant, consultation=case, status=Status.IN_PROGRESS)


def _teaching(professional: User) -> None:
    token = _token("teaching")
    if Consultation.objects.filter(submission_token=token).exists():
        return
    services.consultation_submit(
        actor=professional,
        token=token,
        data=services.RequestData(
            help_types=[HelpType.TEACHING],
            urgency=Urgency.NOT_URGENT,
            contact_channel=ContactChannel.MESSAGE,
            teaching_group="Lærere og pædagoger i indskolingen (demo)",
            teaching_size=25,
            teaching_dates="Et personalemøde i efteråret, gerne en onsdag",
            teaching_venue="Skolens personalerum",
        ),
    )


def _overdue_question(professional: User) -> None:
    token = _token("general")
    if Consultation.objects.filter(submission_token=token).exists():
        return
    services.consultation_submit(
        actor=professional,
        token=token,
        now=clock.now() - timedelta(days=6),
        data=services.RequestData(
            help_types=[HelpType.ADVICE],
            urgency=Urgency.WEEK,
            contact_channel=ContactChannel.MESSAGE,
            scope=Scope.GENERAL,
            concerns=[Concern.DIGITAL_CONTROL],
            description=(
                "Demo (opdigtet): Flere elever i udskolingen fortæller, at deres telefoner bliver "
                "tjekket derhjemme. Hvordan kan vi tale med klassen om digital kontrol?"
            ),
        ),
    )


@transaction.atomic
def load() -> list[str]:
    team = _team()
    for name in ELIGIBLE_ADMINISTRATIONS:
        unit = OrgUnit.objects.filter(name=name, parent__isnull=True).first()
        if unit is not None:
            EligibleUnit.objects.get_or_create(org_unit=unit)
    professional = User.objects.filter(email=DEMO_PROFESSIONAL).first()
    consultant = User.objects.filter(email=DEMO_CONSULTANT).first()
    if team is None or professional is None or consultant is None:
        return ["", "Konsultationer: demoenhederne mangler; indlæs kontoernes demodata først."]
    _acute(professional, consultant)
    _teaching(professional)
    _overdue_question(professional)
    count = Consultation.objects.filter(requester=professional).count()
    return [
        "",
        f"Konsultationer: {team.name} modtager henvendelser fra "
        f"{', '.join(ELIGIBLE_ADMINISTRATIONS)}; {count} opdigtede demohenvendelser.",
    ]
