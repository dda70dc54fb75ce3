"""The consultant workspace under /konsulent/ (2FA: the access policy enforces it for the
consultant role): the queue, one case with its actions, and the figures export.

Each action is its own POST view; on a validation error the case page is shown again with the
form as it was sent, so nothing typed is lost. Every display of a case is audited.

Over 400 lines on purpose: one small POST view per case action, beside the case page they return
to; the page's assembly lives in ``selectors.case_page``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from tillid.accounts.roles import Role
from tillid.consultations import exports, services
from tillid.consultations.forms import (
    AssignForm,
    CloseForm,
    MeetingForm,
    MessageForm,
    NoteForm,
    QueueFilterForm,
    RiskShareForm,
    RiskStartForm,
    StatusForm,
)
from tillid.consultations.guidance import referral_choices
from tillid.consultations.models import Consultation, Team
from tillid.consultations.risk_links import first_step_url
from tillid.consultations.selectors import (
    QueueFilters,
    consultation_get_for_consultant,
    consultation_queue,
    meetings_ahead,
    queue_counts,
    team_members,
)
from tillid.consultations.selectors.case_page import case_page_for_consultant
from tillid.core import access, audit, clock, confirm
from tillid.core.csv_export import csv_response
from tillid.core.refusals import ActionRefusedError, show_refusal

PAGE_SIZE = 50
EXPORT_LIMIT = 10_000


def _team_of(user: Any) -> Team | None:
    if user.org_unit_id is None:
        return None
    return Team.objects.filter(org_unit_id=user.org_unit_id).first()


def _filters(form: QueueFilterForm) -> QueueFilters:
    if not form.is_valid():
        return QueueFilters()
    data = form.cleaned_data
    return QueueFilters(
        status=data.get("status") or "open",
        help_type=data.get("help_type") or "",
        urgency=data.get("urgency") or "",
        assignee=data.get("assignee") or "",
        overdue=bool(data.get("overdue")),
    )


@access.roles(Role.CONSULTANT)
@never_cache
def queue(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    team = _team_of(request.user)
    members = list(team_members(team=team)) if team else []
    form = QueueFilterForm(request.GET, members=members)
    filters = _filters(form)
    page = Paginator(
        consultation_queue(user=request.user, filters=filters, now=now), PAGE_SIZE
    ).get_page(request.GET.get("side"))
    rows = list(page.object_list)
    audit.record(
        actor=request.user,
        action="consultations.queue.viewed",
        status=filters.status,
        consultations=[row.pk for row in rows],
    )
    query = request.GET.copy()
    query.pop("side", None)
    tabs = []
    counts = queue_counts(user=request.user, now=now)
    for value, label in QueueFilterForm.STATUS_CHOICES:
        tab_query = query.copy()
        tab_query["status"] = value
        tabs.append(
            {
                "label": label,
                "count": counts.get(str(value), 0),
                "url": "?" + tab_query.urlencode(),
                "current": filters.status == value,
            }
        )
    return render(
        request,
        "consultations/workspace/queue.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "tabs": tabs,
            "counts": counts,
            "team": team,
            "query": query.urlencode(),
            "export_query": request.GET.urlencode(),
        },
    )


def _forms_for(request: HttpRequest, case: Consultation, members: list[Any]) -> dict[str, Any]:
    return {
        "assign_form": AssignForm(
            members=members,
            initial={
                "assignee": str(case.assigned_to_id or request.user.pk),
                "expected_assignee": case.assigned_to_id or "",
            },
        ),
        "status_form": StatusForm(initial={"status": case.status}),
        "note_form": NoteForm(),
        "message_form": MessageForm(),
        "meeting_form": MeetingForm(),
        "close_form": CloseForm(referral_choices=referral_choices()),
        "risk_form": RiskStartForm(initial={"age_group": case.age_group}),
    }


def _render_case(request: HttpRequest, case: Consultation, **bound: forms.Form) -> HttpResponse:
    now = clock.now()
    page = case_page_for_consultant(user=request.user, consultation=case, now=now)
    context: dict[str, Any] = {
        **page.as_context(),
        **_forms_for(request, case, page.members),
        **bound,
    }
    services.messages_mark_read_by_team(actor=request.user, consultation=case, now=now)
    return render(request, "consultations/workspace/case.html", context)


def _case_url(case: Consultation, anchor: str = "") -> str:
    return reverse("consultations:case", kwargs={"pk": case.pk}) + (f"#{anchor}" if anchor else "")


@access.roles(
    Role.CONSULTANT,
    selector=consultation_get_for_consultant,
    audit="consultations.consultation.opened",
    audit_details={"page": "team"},
)
@never_cache
def case(request: HttpRequest, obj: Consultation) -> HttpResponse:
    return _render_case(request, obj)


def _act(
    request: HttpRequest,
    case: Consultation,
    form: forms.Form,
    form_name: str,
    action: Callable[[], Any],
    success: str,
    anchor: str,
) -> HttpResponse:
    """Run ``action`` for a valid form; on success go back to the case, else show the errors."""
    if form.is_valid():
        try:
            action()
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(request, success)
            return redirect(_case_url(case, anchor))
    return _render_case(request, case, **{form_name: form})


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_assign(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = AssignForm(request.POST, members=list(team_members(team=obj.team)))
    if form.is_valid():
        try:
            services.consultation_assign(
                actor=request.user,
                consultation=obj,
                assignee=form.cleaned_data["assignee"],
                expected_assignee_id=form.expected_assignee_id(),
            )
        except services.AssignmentConflictError as conflict:
            # Told on the fresh page, which shows the colleague's assignment.
            show_refusal(request, conflict)
            return redirect(_case_url(obj, "tildeling"))
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(
                request,
                _("Sagen er tildelt %(name)s.") % {"name": form.cleaned_data["assignee"].name},
            )
            return redirect(_case_url(obj, "tildeling"))
    return _render_case(request, obj, assign_form=form)


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_status(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = StatusForm(request.POST)
    return _act(
        request,
        obj,
        form,
        "status_form",
        lambda: services.consultation_set_status(
            actor=request.user, consultation=obj, status=form.cleaned_data["status"]
        ),
        _("Status er ændret."),
        "status",
    )


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_note(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = NoteForm(request.POST)
    return _act(
        request,
        obj,
        form,
        "note_form",
        lambda: services.note_add(
            actor=request.user, consultation=obj, body=form.cleaned_data["body"]
        ),
        _("Notatet er gemt."),
        "notater",
    )


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_message(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = MessageForm(request.POST)
    return _act(
        request,
        obj,
        form,
        "message_form",
        lambda: services.message_to_requester(
            actor=request.user, consultation=obj, body=form.cleaned_data["body"]
        ),
        _("Beskeden er sendt. Fagpersonen får en e-mail om, at der er en ny besked."),
        "beskeder",
    )


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_meeting(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = MeetingForm(request.POST)
    return _act(
        request,
        obj,
        form,
        "meeting_form",
        lambda: services.meeting_plan(
            actor=request.user, consultation=obj, data=form.meeting_data()
        ),
        _("Mødet er planlagt. Fagpersonen kan se det under sine henvendelser."),
        "moeder",
    )


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_close(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = CloseForm(request.POST, referral_choices=referral_choices())
    if form.is_valid() and not obj.is_closed and not confirm.is_confirmed(request):
        return _close_confirmation(request, obj, form)
    return _act(
        request,
        obj,
        form,
        "close_form",
        lambda: services.consultation_close(
            actor=request.user, consultation=obj, outcome=form.outcome()
        ),
        _("Sagen er afsluttet. Fagpersonen bliver bedt om en kort, anonym vurdering."),
        "",
    )


def _close_confirmation(request: HttpRequest, case: Consultation, form: CloseForm) -> HttpResponse:
    """Ask before closing; warn about meetings that lie ahead (they stay in the calendars)."""
    ahead = meetings_ahead(consultation=case, now=clock.now())
    warnings = [
        _("Der er planlagt et møde %(when)s. Aflys det hos fagpersonen, hvis det ikke skal holdes.")
        % {"when": date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")}
        for meeting in ahead
    ]
    return confirm.confirmation_page(
        request,
        title=_("Afslut henvendelse %(ref)s?") % {"ref": case.reference},
        warnings=warnings,
        consequences=[
            _("Sagen lukkes, og fagpersonen kan ikke længere skrive i den."),
            _("Fagpersonen bliver bedt om en kort, anonym vurdering."),
        ],
        details=[
            (str(form.fields["help_types"].label), ", ".join(_labels(form, "help_types"))),
            (str(form.fields["referred_to"].label), ", ".join(_labels(form, "referred_to"))),
        ],
        confirm_label=_("Ja, afslut sagen"),
        back_url=_case_url(case, "afslut"),
        back_label=_("Nej, gå tilbage til sagen"),
    )


def _labels(form: forms.Form, name: str) -> list[str]:
    field = form.fields[name]
    choices = dict(getattr(field, "choices", []))
    return [str(choices.get(value, value)) for value in form.cleaned_data.get(name) or []]


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_risk_start(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = RiskStartForm(request.POST)
    if form.is_valid():
        try:
            assessment = services.risk_assessment_start(
                actor=request.user, consultation=obj, age_group=form.cleaned_data["age_group"]
            )
        except (ActionRefusedError, ValidationError) as error:
            show_refusal(request, error, form=form)
        else:
            messages.success(
                request,
                _("Risikovurderingen er startet og knyttet til henvendelse %(ref)s.")
                % {"ref": obj.reference},
            )
            return redirect(first_step_url(assessment))
    return _render_case(request, obj, risk_form=form)


@access.roles(Role.CONSULTANT, selector=consultation_get_for_consultant)
@require_POST
def case_risk_share(request: HttpRequest, obj: Consultation) -> HttpResponse:
    form = RiskShareForm(request.POST)
    shared = form.is_valid() and bool(form.cleaned_data["shared"])
    try:
        services.risk_share_set(actor=request.user, consultation=obj, shared=shared)
    except ActionRefusedError as refused:
        show_refusal(request, refused)
        return redirect(_case_url(obj, "risikovurdering"))
    messages.success(
        request,
        _("Risikovurderingen er delt med fagpersonen.")
        if shared
        else _("Risikovurderingen er ikke længere delt med fagpersonen."),
    )
    return redirect(_case_url(obj, "risikovurdering"))


@access.roles(Role.CONSULTANT)
@never_cache
def export(request: HttpRequest) -> HttpResponse:
    """The queue's figures as CSV (the current filters; no free text, no names). Audited."""
    now = clock.now()
    team = _team_of(request.user)
    members = list(team_members(team=team)) if team else []
    filters = _filters(QueueFilterForm(request.GET, members=members))
    cases = list(
        consultation_queue(user=request.user, filters=filters, now=now)
        .select_related(None)
        .only(*exports.FIELDS)[:EXPORT_LIMIT]
    )
    audit.record(
        actor=request.user,
        action="consultations.consultation.exported",
        format="csv",
        status=filters.status,
        count=len(cases),
    )
    return csv_response(
        filename=exports.FILENAME, header=exports.header(), rows=map(exports.row, cases)
    )
