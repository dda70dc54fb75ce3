"""Retention rules of the courses app (``tillid.core.retention``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tillid.core import clock
from tillid.core.retention import Concerns, Ending, Rule, months_before, register
from tillid.courses.models import EvaluationResponse, Registration

ANONYMISED_DOMAIN = "anonymiseret.invalid"


def registrations_anonymise() -> int:
    """Anonymise registrations for sessions that ended before the retention period: name,
    email, workplace and needs are removed and the link to the account cut; the status and
    attendance stay for the course figures."""
    cutoff = months_before(clock.now(), settings.TILLID_COURSE_RETENTION_MONTHS)
    registrations = Registration.objects.filter(session__ends_at__lt=cutoff).exclude(
        email__endswith=f"@{ANONYMISED_DOMAIN}"
    )
    count = 0
    for registration in registrations:
        # The email must stay unique per session and lower case (database constraints).
        registration.email = f"tilmelding-{registration.pk}@{ANONYMISED_DOMAIN}"
        registration.name = ""
        registration.organisation = ""
        registration.needs = ""
        registration.user = None
        registration.save(update_fields=["email", "name", "organisation", "needs", "user"])
        count += 1
    return count


def evaluation_comments_erase() -> int:
    """Erase the free-text comments of evaluations of sessions ended before the period."""
    cutoff = months_before(clock.now(), settings.TILLID_COURSE_RETENTION_MONTHS)
    return (
        EvaluationResponse.objects.filter(session__ends_at__lt=cutoff)
        .exclude(comment="")
        .update(comment="")
    )


register(
    Rule(
        key="courses.registrations",
        models=("courses.Registration",),
        record=_("Tilmeldinger til kurser: navn, arbejdsmail, arbejdsplads og særlige behov"),
        why=_("For at holde styr på pladser, venteliste, påmindelser og fremmøde."),
        period=_("%(value)s måneder efter kursusdagen"),
        setting="TILLID_COURSE_RETENTION_MONTHS",
        default=12,
        who_sees=_("Kursusadministratorerne; særlige behov kun dem"),
        ending=Ending.ANONYMISED,
        how=_("Navn, e-mail, arbejdsplads og særlige behov slettes; kun tal bliver tilbage"),
        concerns=Concerns.STAFF,
        run=registrations_anonymise,
    )
)
register(
    Rule(
        key="courses.evaluations",
        models=("courses.EvaluationResponse",),
        record=_("Anonyme kursusevalueringer med en eventuel kommentar"),
        why=_("For at gøre kurserne bedre."),
        period=_("Kommentaren i %(value)s måneder efter kursusdagen"),
        setting="TILLID_COURSE_RETENTION_MONTHS",
        default=12,
        who_sees=_("Kursusadministratorerne, uden at kunne se, hvem der skrev"),
        ending=Ending.ANONYMISED,
        how=_("Kommentaren slettes; karakteren bliver til statistik"),
        concerns=Concerns.STAFF,
        run=evaluation_comments_erase,
    )
)
