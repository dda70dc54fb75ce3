"""Creating a plan and changing its draft: identity, safe contact and the plan's content.

Every change goes through ``common.editing_draft``: the plan is locked, only the responsible
case worker of an open plan may change it, and each change is audited without its content.

Over 400 lines: one small service per part of the draft (the four § 12 a parts, goals, actions,
meetings, agreement, review), each with its own rule; split by part they would only call each
other's helpers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tillid.accounts.roles import Role, has_role
from tillid.actionplans import document
from tillid.actionplans.models import ActionPlan
from tillid.actionplans.services.common import (
    ADULT_AGE,
    age_on,
    editing_draft,
    locked,
    require_editor,
    risk_max_age_days,
    today,
)
from tillid.core import audit, clock
from tillid.core.cpr import find_cpr_numbers
from tillid.core.refusals import ActionRefusedError, NotPermittedError
from tillid.directory.selectors import referral_choices
from tillid.risk.selectors import assessment_get_for_user


class MinorRefusedError(ActionRefusedError):
    """A § 12 a plan is for adults; a child's situation is a concern report."""

    default_code = "minor"

    def __init__(self) -> None:
        super().__init__(
            _(
                "Borgeren er under 18 år. En handleplan efter serviceloven § 12 a er for voksne. "
                "Er du bekymret for et barn eller en ung, skal du underrette kommunen."
            ),
            field="birth_date",
        )


def normalised_cpr(value: str) -> str:
    """``DDMMYY-SSSS`` for a valid CPR number, ``""`` for none; ValidationError otherwise."""
    value = (value or "").strip()
    if not value:
        return ""
    findings = find_cpr_numbers(value)
    if len(findings) != 1 or len(value.replace("-", "").replace(" ", "")) != 10:
        raise ValidationError({"cpr_number": _("Skriv et gyldigt CPR-nummer (DDMMÅÅ-XXXX).")})
    digits = findings[0].digits
    return f"{digits[:6]}-{digits[6:]}"


@dataclass(frozen=True)
class Identity:
    citizen_name: str
    birth_date: date
    cpr_number: str = ""


def _check_identity(identity: Identity) -> str:
    if not identity.citizen_name.strip():
        raise ValidationError({"citizen_name": _("Skriv borgerens navn.")})
    cpr = normalised_cpr(identity.cpr_number)
    if cpr:
        born = find_cpr_numbers(cpr)[0].birth_date
        if born != identity.birth_date:
            raise ValidationError({"cpr_number": _("CPR-nummeret passer ikke med fødselsdatoen.")})
    if age_on(identity.birth_date, today()) < ADULT_AGE:
        raise MinorRefusedError
    return cpr


def plan_create(
    *,
    actor: Any,
    identity: Identity,
    responsible: Any = None,
    consultation_id: int | None = None,
    handover_note: str = "",
    family_may_know: bool = False,
    risk: dict[str, Any] | None = None,
) -> ActionPlan:
    """A new plan with an empty draft (version 1), owned by ``responsible`` (default: the
    actor) and their unit. Refused for a citizen under 18 (``MinorRefusedError``)."""
    responsible = responsible or actor
    if not has_role(responsible, Role.CASE_WORKER):
        raise NotPermittedError(_("Kun en sagsbehandler for voksne kan være ansvarlig for planen."))
    if responsible.org_unit_id is None:
        raise ActionRefusedError(_("Sagsbehandleren er ikke knyttet til en enhed."), code="no_unit")
    cpr = _check_identity(identity)
    content = document.empty()
    if risk:
        content["risk"] = risk
    now = clock.now()
    with transaction.atomic():
        plan = ActionPlan.objects.create(
            responsible=responsible,
            team_id=responsible.org_unit_id,
            created_at=now,
            citizen_name=identity.citizen_name.strip(),
            birth_date=identity.birth_date.isoformat(),
            cpr_number=cpr,
            family_may_know=family_may_know,
            draft=json.dumps(content, ensure_ascii=False, sort_keys=True),
            draft_number=1,
            draft_updated_at=now,
            consultation_id=consultation_id,
            handover_note=handover_note,
            risk_assessment_id=(risk or {}).get("assessment_id"),
        )
        audit.record(
            actor=actor,
            action="actionplans.plan.created",
            target=plan,
            responsible=responsible.pk,
            consultation=consultation_id,
            with_cpr=bool(cpr),
        )
    return plan


def plan_start(*, actor: Any, identity: Identity) -> ActionPlan:
    """A case worker starts a plan they are responsible for."""
    if not has_role(actor, Role.CASE_WORKER):
        raise NotPermittedError
    return plan_create(actor=actor, identity=identity)


@dataclass(frozen=True)
class Contact:
    citizen_name: str
    cpr_number: str
    safe_phone: str
    safe_times: str
    letters_to_address: bool
    family_may_know: bool
    interpreter_needed: bool
    language: str


