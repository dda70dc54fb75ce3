"""A consultant hands a consultation case about an adult over to a case worker, who then owns
an action plan for the citizen. Only with the citizen's consent, and only what the consultant
chooses is carried over: the case's description (as a hand-over note) and the newest finalised
risk assessment of the case. The family never knows by default (``family_may_know`` is off).

The plan stays linked to the case, so the case's consultants read it (``selectors`` rule 3)
until the case worker unlinks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from tillid.accounts.roles import Role, has_role
from tillid.actionplans.models import ActionPlan
from tillid.actionplans.services.plans import Identity, plan_create, risk_snapshot
from tillid.consultations.selectors import consultation_get_for_consultant
from tillid.core.refusals import ActionRefusedError, NotPermittedError
from tillid.risk.selectors import assessment_latest_for_subject, subject_for_context

# The consultation's age-group codes for adults, and its code for "the citizen consents".
ADULT_GROUPS = frozenset({"ung_voksen", "voksen"})
CONSENTS = "samtykke"


@dataclass(frozen=True)
class HandoverChoice:
    description: bool = False
    risk_assessment: bool = False


def plan_handover_from_consultation(
    *,
    actor: Any,
    consultation_id: int,
    case_worker: Any,
    identity: Identity,
    consent_given: bool,
    carry: HandoverChoice,
) -> ActionPlan:
    """A plan for the citizen of a case the consultant holds, owned by ``case_worker``."""
    if not has_role(actor, Role.CONSULTANT):
        raise NotPermittedError
    try:
        case = consultation_get_for_consultant(user=actor, pk=consultation_id)
    except Exception as missing:
        raise NotPermittedError from missing
    if case.anonymised_at is not None:
        raise ActionRefusedError(_("Sagen er anonymiseret."), code="anonymised")
    if case.age_group not in ADULT_GROUPS:
        raise ActionRefusedError(
            _("En handleplan efter § 12 a er for voksne. Sagen handler ikke om en voksen."),
            code="not_adult",
        )
    if not consent_given or case.consent != CONSENTS:
        raise ActionRefusedError(
            _("Borgeren skal have givet samtykke til, at sagen overdrages til en sagsbehandler."),
            code="no_consent",
            field="consent_given",
        )
    if not has_role(case_worker, Role.CASE_WORKER):
        raise ActionRefusedError(
            _("Vælg en sagsbehandler for voksne."), code="not_case_worker", field="case_worker"
        )
    risk = None
    if carry.risk_assessment:
        subject = subject_for_context(context=case)
        latest = assessment_latest_for_subject(user=actor, subject=subject) if subject else None
        if latest is None:
            raise ActionRefusedError(
                _("Sagen har ingen afsluttet risikovurdering at overdrage."),
                code="no_risk",
                field="risk_assessment",
            )
        risk = risk_snapshot(actor=actor, assessment_id=latest.pk)
    return plan_create(
        actor=actor,
        identity=identity,
        responsible=case_worker,
        consultation_id=case.pk,
        handover_note=case.description if carry.description else "",
        risk=risk,
    )
