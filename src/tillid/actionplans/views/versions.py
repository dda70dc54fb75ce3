"""Frozen versions: read one, compare two, download the PDF, print the citizen's summary.

Every page is a read of the plan, audited by the access policy with the version in details.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from tillid.actionplans import document, forms
from tillid.actionplans.models import ActionPlan
from tillid.actionplans.pdf import render_plan_pdf
from tillid.actionplans.selectors import (
    PLAN_ROLES,
    compare,
    plan_get_for_user,
    version_of,
    versions_of,
)
from tillid.core import access, audit
from tillid.core.cpr import mask_cpr


def _version_context(plan: ActionPlan, number: int) -> dict[str, Any]:
    version = version_of(plan, number)
    return {
        "plan": plan,
        "version": version,
        "sections": [(section, None) for section in document.sections(version.document)],
        "cpr_masked": mask_cpr(plan.cpr_number) if plan.cpr_number else "",
    }


@access.roles(
    *PLAN_ROLES,
    selector=plan_get_for_user,
    audit="actionplans.plan.viewed",
    audit_details={"page": "version"},
)
@never_cache
def version(request: HttpRequest, obj: ActionPlan, number: int) -> HttpResponse:
    return render(request, "actionplans/version.html", _version_context(obj, number))


@access.roles(*PLAN_ROLES, selector=plan_get_for_user)
@never_cache
def compare_versions(request: HttpRequest, obj: ActionPlan) -> HttpResponse:
    versions = {version.number: version for version in versions_of(obj)}
    form = forms.CompareForm(request.GET or None, numbers=sorted(versions))
    if not form.is_valid():
        return redirect("actionplans:detail", pk=obj.pk)
    old, new = versions[form.cleaned_data["fra"]], versions[form.cleaned_data["til"]]
    audit.record(
        actor=request.user,
        action="actionplans.plan.compared",
        target=obj,
        versions=[old.number, new.number],
    )
    return render(
        request,
        "actionplans/compare.html",
        {
            "plan": obj,
            "old": old,
            "new": new,
            "sections": compare(old.document, new.document),
            "form": form,
        },
    )


@access.roles(
    *PLAN_ROLES,
    selector=plan_get_for_user,
    audit="actionplans.plan.exported",
    audit_details={"format": "pdf"},
)
@never_cache
def pdf(request: HttpRequest, obj: ActionPlan, number: int) -> HttpResponse:
    content = render_plan_pdf(_version_context(obj, number))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="handleplan-{obj.pk}-version-{number}.pdf"'
    )
    return response


@access.roles(
    *PLAN_ROLES,
    selector=plan_get_for_user,
    audit="actionplans.plan.summary_viewed",
)
@never_cache
def summary(request: HttpRequest, obj: ActionPlan, number: int) -> HttpResponse:
    """The citizen's own page to print: what we agreed, who does what, when we meet again, whom
    to call. No risk details, no CPR number."""
    version_obj = version_of(obj, number)
    doc = document.normalised(version_obj.document)
    return render(
        request,
        "actionplans/summary.html",
        {
            "plan": obj,
            "version": version_obj,
            "goals": [line for line in doc["goals"].splitlines() if line.strip()],
            "actions": [document.action_line(item) for item in doc["actions"]],
            "support": [document.support_line(item) for item in doc["support"]]
            + [document.other_support_line(item) for item in doc["other_support"]],
            "review_date": document.parse_date(doc["review_date"]),
        },
    )
