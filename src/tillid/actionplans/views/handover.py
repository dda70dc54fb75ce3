"""A consultant hands a consultation case about an adult over to a case worker."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.actionplans import forms, services
from tillid.actionplans.selectors import case_worker_choices
from tillid.consultations.selectors import consultation_get_for_consultant
from tillid.core import access
from tillid.core.refusals import ActionRefusedError, show_refusal


@access.roles(
    Role.CONSULTANT,
    selector=consultation_get_for_consultant,
    audit="consultations.consultation.opened",
    audit_details={"page": "actionplan_handover"},
)
@never_cache
def handover(request: HttpRequest, obj: Any) -> HttpResponse:
    form = forms.HandoverForm(request.POST or None, case_workers=case_worker_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.plan_handover_from_consultation(
                actor=request.user,
                consultation_id=obj.pk,
                case_worker=User.objects.get(pk=data["case_worker"]),
                identity=services.Identity(
                    citizen_name=data["citizen_name"],
                    birth_date=data["birth_date"],
                    cpr_number=data["cpr_number"],
                ),
                consent_given=data["consent_given"],
                carry=services.HandoverChoice(
                    description=data["carry_description"], risk_assessment=data["carry_risk"]
                ),
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(
                request,
                _("Sagen er overdraget. Sagsbehandleren har nu en handleplan for borgeren."),
            )
            return redirect("consultations:case", pk=obj.pk)
    return render(request, "actionplans/handover.html", {"form": form, "consultation": obj})
