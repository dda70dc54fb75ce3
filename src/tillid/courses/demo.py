"""Demo courses by Etnisk Konsulentteam and RED Safehouse, with sessions around today.

Development only (``load_demo`` refuses production). Idempotent: a course that exists is left
alone with its sessions. Courses are marked ``is_demo`` and shown with a "Demo" tag; the
participants are fictitious, with addresses under the reserved ``.example`` domain, and are
written directly (no mails are queued for them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from tillid.accounts.models import User
from tillid.core import clock
from tillid.core.calendar import COPENHAGEN, is_working_day
from tillid.courses.models import Course, CourseSession, EvaluationResponse, Registration
from tillid.taxonomy import selectors as taxonomy_selectors

DEMO_PARTICIPANTS = [
    ("Mette Sørensen", "Sundhedsplejen Amager"),
    ("Ali Khan", "Klubben Nørrebro"),
    ("Camilla Jensen", "Demoskolen"),
    ("Yasmin Ahmed", "Børnefamilieenheden"),
    ("Peter Lund", "SSP København"),
    ("Nadia Rahimi", "Jobcenter København"),
    ("Jonas Berg", "Ungdomsskolen"),
    ("Fatma Yilmaz", "Familiehuset Bispebjerg"),
]


@dataclass
class DemoSession:
    days_ahead: int
    start: time
    end: time
    capacity: int
    place: str
    venue: str = ""
    online_url: str = ""
    days: int = 1
    seated: int = 0  # fictitious participants with a seat
    waiting: int = 0
    attended: int = 0  # for a past session: how many came (the rest of ``seated`` did not)
    ratings: list[tuple[int, str]] = field(default_factory=list)
    with_demo_professional: bool = False


@dataclass
class DemoCourse:
    slug: str
    title: str
    kind: str
    summary: str
    description: str
    audience: str
    organiser: str
    eligibility: str
    topics: list[str]
    audiences: list[str]
    sessions: list[DemoSession]


KK = Course.Eligibility.MUNICIPALITY
ANYONE = Course.Eligibility.ANY_PROFESSIONAL
EKT = "Etnisk Konsulentteam, Københavns Kommune"
EKT_VENUE = "Socialforvaltningen, mødelokale 2\nBernstorffsgade 17\n1592 København V"

DEMO_COURSES = [
    DemoCourse(
        slug="introduktion-til-social-kontrol",
        title="Introduktion til social kontrol og æresrelaterede konflikter",
        kind=Course.Kind.COURSE,
        summary=(
            "Hvad er social kontrol, hvordan ser du tegnene, og hvad er dine pligter? En dag med "
            "Etnisk Konsulentteam for nye fagpersoner i kommunen."
        ),
        description=(
            "Kurset giver dig et fælles grundlag for at arbejde med børn, unge og voksne, der er "
            "udsat for social kontrol og æresrelaterede konflikter.\n\n"
            "Vi gennemgår begreberne, tegnene og de typiske forløb, din skærpede "
            "underretningspligt, og hvorfor et barns familie aldrig må inddrages, medmindre "
            "barnet selv ønsker det. Om eftermiddagen arbejder vi med cases fra skole, klub og "
            "sundhedspleje.\n\n"
            "Kurset er gratis for ansatte i Københavns Kommune. Frokost og kaffe er inkluderet."
        ),
        audience=(
            "Lærere, pædagoger, sundhedsplejersker, SSP- og klubmedarbejdere og socialrådgivere "
            "i Københavns Kommune"
        ),
        organiser=EKT,
        eligibility=KK,
        topics=["social-kontrol", "aeresrelaterede-konflikter", "underretning"],
        audiences=["boern", "unge", "voksne"],
        sessions=[
            DemoSession(
                days_ahead=-10,
                start=time(9),
                end=time(15),
                capacity=20,
                place="København V",
                venue=EKT_VENUE,
                seated=7,
                attended=6,
                ratings=[
                    (5, "Meget konkret. Casene fra skolen var særligt brugbare."),
                    (4, "God gennemgang af underretningspligten."),
                    (5, ""),
                    (4, "Gerne mere tid til spørgsmål om digital kontrol."),
                ],
            ),
            DemoSession(
                days_ahead=12,
                start=time(9),
                end=time(15),
                capacity=25,
                place="København V",
                venue=EKT_VENUE,
                seated=5,
                with_demo_professional=True,
            ),
            DemoSession(
                days_ahead=47,
                start=time(9),
                end=time(15),
                capacity=25,
                place="København V",
                venue=EKT_VENUE,
            ),
        ],
    ),
    DemoCourse(
        slug="den-gode-samtale-med-unge",
        title="Workshop: Den gode samtale med unge under social kontrol",
        kind=Course.Kind.WORKSHOP,
        summary=(
            "Øv samtalen, der skaber tillid: hvordan du spørger, lytter og lover det, du kan "
            "holde. Små hold med rollespil."
        ),
        description=(
            "Unge, der lever under social kontrol, fortæller sjældent hele historien første "
            "gang. I workshoppen øver vi samtalen i små grupper med rollespil og feedback fra "
            "konsulenterne.\n\n"
            "Du lærer at skabe rammerne for en tryg dialog, at tale om fortrolighed og dens "
            "grænser, og at tage de næste skridt uden at bringe den unge i fare."
        ),
        audience="Fagpersoner med samtaler med unge: klub, SSP, skole og ungdomsuddannelse",
        organiser=EKT,
        eligibility=KK,
        topics=["samtalen", "social-kontrol"],
        audiences=["unge"],
        sessions=[
            DemoSession(
                days_ahead=8,
                start=time(13),
                end=time(16),
                capacity=4,
                place="København NV",
                venue="Kulturhuset Bispebjerg, lokale 3\nRentemestervej 76\n2400 København NV",
                seated=4,
                waiting=2,
            ),
        ],
    ),
    DemoCourse(
        slug="temadag-om-genopdragelsesrejser",
        title="Temadag om genopdragelsesrejser: tegn, pligter og handlemuligheder",
        kind=Course.Kind.THEME_DAY,
        summary=(
            "Når et barn risikerer at blive sendt til udlandet mod sin vilje: hvad du skal være "
            "opmærksom på før sommerferien, og hvad du gør, når du er bekymret."
        ),
        description=(
            "Temadagen samler fagpersoner om et af de mest alvorlige udtryk for social kontrol: "
            "genopdragelsesrejser.\n\n"
            "Vi gennemgår tegnene, underretningspligten og samarbejdet med politiet, og Etnisk "
            "Konsulentteam fortæller om forløb, hvor en rejse blev forhindret."
        ),
        audience="Alle fagpersoner i Københavns Kommune, der arbejder med børn og unge",
        organiser=EKT,
        eligibility=KK,
        topics=["genopdragelsesrejser", "underretning"],
        audiences=["boern", "unge"],
        sessions=[
            DemoSession(
                days_ahead=26,
                start=time(9),
                end=time(15, 30),
                capacity=60,
                place="København V",
                venue=EKT_VENUE,
                seated=12,
            ),
        ],
    ),
    DemoCourse(
        slug="unge-paa-flugt-fra-aeresrelaterede-konflikter",
        title="Unge på flugt fra æresrelaterede konflikter – kursus for fagpersoner",
        kind=Course.Kind.COURSE,
        summary=(
            "RED Safehouse deler erfaringer fra arbejdet med unge, der er flygtet hjemmefra: "
            "risiko, sikkerhed og vejen videre. To dage."
        ),
        description=(
            "RED Safehouse er et specialiseret opholdssted for unge, der er på flugt fra "
            "æresrelaterede konflikter, og tilbyder rådgivning og kurser for fagpersoner.\n\n"
            "På kurset lærer du, hvordan en flugt planlægges sikkert, hvilke risici den unge "
            "møder bagefter, og hvordan du støtter den unge i kontakt med kommunen, "
            "uddannelse og bolig. Andendagen handler om tvangsægteskab og om kontakt til "
            "familien, når den unge ønsker det."
        ),
        audience=(
            "Fagpersoner, der arbejder med unge og voksne, der er ofre for æresrelaterede "
            "konflikter"
        ),
        organiser="RED Safehouse",
        eligibility=ANYONE,
        topics=["aeresrelaterede-konflikter", "tvangsaegteskab", "risikovurdering"],
        audiences=["unge", "voksne"],
        sessions=[
            DemoSession(
                days_ahead=33,
                days=2,
                start=time(9),
                end=time(15),
                capacity=20,
                place="København",
                venue="Oplyses til tilmeldte af hensyn til beboernes sikkerhed.",
                seated=3,
            ),
        ],
    ),
    DemoCourse(
        slug="dialogarrangement-foraeldresamarbejde",
        title="Dialogarrangement: Forældresamarbejde, når et barn er udsat for social kontrol",
        kind=Course.Kind.DIALOGUE_EVENT,
        summary=(
            "Et online dialogmøde om samarbejde med forældre – og om hvornår du ikke må "
            "kontakte familien."
        ),
        description=(
            "Hvordan samarbejder man med forældre uden at bringe barnet i fare? Etnisk "
            "Konsulentteam og RED Safehouse lægger op, og resten af tiden er dialog mellem "
            "deltagerne.\n\n"
            "Mødet foregår online. Linket sendes til tilmeldte."
        ),
        audience="Alle fagpersoner, der arbejder med børn og familier",
        organiser="Etnisk Konsulentteam og RED Safehouse",
        eligibility=ANYONE,
        topics=["social-kontrol", "samtalen"],
        audiences=["boern"],
        sessions=[
            DemoSession(
                days_ahead=19,
                start=time(14),
                end=time(16),
                capacity=40,
                place="Online",
                online_url="https://moede.tillid.example/foraeldresamarbejde",
                seated=9,
            ),
        ],
    ),
]


def _at(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, COPENHAGEN)


def _working_days_from(day: date, count: int) -> date:
    """The first day on or after ``day`` that starts ``count`` working days in a row."""
    while not all(is_working_day(day + timedelta(days=offset)) for offset in range(count)):
        day += timedelta(days=1)
    return day


def _create_session(course: Course, spec: DemoSession, today: date) -> CourseSession:
    first_day = _working_days_from(today + timedelta(days=spec.days_ahead), spec.days)
    if spec.days_ahead < 0 and first_day >= today:  # a past session stays in the past
        first_day = today + timedelta(days=spec.days_ahead)
    starts_at = _at(first_day, spec.start)
    return CourseSession.objects.create(
        course=course,
        starts_at=starts_at,
        ends_at=_at(first_day + timedelta(days=spec.days - 1), spec.end),
        registration_deadline=starts_at - timedelta(days=3),
        capacity=spec.capacity,
        place=spec.place,
        venue=spec.venue,
        online_url=spec.online_url,
    )


def _add_participants(session: CourseSession, spec: DemoSession, offset: int) -> None:
    now = min(clock.now(), session.registration_deadline)
    registrations: list[Registration] = []
    if spec.with_demo_professional:
        user = User.objects.filter(email="fagperson@tillid.example").first()
        if user is not None:
            registrations.append(
                Registration(
                    session=session,
                    user=user,
                    name=user.name,
                    email=user.email,
                    organisation=str(user.org_unit or ""),
                    status=Registration.Status.CONFIRMED,
                )
            )
    people = DEMO_PARTICIPANTS[offset:] + DEMO_PARTICIPANTS[:offset]
    for index in range(spec.seated + spec.waiting):
        name, organisation = people[index % len(people)]
        seated = index < spec.seated
        status = Registration.Status.CONFIRMED if seated else Registration.Status.WAITING
        if seated and spec.days_ahead < 0:
            status = (
                Registration.Status.ATTENDED
                if index < spec.attended
                else Registration.Status.NO_SHOW
            )
        local_part = name.lower().replace(" ", ".").replace("ø", "oe").replace("æ", "ae")
        registrations.append(
            Registration(
                session=session,
                name=name,
                email=f"{local_part}.{index}@demo.tillid.example",
                organisation=organisation,
                status=status,
                needs="Vegetar" if index == 1 else "",
            )
        )
    for number, registration in enumerate(registrations, start=1):
        registration.arrival_number = number
        registration.created_at = now
        if registration.status == Registration.Status.WAITING:
            registration.waitlisted_at = now
        else:
            registration.confirmed_at = now
        registration.save()
    seated_count = sum(1 for registration in registrations if registration.holds_seat)
    CourseSession.objects.filter(pk=session.pk).update(
        seats_taken=F("seats_taken") + seated_count, arrivals=len(registrations)
    )
    for rating, comment in spec.ratings:
        EvaluationResponse.objects.create(
            session=session, rating=rating, comment=comment, submitted_on=session.ends_at.date()
        )


def load() -> list[str]:
    today = timezone.localdate(clock.now())
    created = 0
    for offset, spec in enumerate(DEMO_COURSES):
        if Course.objects.filter(slug=spec.slug).exists():
            continue
        course = Course.objects.create(
            slug=spec.slug,
            title=spec.title,
            kind=spec.kind,
            summary=spec.summary,
            description=spec.description,
            audience=spec.audience,
            organiser=spec.organiser,
            eligibility=spec.eligibility,
            is_demo=True,
        )
        course.topics.set(taxonomy_selectors.topic_list_by_slugs(spec.topics))
        course.audiences.set(taxonomy_selectors.audience_list_by_slugs(spec.audiences))
        for session_spec in spec.sessions:
            session = _create_session(course, session_spec, today)
            _add_participants(session, session_spec, offset)
        created += 1
    total = Course.objects.filter(is_demo=True).count()
    return [f"Kurser: {created} demokurser oprettet ({total} i alt), se /kurser/."]
