"""Retention rules of the risk app (``tillid.core.retention``)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from tillid.core import clock
from tillid.core.retention import Concerns, Ending, Rule, months_before, register
from tillid.risk.models import Assessment, Subject


def assessments_delete_old() -> int:
    """Delete every person (``Subject``) whose newest assessment was last changed before the
    retention period, with all their assessments, answers, scenarios and shares; a person
    without assessments goes once created that long ago. Returns the number of persons."""
    cutoff = months_before(clock.now(), settings.TILLID_RISK_RETENTION_MONTHS)
    subject_ids = list(
        Subject.objects.annotate(last_change=Max("assessments__updated_at"))
        .filter(Q(last_change__lt=cutoff) | Q(last_change__isnull=True, created_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    # Answers, scenarios and shares go with their assessment (CASCADE); subjects are protected.
    Assessment.objects.filter(subject_id__in=subject_ids).delete()
    Subject.objects.filter(pk__in=subject_ids).delete()
    return len(subject_ids)


register(
    Rule(
        key="risk.assessments",
        models=(
            "risk.Subject",
            "risk.Assessment",
            "risk.Answer",
            "risk.Scenario",
            "risk.AssessmentShare",
        ),
        record=_(
            "Risikovurderinger: en anonym reference til personen, svarene, begrundelserne, "
            "scenarier og hvem vurderingen er delt med"
        ),
        why=_("For at fagpersonen kan vurdere risikoen og se, hvordan den udvikler sig."),
        period=_("%(value)s måneder efter den seneste ændring af personens vurderinger"),
        setting="TILLID_RISK_RETENTION_MONTHS",
        default=24,
        who_sees=_(
            "Fagpersonen, der lavede vurderingen, konsulenterne på en tilknyttet sag, og den, "
            "vurderingen er delt med, så længe delingen varer"
        ),
        ending=Ending.DELETED,
        how=_("Personen og alle vurderingerne slettes"),
        concerns=Concerns.CITIZENS,
        run=assessments_delete_old,
    )
)