def plan_update_contact(*, actor: Any, plan: ActionPlan, contact: Contact) -> None:
    """The citizen's name, CPR number, safe contact and interpreter need."""
    if not contact.citizen_name.strip():
        raise ValidationError({"citizen_name": _("Skriv borgerens navn.")})
    if contact.interpreter_needed and not contact.language.strip():
        raise ValidationError({"language": _("Skriv hvilket sprog tolken skal tale.")})
    cpr = normalised_cpr(contact.cpr_number)  # empty: keep the number the plan has
    if cpr:
        born = find_cpr_numbers(cpr)[0].birth_date
        if plan.birth_date and born.isoformat() != plan.birth_date:
            raise ValidationError({"cpr_number": _("CPR-nummeret passer ikke med fødselsdatoen.")})
    with transaction.atomic():
        current = locked(plan.pk)
        require_editor(actor, current)
        for name in ("safe_phone", "safe_times", "language"):
            setattr(current, name, getattr(contact, name).strip())
        current.citizen_name = contact.citizen_name.strip()
        if cpr:
            current.cpr_number = cpr
        current.letters_to_address = contact.letters_to_address
        current.family_may_know = contact.family_may_know
        current.interpreter_needed = contact.interpreter_needed
        current.save()
        audit.record(actor=actor, action="actionplans.plan.contact_changed", target=current)


# ----------------------------------------------------------------------------- the draft


def risk_snapshot(*, actor: Any, assessment_id: int) -> dict[str, Any]:
    """What the plan keeps of a finalised risk assessment of an adult that ``actor`` may read;
    refused for a draft, a child's assessment or one older than the configured days."""
    try:
        assessment = assessment_get_for_user(user=actor, pk=assessment_id)
    except Exception as missing:
        raise ActionRefusedError(
            _("Risikovurderingen findes ikke, eller du har ikke adgang til den."),
            code="risk_missing",
            field="assessment",
        ) from missing
    if not assessment.is_final or assessment.finalised_at is None:
        raise ActionRefusedError(
            _("Kun en afsluttet risikovurdering kan knyttes til planen."),
            code="risk_draft",
            field="assessment",
        )
    if assessment.is_minor:
        raise ActionRefusedError(
            _("Risikovurderingen er af et barn eller en ung under 18 år."),
            code="risk_minor",
            field="assessment",
        )
    finalised_on = assessment.finalised_at.date()
    if finalised_on < today() - timedelta(days=risk_max_age_days()):
        raise ActionRefusedError(
            _("Risikovurderingen er ældre end %(days)s dage. Lav en ny vurdering.")
            % {"days": risk_max_age_days()},
            code="risk_old",
            field="assessment",
        )
    return {
        "assessment_id": assessment.pk,
        "finalised_on": finalised_on.isoformat(),
        "level": assessment.final_level,
        "level_label": str(assessment.get_final_level_display()),
    }


def draft_link_risk(*, actor: Any, plan: ActionPlan, assessment_id: int) -> None:
    require_editor(actor, plan)
    snapshot = risk_snapshot(actor=actor, assessment_id=assessment_id)
    with transaction.atomic():
        with editing_draft(
            actor=actor, plan=plan, action="actionplans.draft.risk_linked", assessment=assessment_id
        ) as content:
            content["risk"] = snapshot
        ActionPlan.objects.filter(pk=plan.pk).update(risk_assessment_id=assessment_id)
    plan.risk_assessment_id = assessment_id


def draft_set_situation(*, actor: Any, plan: ActionPlan, situation: dict[str, str]) -> None:
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="situation"
    ) as content:
        content["situation"] = {
            key: (situation.get(key) or "").strip() for key, _label in document.SITUATION_FIELDS
        }


def draft_add_support(
    *, actor: Any, plan: ActionPlan, area: str, service_id: int | None, text: str, purpose: str
) -> None:
    """A support option for housing, work or education: a directory service, or free text."""
    if area not in document.SupportArea.values:
        raise ValidationError({"area": _("Vælg bolig, arbejde eller uddannelse.")})
    name = ""
    if service_id:
        name = dict(referral_choices()).get(service_id, "")
        if not name:
            raise ValidationError({"service": _("Tilbuddet findes ikke i Find hjælp.")})
    elif not text.strip():
        raise ValidationError({"text": _("Vælg et tilbud fra Find hjælp eller beskriv støtten.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Skriv formålet med støtten.")})
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="support"
    ) as content:
        content["support"].append(
            {
                "area": area,
                "service_id": service_id,
                "service_name": name,
                "text": text.strip(),
                "purpose": purpose.strip(),
            }
        )


