"""Demo directory: the three services of the seed page, exactly as stated there, and the national
actors of DOMAIN.md.

Only the two numbers on the seed page (26 77 91 98 and 70 27 76 86) are marked verified. Every
other number is marked "ikke verificeret"; where no number is known for sure, none is given.
"Normal kontortid" (Etnisk Konsulentteam) is read as Monday-Thursday 8-16 and Friday 8-15, and the
service says so. Idempotent: a service that exists (by slug) is left as it is.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from django.db import transaction
from django.utils import timezone

from tillid.core import clock
from tillid.directory.models import (
    HolidayPolicy,
    HoursMode,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from tillid.directory.taxonomy import ensure_service_types

MUNICIPALITY = "Københavns Kommune"

ORGANIZATIONS: dict[str, dict[str, Any]] = {
    "koebenhavns-kommune": {
        "name": "Københavns Kommune",
        "description": "Kommunens egne tilbud til fagpersoner og borgere.",
        "website": "https://www.kk.dk/",
    },
    "red": {
        "name": "RED",
        "description": "RED Rådgivning (tidligere Etnisk Ung) og RED Safehouse.",
    },
    "lokk": {
        "name": "LOKK",
        "alternate_name": "Landsorganisation af Kvindekrisecentre",
        "description": "Landsorganisationen for krisecentre, med anonym rådgivning døgnet rundt.",
    },
    "viso": {
        "name": "VISO",
        "alternate_name": "Den Nationale Videns- og Specialrådgivningsorganisation",
        "description": "National organisation for gratis rådgivning og udredning.",
    },
    "maerk": {
        "name": "MÆRK",
        "description": "Det nationale center mod æresrelaterede konflikter.",
    },
    "sikkerhedskonsulenterne": {
        "name": "Sikkerhedskonsulenterne",
        "description": (
            "Gratis rådgivning og risikovurderinger i sager om æresrelaterede konflikter."
        ),
    },
    "politiet": {
        "name": "Politiet",
        "description": "Dansk politi.",
        "website": "https://politi.dk/",
    },
}

OFFICE_HOURS = [(day, time(8), time(16)) for day in range(4)] + [(4, time(8), time(15))]
WEEKDAYS_9_TO_15 = [(day, time(9), time(15)) for day in range(5)]

# Each entry: service fields, plus "organization", "types", "phones" (number, label, verified),
# "rules" (weekday, opens, closes), "confidential_location" (name, area, description) and
# "assured" (facts confirmed: the seed page's own services).
# Den Sociale Døgnvagt's real number is not verified here, so the demo holds an example number
# that says so wherever it is shown (tap-to-call lists, service page, referral slip).
DEMO_EXAMPLE_NUMBER = "99999999"
DEMO_EXAMPLE_LABEL = "Eksempelnummer – ikke et rigtigt nummer"

SERVICES: list[dict[str, Any]] = [
    {
        "slug": "etnisk-konsulentteam",
        "organization": "koebenhavns-kommune",
        "name": "Etnisk Konsulentteam",
        "summary": (
            "Gratis sparring, rådgivning, risikovurdering, konfliktmægling og undervisning i sager "
            "om social kontrol, for ansatte i Københavns Kommune."
        ),
        "summary_en": (
            "Free case consultation, advice, risk assessment, conflict mediation and teaching on "
            "social control, for employees of the City of Copenhagen."
        ),
        "description": (
            "Kommunens ekspertberedskab i sager om æresrelaterede konflikter og social kontrol. "
            "Tilbyder gratis konsulentbistand i form af sparring, rådgivning, risikovurdering, "
            "konfliktmægling og undervisning i sager om social kontrol."
        ),
        "what_to_expect": (
            "Konsulenterne kan både rådgive dig i specifikke sager og mere generelle "
            "problemstillinger."
        ),
        "for_professionals": True,
        "employer_restriction": MUNICIPALITY,
        "eligibility_description": "Ansatte i Københavns Kommune.",
        "is_free": True,
        "fees_description": "Gratis",
        "hours_mode": HoursMode.WEEKLY,
        "holiday_policy": HolidayPolicy.MUNICIPAL,
        "hours_note": ("Inden for normal kontortid (i demoen: mandag–torsdag 8–16, fredag 8–15)."),
        "types": ["sparring", "raadgivning", "risikovurdering", "konfliktmaegling", "undervisning"],
        "phones": [("26779198", "Etnisk Konsulentteam", True)],
        "rules": OFFICE_HOURS,
        "assured": True,
    },
    {
        "slug": "red-raadgivning",
        "organization": "red",
        "name": "RED Rådgivning",
        "alternate_name": "Etnisk Ung",
        "summary": (
            "Gratis, professionel sparring og rådgivning for fagpersoner, der arbejder med etniske "
            "minoritetsunge, der er udsat for kontrol eller tvang."
        ),
        "summary_en": (
            "Free professional case consultation and advice for professionals working with young "
            "people from ethnic minorities who are exposed to control or coercion."
        ),
        "description": "RED Rådgivning hed tidligere Etnisk Ung.",
        "what_to_expect": "Du får gratis, professionel sparring og rådgivning om din sag.",
        "for_professionals": True,
        "eligibility_description": (
            "Fagpersoner, der arbejder med etniske minoritetsunge, der er udsat for kontrol eller "
            "tvang."
        ),
        "is_free": True,
        "fees_description": "Gratis",
        "hours_mode": HoursMode.WEEKLY,
        "holiday_policy": HolidayPolicy.PUBLIC_HOLIDAYS,
        "hours_note": "Hverdage mellem 9 og 15.",
        "types": ["sparring", "raadgivning"],
        "phones": [("70277686", "RED Rådgivning", True)],
        "rules": WEEKDAYS_9_TO_15,
        "assured": True,
    },
    {
        "slug": "red-safehouse",
        "organization": "red",
        "name": "RED Safehouse",
        "summary": (
            "Specialiseret opholdssted for unge, der er på flugt fra æresrelaterede konflikter. "
            "Tilbyder også rådgivning og kurser for fagpersoner."
        ),
        "summary_en": (
            "A specialised residence for young people fleeing honour-related conflicts. Also "
            "offers advice and courses for professionals."
        ),
        "description": (
            "RED Safehouse er et specialiseret opholdssted for unge, der er på flugt fra "
            "æresrelaterede konflikter. RED Safehouse tilbyder rådgivning og kurser for "
            "fagpersoner, der arbejder med borgere, som er ofre for æresrelaterede konflikter."
        ),
        "for_professionals": True,
        "for_citizens": True,
        "minimum_age": 16,
        "maximum_age": 30,
        "eligibility_description": "Unge mellem 16 og 30 år; fagpersoner.",
        "hours_mode": HoursMode.ALWAYS,
        "hours_note": "Henvendelser døgnet rundt.",
        "types": ["opholdssted", "raadgivning", "undervisning"],
        "phones": [],
        "confidential_location": (
            "RED Safehouse",
            "Danmark",
            "Adressen er hemmelig af hensyn til de unges sikkerhed.",
        ),
        "assured": True,
    },
    {
        "slug": "lokk-raadgivning",
        "organization": "lokk",
        "name": "LOKK's rådgivning",
        "summary": "Anonym rådgivning døgnet rundt.",
        "summary_en": "Anonymous advice around the clock.",
        "for_professionals": True,
        "for_citizens": True,
        "hours_mode": HoursMode.ALWAYS,
        "types": ["anonym-raadgivning", "raadgivning"],
        "phones": [("70203082", "Rådgivning", False)],
    },
    {
        "slug": "viso",
        "organization": "viso",
        "name": "VISO",
        "summary": "Gratis rådgivning og udredning i de mest specialiserede sager.",
        "summary_en": "Free advice and assessment in the most specialised cases.",
        "for_professionals": True,
        "for_citizens": True,
        "is_free": True,
        "fees_description": "Gratis",
        "hours_mode": HoursMode.NOT_STATED,
        "types": ["raadgivning"],
        "phones": [],
    },
    {
        "slug": "maerk",
        "organization": "maerk",
        "name": "MÆRK",
        "summary": "Det nationale center mod æresrelaterede konflikter: viden og rådgivning.",
        "summary_en": "The national centre against honour-related conflicts: knowledge and advice.",
        "for_professionals": True,
        "hours_mode": HoursMode.NOT_STATED,
        "types": ["raadgivning"],
        "phones": [],
    },
    {
        "slug": "sikkerhedskonsulenterne",
        "organization": "sikkerhedskonsulenterne",
        "name": "Sikkerhedskonsulenterne",
        "summary": "Gratis rådgivning og risikovurderinger i sager om æresrelaterede konflikter.",
        "summary_en": "Free advice and risk assessments in cases of honour-related conflict.",
        "for_professionals": True,
        "is_free": True,
        "fees_description": "Gratis",
        "hours_mode": HoursMode.NOT_STATED,
        "types": ["raadgivning", "risikovurdering"],
        "phones": [],
    },
    {
        "slug": "politiets-kontaktpersoner",
        "organization": "politiet",
        "name": "Politiets kontaktpersoner",
        "summary": (
            "Politiets kontaktpersoner for æresrelaterede konflikter. Ring til politiets "
            "servicenummer og bed om kontaktpersonen. Er der akut fare, så ring 112."
        ),
        "summary_en": (
            "The police's contact persons for honour-related conflicts. Call the police's "
            "non-emergency number and ask for the contact person. In an emergency, call 112."
        ),
        "url": "https://politi.dk/",
        "for_professionals": True,
        "for_citizens": True,
        "hours_mode": HoursMode.NOT_STATED,
        "types": ["politi"],
        "phones": [("114", "Politiets servicenummer (ikke akut)", False)],
    },
    {
        "slug": "den-sociale-doegnvagt",
        "organization": "koebenhavns-kommune",
        "name": "Den Sociale Døgnvagt",
        "summary": (
            "Kommunens sociale døgnvagt for akutte sager uden for kommunens åbningstid, også om "
            "børn og unge i fare."
        ),
        "summary_en": (
            "The municipality's social emergency service for acute cases outside office hours, "
            "including children and young people in danger."
        ),
        "application_process": (
            "Demoen viser et eksempelnummer, ikke døgnvagtens rigtige nummer. Det rigtige "
            "nummer findes på kk.dk og skal lægges ind, før Tillid tages i brug."
        ),
        "url": "https://www.kk.dk/",
        "for_professionals": True,
        "for_citizens": True,
        "hours_mode": HoursMode.NOT_STATED,
        "hours_note": "Uden for kommunens åbningstid.",
        "types": ["akut"],
        # An acute service must have a number; the demo's is an example, marked as one.
        "phones": [(DEMO_EXAMPLE_NUMBER, DEMO_EXAMPLE_LABEL, False)],
    },
]

RELATED_KEYS = {"organization", "types", "phones", "rules", "confidential_location", "assured"}


def _organization(slug: str) -> Organization:
    organization, _created = Organization.objects.get_or_create(
        slug=slug, defaults=ORGANIZATIONS[slug]
    )
    return organization


def _create_service(spec: dict[str, Any], terms: dict[str, Any]) -> Service:
    organization = _organization(spec["organization"])
    fields = {key: value for key, value in spec.items() if key not in RELATED_KEYS}
    service = Service.objects.create(
        organization=organization,
        assured_date=timezone.localdate(clock.now()) if spec.get("assured") else None,
        **fields,
    )
    # A ParentalManyToManyField (editable in Wagtail) is written when its parent is saved.
    service.service_types.set([terms[code] for code in spec["types"]])
    service.save()
    for order, (number, label, verified) in enumerate(spec["phones"]):
        Phone.objects.create(
            service=service, number=number, label=label, is_verified=verified, sort_order=order
        )
    for order, (weekday, opens_at, closes_at) in enumerate(spec.get("rules", [])):
        Schedule.objects.create(
            service=service,
            weekday=weekday,
            opens_at=opens_at,
            closes_at=closes_at,
            sort_order=order,
        )
    if "confidential_location" in spec:
        name, area, description = spec["confidential_location"]
        location, _created = Location.objects.get_or_create(
            organization=organization,
            name=name,
            defaults={"is_confidential": True, "area": area, "description": description},
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    return service


@transaction.atomic
def load() -> list[str]:
    terms = ensure_service_types()
    created = 0
    for spec in SERVICES:
        if not Service.objects.filter(slug=spec["slug"]).exists():
            _create_service(spec, terms)
            created += 1
    return [
        "",
        f"Find hjælp: {len(SERVICES)} tilbud ({created} nye). Kun forsidens numre (26 77 91 98, "
        "70 27 76 86) er verificerede; andre numre er markeret 'ikke verificeret'.",
        "  Etnisk Konsulentteams 'normale kontortid' er i demoen mandag–torsdag 8–16, fredag 8–15.",
    ]
