"""Retention rules of the consultations app (``tillid.core.retention``)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tillid.consultations.models import Rating
from tillid.consultations.services import consultations_anonymise
from tillid.core import clock
from tillid.core.retention import Concerns, Ending, Rule, months_before, register


def anonymise_closed_cases() -> int:
    """``consultations_anonymise`` (also ``manage.py consultation_retention``), counted."""
    return len(consultations_anonymise())


def rating_comments_erase() -> int:
    """Erase the comments of ratings older than the cases' retention period (the score stays)."""
    cutoff = months_before(clock.now(), settings.TILLID_CONSULTATION_RETENTION_MONTHS).date()
    return Rating.objects.filter(month__lt=cutoff).exclude(comment="").update(comment="")


register(
    Rule(
        key="consultations.cases",
        models=(
            "consultations.Consultation",
            "consultations.Message",
            "consultations.InternalNote",
            "consultations.Meeting",
        ),
        record=_(
            "Henvendelser til Etnisk Konsulentteam: beskrivelsen af situationen, beskeder, "
            "interne noter, møder og kontaktoplysninger"
        ),
        why=_("For at konsulenterne kan rådgive om sagen og følge op på den."),
        period=_("%(value)s måneder efter at sagen er lukket"),
        setting="TILLID_CONSULTATION_RETENTION_MONTHS",
        default=24,
        who_sees=_(
            "Fagpersonen, der spurgte, og konsulenterne i teamet; konsulenterne med totrinslogin"
        ),
        ending=Ending.ANONYMISED,
        how=_(
            "Al fritekst, beskeder, noter, mødesteder og kontaktoplysninger slettes, og "
            "forbindelsen til fagpersonen fjernes; kun tal til statistik bliver tilbage"
        ),
        concerns=Concerns.CITIZENS,
        run=anonymise_closed_cases,
    )
)
register(
    Rule(
        key="consultations.ratings",
        models=("consultations.Rating",),
        record=_("Anonyme vurderinger af rådgivningen med en eventuel kommentar"),
        why=_("For at teamet kan blive bedre."),
        period=_("Kommentaren i %(value)s måneder"),
        setting="TILLID_CONSULTATION_RETENTION_MONTHS",
        default=24,
        who_sees=_("Teamets leder, uden at kunne se, hvem der skrev"),
        ending=Ending.ANONYMISED,
        how=_("Kommentaren slettes; karakteren bliver til statistik"),
        concerns=Concerns.STAFF,
        run=rating_comments_erase,
    )
)
register(
    Rule(
        key="consultations.teams",
        models=("consultations.Team",),
        record=_("Konsulentteams og deres leder"),
        why=_("For at henvendelser når frem til det rigtige team."),
        period=_("Så længe teamet findes"),
        who_sees=_("Alle, der sender en henvendelse, ser teamets navn; lederen ses af teamet"),
        ending=Ending.ANONYMISED,
        how=_("Følger lederens brugerkonto: når den anonymiseres, står der intet navn"),
        concerns=Concerns.STAFF,
    )
)
