"""The professional's pages: the request form (or, outside the eligible units, where else to
turn), "Mine henvendelser" and one request with its messages, meetings and shared assessment.

Every page that shows a case is audited; objects come only through the requester selectors.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tillid.accounts.roles import Role
from tillid.consultations import services
from tillid.consultations.forms import MessageForm, RatingForm, RequestForm
from tillid.consultations.guidance import (
    acute_guidance,
    acute_guidance_for_requester,
    directory_url,
    services_for_others,
)
from tillid.consultations.models import Consultation
from tillid.consultations.risk_links import assessment_url, shared_assessment
from tillid.consultations.selectors import (
    consultation_get_for_requester,
    consultation_rows_for_requester,
    team_for_requests,
    user_is_eligible,
)
from tillid.core import access, audit, clock
from tillid.core.refusals import ActionRefusedError, show_refusal


@access.roles(Role.PROFESSIONAL)
@never_cache
def request_form(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    if not user_is_eligible(user=request.user):
        return render(
            request,
            "consultations/professional/not_eligible.html",
            {"services": services_for_others(now=now), "directory_url": directory_url()},
        )
    team = team_for_requests()
    form = RequestForm(request.POST or None, initial={"submission_token": uuid.uuid4()})
    if team is not None and request.method == "POST" and form.is_valid():
        try:
            consultation, created = services.consultation_submit(
                actor=request.user,
                token=form.cleaned_data["submission_token"],
                data=form.request_data(),
                now=now,
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            if created:
                messages.success(
                    request,
                    _("Din henvendelse er sendt til %(team)s og har fået nummer %(ref)s.")
                    % {"team": team.name, "ref": consultation.reference},
                )
            else:
                messages.info(
                    request,
                    _("Din henvendelse var allerede sendt. Den er kun gemt én gang (%(ref)s).")
                    % {"ref": consultation.reference},
                )
            return redirect("consultations:mine_detail", pk=consultation.pk)
    return render(
        request,
        "consultations/professional/request.html",
        {"form": form, "team": team, "guidance": acute_guidance(team=team, now=now)},
    )


@access.roles(Role.PROFESSIONAL)
@never_cache
def mine(request: HttpRequest) -> HttpResponse:
    rows = list(consultation_rows_for_requester(user=request.user))
    audit.record(
        actor=request.user,
        action="consultations.consultation.listed",
        page="requester",
        consultations=[row.pk for row in rows],
    )
    return render(request, "consultations/professional/mine.html", {"rows": rows})


def _render_request(
    request: HttpRequest,
    obj: Consultation,
    *,
    message_form: MessageForm | None = None,
    rating_form: RatingForm | None = None,
) -> HttpResponse:
    now = clock.now()
    assessment = shared_assessment(user=request.user, consultation=obj)
    context: dict[str, Any] = {
        "case": obj,
        "thread": list(obj.messages.all()),
        "meetings": list(obj.meetings.all()),
        "message_form": message_form or MessageForm(),
        "rating_form": rating_form or RatingForm(),
        "guidance": acute_guidance_for_requester(consultation=obj, now=now),
        "assessment": assessment,
        "assessment_url": assessment_url(assessment) if assessment else "",
        "message_url": reverse("consultations:mine_message", kwargs={"pk": obj.pk}),
        "rating_url": reverse("consultations:mine_rating", kwargs={"pk": obj.pk}),
    }
    services.messages_mark_read_by_requester(actor=request.user, consultation=obj, now=now)
    return render(request, "consultations/professional/detail.html", context)


@access.roles(
    Role.PROFESSIONAL,
    selector=consultation_get_for_requester,
    audit="consultations.consultation.opened",
    audit_details={"page": "requester"},
)
@never_cache
def mine_detail(request: HttpRequest, obj: Consultation) -> HttpResponse:
    return _render_request(request, obj)


@access.roles(Role.PROFESSIONAL, selector=consultation_get_for_requester)
@require_POST
def mine_message(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.message_from_requester(
                actor=request.user, consultation=obj, body=form.cleaned_data["body"]
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(request, _("Din besked er sendt til konsulenterne."))
            return redirect(reverse("consultations:mine_detail", kwargs={"pk": obj.pk}))
    return _render_request(request, obj, message_form=form)


@access.roles(Role.PROFESSIONAL, selector=consultation_get_for_requester)
@require_POST
def mine_rating(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rating_give(
                actor=request.user,
                consultation=obj,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(request, _("Tak for din vurdering. Den er gemt anonymt."))
            return redirect(reverse("consultations:mine_detail", kwargs={"pk": obj.pk}))
    return _render_request(request, obj, rating_form=form)
