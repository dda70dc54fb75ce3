"""The pages of action plans for the case worker: list, start, the plan, its parts, finalising,
revising and closing. Objects come through the selectors, so a plan someone may not read is a
404; reads are audited by the access policies, writes by the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tillid.accounts.roles import Role, has_role
from tillid.actionplans import document, forms, services
from tillid.actionplans.models import ActionPlan
from tillid.actionplans.selectors import (
    PLAN_ROLES,
    may_edit,
    plan_get_for_editor,
    plan_get_for_user,
    plan_rows_for_user,
    versions_of,
)
from tillid.actionplans.services.common import today
from tillid.actionplans.views.parts import PART_OF_SECTION, PARTS
from tillid.core import access, audit
from tillid.core.cpr import mask_cpr
from tillid.core.refusals import ActionRefusedError, show_refusal
from tillid.knowledge.selectors import legislation_page_url

PAGE_SIZE = 25


def concern_url() -> str:
    """Where a child's situation belongs: the concern report when that app exists, otherwise
    the legislation page (the knowledge app's guidance on the duty to notify)."""
    try:
        return reverse("concerns:start")
    except NoReverseMatch:
        return legislation_page_url() or reverse("directory:index")


@access.roles(*PLAN_ROLES)
@never_cache
def index(request: HttpRequest) -> HttpResponse:
    page = Paginator(plan_rows_for_user(user=request.user, today=today()), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    plans = list(page.object_list)
    audit.record(
        actor=request.user, action="actionplans.plan.listed", plans=[plan.pk for plan in plans]
    )
    return render(
        request,
        "actionplans/index.html",
        {
            "plans": plans,
            "page": page,
            "today": today(),
            "may_start": has_role(request.user, Role.CASE_WORKER),
        },
    )


@access.roles(Role.CASE_WORKER)
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    form = forms.StartForm(request.POST or None)
    minor = False
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_start(
                actor=request.user, identity=services.Identity(**form.cleaned_data)
            )
        except services.MinorRefusedError as refused:
            minor = True
            show_refusal(request, refused, form=form)
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(request, _("Handleplanen er oprettet som kladde."))
            _link_risk_from_start(request, plan)
            return redirect("actionplans:detail", pk=plan.pk)
    return render(
        request,
        "actionplans/start.html",
        {"form": form, "minor": minor, "concern_url": concern_url()},
    )


def _link_risk_from_start(request: HttpRequest, plan: ActionPlan) -> None:
    """A plan started from a finalised risk assessment (``?vurdering=<id>``) links it."""
    assessment = request.GET.get("vurdering", "")
    if not assessment.isdigit():
        return
    try:
        services.draft_link_risk(actor=request.user, plan=plan, assessment_id=int(assessment))
    except ActionRefusedError as refused:
        show_refusal(request, refused)


def _plan_context(user: Any, plan: ActionPlan) -> dict[str, Any]:
    draft = document.normalised(plan.draft_content) if plan.has_draft else None
    versions = versions_of(plan)
    return {
        "plan": plan,
        "cpr_masked": mask_cpr(plan.cpr_number) if plan.cpr_number else "",
        "may_edit": may_edit(user, plan),
        "draft_sections": [
            (section, PART_OF_SECTION.get(section.key) if may_edit(user, plan) else None)
            for section in document.sections(draft)
        ]
        if draft is not None
        else [],
        "problems": services.finalise_problems(draft) if draft is not None else [],
        "versions": versions,
        "compare_form": forms.CompareForm(
            numbers=[version.number for version in versions],
            initial={"fra": versions[-2].number, "til": versions[-1].number}
            if len(versions) > 1
            else None,
        ),
        "review_overdue": plan.review_date is not None and plan.review_date < today(),
    }


@access.roles(
    *PLAN_ROLES,
    selector=plan_get_for_user,
    audit="actionplans.plan.viewed",
    audit_details={"page": "detail"},
)
@never_cache
def detail(request: HttpRequest, obj: ActionPlan) -> HttpResponse:
    return render(request, "actionplans/detail.html", _plan_context(request.user, obj))


@access.roles(
    Role.CASE_WORKER,
    selector=plan_get_for_editor,
    audit="actionplans.plan.viewed",
    audit_details={"page": "edit"},
)
@never_cache
def edit(request: HttpRequest, obj: ActionPlan, part: str) -> HttpResponse:
    spec = PARTS.get(part)
    if spec is None:
        raise Http404
    if not may_edit(request.user, obj) or (part != "kontakt" and not obj.has_draft):
        messages.info(request, _("Planen kan ikke ændres nu. Start en revision for at ændre den."))
        return redirect("actionplans:detail", pk=obj.pk)
    doc = document.normalised(obj.draft_content)
    extra = spec.form_kwargs(request.user)
    if request.method == "POST":
        form = spec.form_class(request.POST, **extra)
        if form.is_valid():
            try:
                spec.save(request.user, obj, form.cleaned_data)
            except (ActionRefusedError, ValidationError) as error:
                show_refusal(request, error, form=form)
            else:
                messages.success(request, _("Gemt."))
                if spec.items:
                    return redirect("actionplans:edit", pk=obj.pk, part=part)
                return redirect(
                    reverse("actionplans:detail", kwargs={"pk": obj.pk}) + f"#{spec.anchor}"
                )
    else:
        form = spec.form_class(initial=spec.initial(obj, doc), **extra)
    section = next((s for s in document.sections(doc) if s.key == spec.anchor), None)
    return render(
        request,
        "actionplans/edit.html",
        {
            "plan": obj,
            "part": spec,
            "form": form,
            "items": section.lines if spec.items and section else [],
            "actions": doc["actions"] if spec.items == "actions" else [],
            "status_choices": document.ActionStatus.choices,
        },
    )


@access.roles(Role.CASE_WORKER, selector=plan_get_for_editor)
@require_POST
def remove_item(request: HttpRequest, obj: ActionPlan, part: str, index: int) -> HttpResponse:
    spec = PARTS.get(part)
    if spec is None or not spec.items:
        raise Http404
    try:
        services.draft_remove_item(actor=request.user, plan=obj, part=spec.items, index=index)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Punktet er fjernet."))
    return redirect("actionplans:edit", pk=obj.pk, part=part)


@access.roles(Role.CASE_WORKER, selector=plan_get_for_editor)
@require_POST
def action_status(request: HttpRequest, obj: ActionPlan, index: int) -> HttpResponse:
    form = forms.ActionStatusForm(request.POST)
    if form.is_valid():
        try:
            services.draft_set_action_status(
                actor=request.user, plan=obj, index=index, status=form.cleaned_data["status"]
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("Status er ændret."))
    return redirect("actionplans:edit", pk=obj.pk, part="handlinger")


@access.roles(Role.CASE_WORKER, selector=plan_get_for_editor)
@require_POST
def finalise(request: HttpRequest, obj: ActionPlan) -> HttpResponse:
    try:
        number = int(request.POST.get("draft_number", ""))
    except ValueError:
        number = -1
    try:
        version = services.plan_finalise(actor=request.user, plan=obj, draft_number=number)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
        return redirect("actionplans:detail", pk=obj.pk)
    messages.success(
        request, _("Version %(number)s er afsluttet og låst.") % {"number": version.number}
    )
    return redirect("actionplans:version", pk=obj.pk, number=version.number)


@access.roles(Role.CASE_WORKER, selector=plan_get_for_editor)
@require_POST
def revise(request: HttpRequest, obj: ActionPlan) -> HttpResponse:
    try:
        services.plan_revise(actor=request.user, plan=obj)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("En ny kladde er startet fra den seneste version."))
    return redirect("actionplans:detail", pk=obj.pk)


@access.roles(Role.CASE_WORKER, selector=plan_get_for_editor)
@require_POST
def close(request: HttpRequest, obj: ActionPlan) -> HttpResponse:
    try:
        services.plan_close(actor=request.user, plan=obj)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Handleplanen er lukket."))
    return redirect("actionplans:detail", pk=obj.pk)


@access.roles(Role.CASE_WORKER, selector=plan_get_for_editor)
@require_POST
def unlink(request: HttpRequest, obj: ActionPlan) -> HttpResponse:
    try:
        services.plan_unlink_consultation(actor=request.user, plan=obj)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Planen er ikke længere knyttet til konsultationssagen."))
    return redirect("actionplans:detail", pk=obj.pk)
