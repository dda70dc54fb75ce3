"""Risk assessment pages outside the step flow: list, read, history, PDF, reassess, delete.

Every page is for professionals and consultants; objects come through the selectors, so an
assessment someone may not read is a 404 and never shown (``risk.access`` states who reads
what). Every read of an object is audited by the view's access policy; lists are audited here.
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

from tillid.accounts.roles import Role, has_role
from tillid.core import access, audit
from tillid.core.refusals import ActionRefusedError, show_refusal
from tillid.risk import access as risk_access
from tillid.risk import services, steps
from tillid.risk.charts import history_chart
from tillid.risk.models import Assessment, Subject
from tillid.risk.pdf import render_assessment_pdf
from tillid.risk.selectors import (
    SubjectRow,
    assessment_get_for_author,
    assessment_get_for_user,
    assessment_list_for_user,
    draft_list_for_author,
    reassessment_age_group,
    subject_drafts,
    subject_get_for_assessor,
    subject_get_for_user,
    subject_history,
    subject_rows_for_user,
)
from tillid.risk.summary import assessment_summary

ROLES = risk_access.ASSESSMENT_ROLES
PAGE_SIZE = 25


def step_url(assessment: Assessment, slug: str) -> str:
    return reverse("risk:step", kwargs={"pk": assessment.pk, "step": slug})


def resume_url(assessment: Assessment) -> str:
    return step_url(
        assessment, steps.first_open_step(assessment.instrument.parsed, assessment.steps_done).slug
    )


@access.roles(*ROLES)
@never_cache
def index(request: HttpRequest) -> HttpResponse:
    drafts = list(draft_list_for_author(user=request.user))
    page = Paginator(subject_rows_for_user(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    rows = [SubjectRow.of(subject) for subject in page.object_list]
    audit.record(
        actor=request.user,
        action="risk.assessment.listed",
        drafts=[draft.pk for draft in drafts],
        subjects=[row.subject.pk for row in rows],
    )
    return render(
        request,
        "risk/index.html",
        {
            "drafts": [(draft, resume_url(draft)) for draft in drafts],
            "rows": rows,
            "page": page,
        },
    )


@access.roles(
    *ROLES,
    selector=assessment_get_for_user,
    audit="risk.assessment.viewed",
    audit_details={"page": "detail"},
)
@never_cache
def detail(request: HttpRequest, obj: Assessment) -> HttpResponse:
    summary = assessment_summary(obj)
    is_author = obj.created_by_id == request.user.pk
    return render(
        request,
        "risk/detail.html",
        {
            "summary": summary,
            "assessment": obj,
            "is_author": is_author,
            "may_assess": risk_access.may_assess_subject(request.user, obj.subject),
            "resume_url": resume_url(obj) if is_author and not obj.is_final else "",
            # An adult's finalised assessment: the adults' case worker can start a § 12 a plan.
            "may_start_action_plan": obj.is_final
            and not obj.is_minor
            and has_role(request.user, Role.CASE_WORKER),
        },
    )


@access.roles(
    *ROLES,
    selector=assessment_get_for_user,
    audit="risk.assessment.exported",
    audit_details={"format": "pdf"},
)
@never_cache
def pdf(request: HttpRequest, obj: Assessment) -> HttpResponse:
    content = render_assessment_pdf({"summary": assessment_summary(obj), "assessment": obj})
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="risikovurdering-{obj.pk}.pdf"'
    return response


def _history_read(user: Any, subject: Subject) -> dict[str, Any]:
    """Which finalised assessments the history page shows, for the audit entry."""
    shown = assessment_list_for_user(user=user).filter(subject=subject, status="final")
    return {"assessments": sorted(shown.values_list("pk", flat=True))}


@access.roles(
    *ROLES,
    selector=subject_get_for_user,
    audit="risk.subject.history_viewed",
    audit_details=_history_read,
)
@never_cache
def history(request: HttpRequest, obj: Subject) -> HttpResponse:
    entries = subject_history(user=request.user, subject=obj)
    drafts = list(subject_drafts(user=request.user, subject=obj))
    return render(
        request,
        "risk/history.html",
        {
            "subject": obj,
            "entries": list(reversed(entries)),
            "chart": history_chart(entries),
            "drafts": [(draft, resume_url(draft)) for draft in drafts],
            "latest_age_group": entries[-1].assessment.age_group if entries else "",
            "may_assess": risk_access.may_assess_subject(request.user, obj),
        },
    )


@access.roles(*ROLES, selector=subject_get_for_assessor)
@require_POST
def reassess(request: HttpRequest, obj: Subject) -> HttpResponse:
    """A reassessment is a new draft for the same subject; it starts at the person step. Only
    for those who may assess the person (``risk.access``), never for a share reader."""
    age_group = reassessment_age_group(subject=obj, requested=request.POST.get("age_group", ""))
    try:
        assessment = services.assessment_start(actor=request.user, subject=obj, age_group=age_group)
    except (ActionRefusedError, ValidationError) as error:
        show_refusal(request, error)
        return redirect("risk:history", pk=obj.pk)
    return redirect(step_url(assessment, steps.PERSON))


@access.roles(
    *ROLES,
    selector=assessment_get_for_author,
    audit="risk.assessment.viewed",
    audit_details={"page": "delete"},
)
@never_cache
def delete_draft(request: HttpRequest, obj: Assessment) -> HttpResponse:
    if obj.is_final:
        messages.info(request, _("En afsluttet vurdering kan ikke slettes."))
        return redirect("risk:detail", pk=obj.pk)
    if request.method == "POST":
        services.assessment_delete_draft(actor=request.user, assessment=obj)
        messages.success(request, _("Kladden er slettet."))
        return redirect("risk:index")
    context: dict[str, Any] = {"assessment": obj, "resume_url": resume_url(obj)}
    return render(request, "risk/delete.html", context)
