"""The notifier's pages: start (with their own drafts and reports), the seven steps, the adult
redirect, the status page with the receipt, and the PDF copy.

Objects come only through the notifier selectors; every open of a draft or a report is audited
by the access policy.
"""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tillid.accounts.roles import Role
from tillid.concerns import services, steps
from tillid.concerns.exports import render_report_pdf
from tillid.concerns.forms import STEP_FORMS, ChildForm, NotifierForm
from tillid.concerns.guidance import acute_guidance
from tillid.concerns.models import Report
from tillid.concerns.selectors import (
    report_get_for_notifier,
    report_list_for_notifier,
    submitted_get_for_notifier,
)
from tillid.concerns.services.drafts import intake_unit_for_reports
from tillid.core import access, audit, clock
from tillid.core.refusals import ActionRefusedError, show_refusal

NOTIFIER_ROLES = (Role.PROFESSIONAL, Role.CONSULTANT)


def step_url(report: Report, slug: str) -> str:
    return reverse("concerns:step", kwargs={"pk": report.pk, "step": slug})


@access.roles(*NOTIFIER_ROLES)
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    rows = list(report_list_for_notifier(user=request.user).select_related("intake_unit")[:100])
    audit.record(
        actor=request.user, action="concerns.report.listed", reports=[row.pk for row in rows]
    )
    origin = request.GET.get("fra", "")
    return render(
        request,
        "concerns/notifier/start.html",
        {
            "drafts": [row for row in rows if row.is_draft],
            "reports": [row for row in rows if not row.is_draft],
            "origin": origin if services.drafts.ORIGIN_PATH.match(origin) else "",
        },
    )


@access.roles(*NOTIFIER_ROLES)
@require_POST
def new(request: HttpRequest) -> HttpResponse:
    report = services.report_start(actor=request.user, origin_path=request.POST.get("fra", ""))
    return redirect(step_url(report, steps.ACUTE))


@access.roles(*NOTIFIER_ROLES, selector=report_get_for_notifier)
def resume(request: HttpRequest, obj: Report) -> HttpResponse:
    if obj.is_draft:
        return redirect(step_url(obj, steps.first_open(obj.steps_done)))
    return redirect("concerns:status", pk=obj.pk)


@access.roles(*NOTIFIER_ROLES)
def adult(request: HttpRequest) -> HttpResponse:
    return render(request, "concerns/notifier/adult.html")


def _fields(form: django_forms.Form) -> list[tuple[Any, str]]:
    shown = []
    for bound in form.visible_fields():
        widget = bound.field.widget
        if isinstance(widget, django_forms.CheckboxSelectMultiple):
            kind = "checkbox"
        elif isinstance(widget, django_forms.RadioSelect):
            kind = "radio"
        else:
            kind = "text"
        shown.append((bound, kind))
    return shown


def _form_for(slug: str, report: Report, request: HttpRequest) -> django_forms.Form:
    form_class = STEP_FORMS[slug]
    data = request.POST if request.method == "POST" else None
    if form_class is ChildForm:
        return ChildForm(data, initial=ChildForm.initial_for(report), saved_cpr=report.child_cpr)
    if form_class is NotifierForm:
        return NotifierForm(data, initial=NotifierForm.initial_for(report, request.user))
    return form_class(data, initial=form_class.initial_for(report))  # type: ignore[attr-defined]


def _render_step(
    request: HttpRequest,
    report: Report,
    slug: str,
    form: django_forms.Form | None,
    problems: list[services.drafts.SubmitProblem] | None = None,
) -> HttpResponse:
    index = steps.index_of(slug)
    now = clock.now()
    context = {
        "report": report,
        "step": steps.STEPS[index],
        "step_number": index + 1,
        "step_count": len(steps.STEPS),
        "indicator": [
            (entry, step_url(report, entry.step.slug) if entry.state != "disabled" else "")
            for entry in steps.indicator(report.steps_done, slug)
        ],
        "previous_url": step_url(report, steps.SLUGS[index - 1]) if index else "",
        "form": form,
        "fields": _fields(form) if form is not None else [],
        "is_review": slug == steps.REVIEW,
        "problems": problems if problems is not None else services.submit_problems(report),
        "acute_numbers": (
            acute_guidance(unit=intake_unit_for_reports(), now=now) if report.acute else None
        ),
        "cpr_masked": services.mask(report.child_cpr),
    }
    return render(request, "concerns/notifier/step.html", context)


@access.roles(
    *NOTIFIER_ROLES,
    selector=report_get_for_notifier,
    audit="concerns.report.draft_opened",
)
@never_cache
def step(request: HttpRequest, obj: Report, step: str) -> HttpResponse:
    if step not in steps.SLUGS:
        raise Http404
    if not obj.is_draft:
        # A second click on "Send" (or the back button) after submitting: one report, shown.
        if request.method == "POST":
            messages.info(
                request,
                _("Underretningen var allerede sendt. Den er kun sendt én gang (%(ref)s).")
                % {"ref": obj.reference},
            )
        return redirect("concerns:status", pk=obj.pk)
    if not steps.may_open(obj.steps_done, step):
        return redirect(step_url(obj, steps.first_open(obj.steps_done)))
    if step == steps.REVIEW:
        return _review(request, obj)
    form = _form_for(step, obj, request)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.report_save_step(
                actor=request.user,
                report=obj,
                step=step,
                data=form.step_data(),  # type: ignore[attr-defined]
            )
        except services.AdultError:
            return redirect("concerns:adult")
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            if request.POST.get("action") == "save":
                messages.success(request, _("Kladden er gemt. Du kan fortsætte senere her."))
                return redirect("concerns:start")
            return redirect(step_url(saved, steps.SLUGS[steps.index_of(step) + 1]))
    return _render_step(request, obj, step, form)


def _review(request: HttpRequest, report: Report) -> HttpResponse:
    if request.method != "POST":
        return _render_step(request, report, steps.REVIEW, None)
    try:
        submitted, created = services.report_submit(actor=request.user, report=report)
    except services.SubmitRefusedError as refused:
        return _render_step(request, report, steps.REVIEW, None, problems=refused.problems)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
        return _render_step(request, report, steps.REVIEW, None)
    if created:
        messages.success(
            request,
            _("Underretningen er sendt. Dit nummer er %(ref)s.") % {"ref": submitted.reference},
        )
    return redirect("concerns:status", pk=submitted.pk)


@access.roles(
    *NOTIFIER_ROLES,
    selector=submitted_get_for_notifier,
    audit="concerns.report.status_viewed",
)
@never_cache
def status(request: HttpRequest, obj: Report) -> HttpResponse:
    return render(
        request,
        "concerns/notifier/status.html",
        {"report": obj, "cpr_masked": services.mask(obj.child_cpr)},
    )


@access.roles(
    *NOTIFIER_ROLES,
    selector=submitted_get_for_notifier,
    audit="concerns.report.copy_downloaded",
)
def copy_pdf(request: HttpRequest, obj: Report) -> HttpResponse:
    response = HttpResponse(
        render_report_pdf(obj, for_notifier=True), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="underretning-{obj.reference}.pdf"'
    return response
