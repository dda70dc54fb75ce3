"""The parts of a plan's draft that the responsible case worker edits, one page each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.utils.translation import gettext_lazy as _

from tillid.actionplans import document, forms, services
from tillid.actionplans.models import ActionPlan
from tillid.actionplans.selectors import risk_choices
from tillid.directory.selectors import referral_choices


@dataclass(frozen=True)
class Part:
    slug: str
    title: Any
    form_class: type[django_forms.Form]
    save: Callable[[Any, ActionPlan, dict[str, Any]], None]
    initial: Callable[[ActionPlan, dict[str, Any]], dict[str, Any]] = lambda plan, doc: {}
    form_kwargs: Callable[[Any], dict[str, Any]] = lambda user: {}
    items: str = ""  # the document's list this part adds to (shown with remove buttons)
    anchor: str = ""


def _contact_initial(plan: ActionPlan, doc: dict[str, Any]) -> dict[str, Any]:
    return {
        "citizen_name": plan.citizen_name,
        "safe_phone": plan.safe_phone,
        "safe_times": plan.safe_times,
        "letters_to_address": plan.letters_to_address,
        "family_may_know": plan.family_may_know,
        "interpreter_needed": plan.interpreter_needed,
        "language": plan.language,
    }


def _save_contact(actor: Any, plan: ActionPlan, data: dict[str, Any]) -> None:
    services.plan_update_contact(actor=actor, plan=plan, contact=services.Contact(**data))


PARTS = {
    part.slug: part
    for part in (
        Part(
            "kontakt",
            _("Borger, sikker kontakt og tolk"),
            forms.ContactForm,
            _save_contact,
            initial=_contact_initial,
            anchor="borger",
        ),
        Part(
            "risiko",
            _("1. Risikovurdering"),
            forms.RiskForm,
            lambda actor, plan, data: services.draft_link_risk(
                actor=actor, plan=plan, assessment_id=data["assessment"]
            ),
            initial=lambda plan, doc: {"assessment": doc["risk"].get("assessment_id")},
            form_kwargs=lambda user: {"choices": risk_choices(user=user)},
            anchor="risk",
        ),
        Part(
            "situation",
            _("2. Borgerens aktuelle situation"),
            forms.SituationForm,
            lambda actor, plan, data: services.draft_set_situation(
                actor=actor, plan=plan, situation=data
            ),
            initial=lambda plan, doc: dict(doc["situation"]),
            anchor="situation",
        ),
        Part(
            "stoette",
            _("3. Støttemuligheder: bolig, arbejde og uddannelse"),
            forms.SupportForm,
            lambda actor, plan, data: services.draft_add_support(
                actor=actor,
                plan=plan,
                area=data["area"],
                service_id=data["service"],
                text=data["text"],
                purpose=data["purpose"],
            ),
            form_kwargs=lambda user: {"services": referral_choices()},
            items="support",
            anchor="support",
        ),
        Part(
            "anden-stoette",
            _("4. Andre støttemuligheder"),
            forms.OtherSupportForm,
            lambda actor, plan, data: services.draft_add_other_support(
                actor=actor, plan=plan, **data
            ),
            items="other_support",
            anchor="other_support",
        ),
        Part(
            "maal",
            _("Mål og borgerens egne ord"),
            forms.GoalsForm,
            lambda actor, plan, data: services.draft_set_goals(actor=actor, plan=plan, **data),
            initial=lambda plan, doc: {
                "goals": doc["goals"],
                "citizen_words": doc["citizen_words"],
            },
            anchor="goals",
        ),
        Part(
            "handlinger",
            _("Aftalte handlinger"),
            forms.ActionForm,
            lambda actor, plan, data: services.draft_add_action(actor=actor, plan=plan, **data),
            items="actions",
            anchor="actions",
        ),
        Part(
            "moeder",
            _("Møder med borgeren"),
            forms.MeetingForm,
            lambda actor, plan, data: services.draft_add_meeting(actor=actor, plan=plan, **data),
            items="meetings",
            anchor="meetings",
        ),
        Part(
            "enighed",
            _("Borgerens enighed eller uenighed"),
            forms.AgreementForm,
            lambda actor, plan, data: services.draft_set_agreement(actor=actor, plan=plan, **data),
            initial=lambda plan, doc: {
                "kind": doc["agreement"].get("kind"),
                "day": document.parse_date(doc["agreement"].get("date", "")),
                "how": doc["agreement"].get("how"),
                "reasons": doc["agreement"].get("reasons", ""),
            },
            anchor="agreement",
        ),
        Part(
            "opfoelgning",
            _("Opfølgning"),
            forms.ReviewForm,
            lambda actor, plan, data: services.draft_set_review_date(
                actor=actor, plan=plan, **data
            ),
            initial=lambda plan, doc: {"review_date": document.parse_date(doc["review_date"])},
            anchor="review",
        ),
    )
}

# The part that edits each section of the plan page.
PART_OF_SECTION = {part.anchor: part.slug for part in PARTS.values()}
PART_OF_SECTION["citizen_words"] = "maal"
