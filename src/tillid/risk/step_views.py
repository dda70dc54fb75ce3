"""The step-by-step assessment flow. Each step saves the draft; nothing needs JavaScript.

Buttons: ``continue`` saves and goes to the next step, ``save`` saves and returns to the list
(resume later), ``add`` (scenarios) saves and shows another empty scenario, ``finalise`` (last
step) saves and finalises. Only the author reaches a draft's steps; a finalised assessment
sends them to its read-only page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tillid.core import access, clock
from tillid.core.refusals import ActionRefusedError, show_refusal
from tillid.directory.acute_selectors import acute_help
from tillid.risk import services, steps
from tillid.risk.definitions import InstrumentDefinition
from tillid.risk.directory_links import action_views
from tillid.risk.forms import (
    GroupAnswersForm,
    JudgementForm,
    NextStepsForm,
    PersonForm,
    ProtectiveFactorsForm,
    ScenarioFormSet,
)
from tillid.risk.models import Assessment, Level
from tillid.risk.selectors import answer_rows, assessment_get_for_author, instrument_current
from tillid.risk.summary import assessment_summary
from tillid.risk.views import ROLES, step_url

SAVE = "save"
CONTINUE = "continue"
ADD = "add"
FINALISE = "finalise"


def _action(request: HttpRequest) -> str:
    action = request.POST.get("action", CONTINUE)
    return action if action in (SAVE, CONTINUE, ADD, FINALISE) else CONTINUE


def _context(
    assessment: Assessment | None,
    definition: InstrumentDefinition,
    current: steps.Step,
    **extra: Any,
) -> dict[str, Any]:
    all_steps = steps.steps_for(definition)
    index = next(i for i, step in enumerate(all_steps) if step.slug == current.slug)
    done = assessment.steps_done if assessment else []
    return {
        "assessment": assessment,
        "definition": definition,
        "step": current,
        "step_number": index + 1,
        "step_count": len(all_steps),
        "indicator": [
            (entry, step_url(assessment, entry.step.slug) if assessment else "")
            for entry in steps.indicator(definition, done, current.slug)
        ],
        "previous_url": (
            step_url(assessment, all_steps[index - 1].slug) if assessment and index > 0 else ""
        ),
        "is_last": index == len(all_steps) - 1,
        **extra,
    }


def _after_save(request: HttpRequest, assessment: Assessment, current: steps.Step) -> HttpResponse:
    action = _action(request)
    if action == SAVE:
        messages.success(request, _("Kladden er gemt. Du kan fortsætte, når det passer dig."))
        return redirect("risk:index")
    if action == ADD:
        return redirect(step_url(assessment, current.slug) + "#scenarier")
    all_steps = steps.steps_for(assessment.instrument.parsed)
    index = next(i for i, step in enumerate(all_steps) if step.slug == current.slug)
    following = all_steps[min(index + 1, len(all_steps) - 1)]
    return redirect(step_url(assessment, following.slug))


# --- a new assessment ---------------------------------------------------------------------------


@access.roles(*ROLES)
@never_cache
def new(request: HttpRequest) -> HttpResponse:
    instrument = instrument_current()
    if instrument is None:
        return render(request, "risk/no_instrument.html", status=503)
    definition = instrument.parsed
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                actor=request.user,
                reference=form.cleaned_data["reference"],
                age_group=form.cleaned_data["age_group"],
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            return _after_save(request, assessment, steps.steps_for(definition)[0])
    current = steps.steps_for(definition)[0]
    return render(
        request,
        "risk/step_person.html",
        _context(None, definition, current, form=form, instrument=instrument),
    )


# --- the steps of a draft -----------------------------------------------------------------------


Handler = Callable[[HttpRequest, Assessment, InstrumentDefinition, steps.Step], HttpResponse]


@access.roles(*ROLES, selector=assessment_get_for_author, audit="risk.assessment.viewed")
@never_cache
def step(request: HttpRequest, obj: Assessment, step: str) -> HttpResponse:
    if obj.is_final:
        messages.info(request, _("Vurderingen er afsluttet og kan ikke ændres."))
        return redirect("risk:detail", pk=obj.pk)
    definition = obj.instrument.parsed
    found = steps.step_by_slug(definition, step)
    if found is None:
        raise Http404
    current = found[1]
    return HANDLERS[current.kind](request, obj, definition, current)


def _person(
    request: HttpRequest,
    assessment: Assessment,
    definition: InstrumentDefinition,
    current: steps.Step,
) -> HttpResponse:
    subject = assessment.subject
    editable = subject.created_by_id == request.user.pk and subject.context_type_id is None
    initial = {"reference": subject.reference, "age_group": assessment.age_group}
    form = PersonForm(request.POST or None, initial=initial, reference_editable=editable)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save_person(
                actor=request.user,
                assessment=assessment,
                age_group=form.cleaned_data["age_group"],
                reference=form.cleaned_data.get("reference") if editable else None,
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            return _after_save(request, assessment, current)
    return render(
        request,
        "risk/step_person.html",
        _context(assessment, definition, current, form=form, instrument=assessment.instrument),
    )


def _group(
    request: HttpRequest,
    assessment: Assessment,
    definition: InstrumentDefinition,
    current: steps.Step,
) -> HttpResponse:
    group = definition.group(current.group_code)
    initial = GroupAnswersForm.initial_for(group.items, answer_rows(assessment))
    form = GroupAnswersForm(
        request.POST or None, initial=initial, definition=definition, group=group
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save_answers(
                actor=request.user,
                assessment=assessment,
                group_code=group.code,
                answers=form.answers(),
                require_red_flags=_action(request) == CONTINUE,
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            return _after_save(request, assessment, current)
    return render(
        request,
        "risk/step_group.html",
        _context(assessment, definition, current, form=form, group=group),
    )


def _protective(
    request: HttpRequest,
    assessment: Assessment,
    definition: InstrumentDefinition,
    current: steps.Step,
) -> HttpResponse:
    initial = {"factors": assessment.protective_factors, "note": assessment.protective_note}
    form = ProtectiveFactorsForm(request.POST or None, initial=initial, definition=definition)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save_protective_factors(
                actor=request.user,
                assessment=assessment,
                factor_codes=form.cleaned_data["factors"],
                note=form.cleaned_data["note"],
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            return _after_save(request, assessment, current)
    return render(
        request, "risk/step_protective.html", _context(assessment, definition, current, form=form)
    )


def _scenarios(
    request: HttpRequest,
    assessment: Assessment,
    definition: InstrumentDefinition,
    current: steps.Step,
) -> HttpResponse:
    initial = [
        {
            "what": scenario.what,
            "who": scenario.who,
            "how_soon": scenario.how_soon,
            "severity": scenario.severity,
        }
        for scenario in assessment.scenarios.all()
    ]
    formset = ScenarioFormSet(request.POST or None, initial=initial, prefix="scenarie")
    if request.method == "POST" and formset.is_valid():
        kept = [
            form.to_input()
            for form in formset.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("what")
        ]
        try:
            services.assessment_save_scenarios(
                actor=request.user, assessment=assessment, scenarios=kept
            )
        except ValidationError as error:
            formset.forms[0].add_error(None, error)
        else:
            return _after_save(request, assessment, current)
    return render(
        request,
        "risk/step_scenarios.html",
        _context(assessment, definition, current, formset=formset),
    )


def _judgement(
    request: HttpRequest,
    assessment: Assessment,
    definition: InstrumentDefinition,
    current: steps.Step,
) -> HttpResponse:
    summary = assessment_summary(assessment)
    initial = {"final_level": assessment.final_level, "justification": assessment.justification}
    form = JudgementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save_judgement(
                actor=request.user,
                assessment=assessment,
                final_level=form.cleaned_data["final_level"],
                justification=form.cleaned_data["justification"],
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            return _after_save(request, assessment, current)
    return render(
        request,
        "risk/step_judgement.html",
        _context(
            assessment,
            definition,
            current,
            form=form,
            summary=summary,
            acute=Level.ACUTE.value,
            emergency_steps=action_views(definition.emergency_steps)[0],
            acute_numbers=acute_help(now=clock.now()),
        ),
    )


def _next_steps(
    request: HttpRequest,
    assessment: Assessment,
    definition: InstrumentDefinition,
    current: steps.Step,
) -> HttpResponse:
    form = NextStepsForm(request.POST or None, initial={"note": assessment.next_steps_note})
    problems: list[tuple[str, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save_next_steps(
                actor=request.user, assessment=assessment, note=form.cleaned_data["note"]
            )
            if _action(request) == FINALISE:
                services.assessment_finalise(actor=request.user, assessment=assessment)
                messages.success(
                    request, _("Vurderingen er afsluttet. Den kan ikke længere ændres.")
                )
                return redirect("risk:detail", pk=assessment.pk)
        except services.FinaliseRefusedError as refused:
            problems = [
                (problem.message, step_url(assessment, problem.step))
                for problem in refused.problems
            ]
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            return _after_save(request, assessment, current)
    if request.method == "POST":
        assessment.refresh_from_db()
    summary = assessment_summary(assessment)
    return render(
        request,
        "risk/step_next_steps.html",
        _context(
            assessment,
            definition,
            current,
            form=form,
            summary=summary,
            problems=problems,
            judgement_url=step_url(assessment, steps.JUDGEMENT),
            acute_numbers=acute_help(now=clock.now()) if summary.is_acute else None,
        ),
    )


HANDLERS: dict[str, Handler] = {
    "person": _person,
    "group": _group,
    "protective": _protective,
    "scenarios": _scenarios,
    "judgement": _judgement,
    "next_steps": _next_steps,
}
