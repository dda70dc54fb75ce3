"""The intake's pages (``/modtagelse/``): the queue with both clocks, one report with its
earlier reports and the actions, and the exports for the case system.

Intake workers only (a two-factor role), and only their own unit's reports: objects come through
``report_get_for_intake``. Opening a report is audited by the policy; every export by
``services.report_export``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tillid.accounts.roles import Role
from tillid.concerns import services
from tillid.concerns.exports import render_report_pdf, report_json_bytes
from tillid.concerns.forms import AssessForm, AssignForm, FamilyFlagForm, FeedbackForm
from tillid.concerns.models import Report
from tillid.concerns.selectors import (
    clocks_of,
    earlier_counts,
    earlier_reports,
    intake_colleagues,
    queue_for_intake,
    report_get_for_intake,
)
from tillid.core import access, audit, clock
from tillid.core.refusals import ActionRefusedError, show_refusal

PAGE_SIZE = 25


@access.roles(Role.INTAKE_WORKER)
@never_cache
def queue(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    include_done = request.GET.get("vis") == "alle"
    paginator = Paginator(
        queue_for_intake(user=request.user, now=now, include_done=include_done), PAGE_SIZE
    )
    page = paginator.get_page(request.GET.get("side"))
    reports = list(page.object_list)
    counts = earlier_counts(reports=reports)
    rows = [(report, clocks_of(report, now), counts[report.pk]) for report in reports]
    audit.record(
        actor=request.user, action="concerns.queue.viewed", reports=[r.pk for r in reports]
    )
    return render(
        request,
        "concerns/intake/queue.html",
        {
            "rows": rows,
            "page": page,
            "include_done": include_done,
            "query": "vis=alle" if include_done else "",
            "overdue": sum(1 for _report, clocks, _count in rows if clocks.overdue),
        },
    )


def _render_report(request: HttpRequest, report: Report, **forms: Any) -> HttpResponse:
    now = clock.now()
    version = {"version": report.version}
    context = {
        "report": report,
        "clocks": clocks_of(report, now),
        "earlier": earlier_reports(report=report),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            initial={**version, "assignee": report.assigned_to_id},
            colleagues=intake_colleagues(report=report),
        ),
        "assess_form": forms.get("assess_form") or AssessForm(initial=version),
        "feedback_form": forms.get("feedback_form")
        or FeedbackForm(initial={**version, "feedback": report.feedback}),
        "family_form": forms.get("family_form") or FamilyFlagForm(initial=version),
        "cpr": f"{report.child_cpr[:6]}-{report.child_cpr[6:]}" if report.child_cpr else "",
    }
    status = 409 if forms.get("conflict") else 200
    return render(request, "concerns/intake/report.html", context, status=status)


def _back(report: Report, anchor: str = "") -> HttpResponse:
    url = reverse("concerns:report", kwargs={"pk": report.pk})
    return redirect(f"{url}#{anchor}" if anchor else url)


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake, audit="concerns.report.opened")
@never_cache
def report(request: HttpRequest, obj: Report) -> HttpResponse:
    return _render_report(request, obj)


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake)
@require_POST
def assign(request: HttpRequest, obj: Report) -> HttpResponse:
    form = AssignForm(request.POST, colleagues=intake_colleagues(report=obj))
    if form.is_valid():
        try:
            services.report_assign(
                actor=request.user,
                report=obj,
                assignee=form.cleaned_data["assignee"],
                expected_version=form.cleaned_data["version"],
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("Underretningen er tildelt."))
        return _back(obj)
    return _render_report(request, obj, assign_form=form)


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake)
@require_POST
def assess(request: HttpRequest, obj: Report) -> HttpResponse:
    form = AssessForm(request.POST)
    if form.is_valid():
        try:
            services.report_assess(
                actor=request.user,
                report=obj,
                data=form.assessment(),
                expected_version=form.cleaned_data["version"],
            )
        except services.ReportChangedError as changed:
            show_refusal(request, changed)
            obj.refresh_from_db()
            return _render_report(request, obj, conflict=True)
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(request, _("Vurderingen er gemt, og underretteren har fået besked."))
            return _back(obj)
    return _render_report(request, obj, assess_form=form)


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake)
@require_POST
def receipt(request: HttpRequest, obj: Report) -> HttpResponse:
    try:
        services.receipt_send(actor=request.user, report=obj)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(request, _("Kvitteringen er sendt til underretteren."))
    return _back(obj)


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake)
@require_POST
def feedback(request: HttpRequest, obj: Report) -> HttpResponse:
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_record(
                actor=request.user,
                report=obj,
                feedback=form.cleaned_data["feedback"],
                expected_version=form.cleaned_data["version"],
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("Tilbagemeldingen er sendt til underretteren."))
        return _back(obj)
    return _render_report(request, obj, feedback_form=form)


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake)
@require_POST
def family_flag(request: HttpRequest, obj: Report) -> HttpResponse:
    form = FamilyFlagForm(request.POST)
    if form.is_valid():
        try:
            services.family_flag_lift(
                actor=request.user,
                report=obj,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("„Kontakt ikke familien“ er ophævet."))
        return _back(obj)
    return _render_report(request, obj, family_form=form)


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake)
def export_json(request: HttpRequest, obj: Report) -> HttpResponse:
    services.report_export(actor=request.user, report=obj, kind="json")
    response = HttpResponse(report_json_bytes(obj), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="underretning-{obj.reference}.json"'
    return response


@access.roles(Role.INTAKE_WORKER, selector=report_get_for_intake)
def export_pdf(request: HttpRequest, obj: Report) -> HttpResponse:
    services.report_export(actor=request.user, report=obj, kind="pdf")
    response = HttpResponse(
        render_report_pdf(obj, for_notifier=False), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="underretning-{obj.reference}.pdf"'
    return response