def draft_add_other_support(
    *, actor: Any, plan: ActionPlan, text: str, law: str, purpose: str
) -> None:
    if not text.strip():
        raise ValidationError({"text": _("Beskriv støttemuligheden.")})
    if not purpose.strip():
        raise ValidationError({"purpose": _("Skriv formålet med støtten.")})
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="other_support"
    ) as content:
        content["other_support"].append(
            {"text": text.strip(), "law": law.strip(), "purpose": purpose.strip()}
        )


def draft_set_goals(*, actor: Any, plan: ActionPlan, goals: str, citizen_words: str) -> None:
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="goals"
    ) as content:
        content["goals"] = goals.strip()
        content["citizen_words"] = citizen_words.strip()


def draft_add_action(
    *, actor: Any, plan: ActionPlan, who: str, what: str, due: date, status: str
) -> None:
    """An agreed action: who does what by when. An action without a responsible person is
    refused."""
    if not who.strip():
        raise ActionRefusedError(
            _("Skriv hvem der er ansvarlig for handlingen."), code="no_responsible", field="who"
        )
    if not what.strip():
        raise ValidationError({"what": _("Skriv hvad der skal ske.")})
    if status not in document.ActionStatus.values:
        raise ValidationError({"status": _("Vælg en status.")})
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="actions"
    ) as content:
        content["actions"].append(
            {"who": who.strip(), "what": what.strip(), "due": due.isoformat(), "status": status}
        )


def draft_set_action_status(*, actor: Any, plan: ActionPlan, index: int, status: str) -> None:
    if status not in document.ActionStatus.values:
        raise ValidationError({"status": _("Vælg en status.")})
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="actions"
    ) as content:
        if not 0 <= index < len(content["actions"]):
            raise ActionRefusedError(_("Handlingen findes ikke."), code="no_item")
        content["actions"][index]["status"] = status


REMOVABLE = ("support", "other_support", "actions", "meetings")


def draft_remove_item(*, actor: Any, plan: ActionPlan, part: str, index: int) -> None:
    if part not in REMOVABLE:
        raise ActionRefusedError(_("Punktet findes ikke."), code="no_item")
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part=part
    ) as content:
        if not 0 <= index < len(content[part]):
            raise ActionRefusedError(_("Punktet findes ikke."), code="no_item")
        del content[part][index]


def draft_add_meeting(
    *,
    actor: Any,
    plan: ActionPlan,
    day: date,
    participants: str,
    interpreter: bool,
    language: str,
) -> None:
    """A meeting with the citizen: when, who took part, interpreter and language."""
    if not participants.strip():
        raise ValidationError({"participants": _("Skriv hvem der deltog.")})
    if interpreter and not language.strip():
        raise ValidationError({"language": _("Skriv hvilket sprog tolken talte.")})
    if day > today():
        raise ValidationError({"day": _("Et møde kan først registreres, når det har fundet sted.")})
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="meetings"
    ) as content:
        content["meetings"].append(
            {
                "date": day.isoformat(),
                "participants": participants.strip(),
                "interpreter": interpreter,
                "language": language.strip() if interpreter else "",
            }
        )


def draft_set_agreement(
    *, actor: Any, plan: ActionPlan, kind: str, day: date, how: str, reasons: str
) -> None:
    """The citizen's agreement (date and how) or disagreement with their reasons."""
    if kind not in document.AgreementKind.values:
        raise ValidationError({"kind": _("Vælg om borgeren er enig eller uenig.")})
    if how not in document.AgreementHow.values:
        raise ValidationError({"how": _("Vælg hvordan borgeren gav sin stillingtagen.")})
    if kind == document.AgreementKind.DISAGREES and not reasons.strip():
        raise ValidationError({"reasons": _("Skriv borgerens begrundelse for at være uenig.")})
    if day > today():
        raise ValidationError({"day": _("Datoen kan ikke ligge i fremtiden.")})
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="agreement"
    ) as content:
        content["agreement"] = {
            "kind": kind,
            "date": day.isoformat(),
            "how": how,
            "reasons": reasons.strip(),
        }


def draft_set_review_date(*, actor: Any, plan: ActionPlan, review_date: date) -> None:
    if review_date < today():
        raise ActionRefusedError(
            _("Opfølgningsdatoen kan ikke ligge i fortiden."),
            code="review_past",
            field="review_date",
        )
    with editing_draft(
        actor=actor, plan=plan, action="actionplans.draft.changed", part="review"
    ) as content:
        content["review_date"] = review_date.isoformat()


def plan_unlink_consultation(*, actor: Any, plan: ActionPlan) -> None:
    """Ends the consultants' read access that came with the consultation case."""
    with transaction.atomic():
        current = locked(plan.pk)
        require_editor(actor, current)
        if current.consultation_id is None:
            return
        old = current.consultation_id
        current.consultation_id = None
        current.save(update_fields=["consultation_id"])
        audit.record(
            actor=actor, action="actionplans.plan.unlinked", target=current, consultation=old
        )
    plan.consultation_id = None
