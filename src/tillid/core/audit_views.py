"""The administrators' audit view: filter, page through and export the audit trail."""

from __future__ import annotations

import json
from datetime import datetime, time

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from tillid.core import access, audit, audit_actions
from tillid.core.csv_export import csv_response
from tillid.core.forms import AuditFilterForm, RecordAccessForm
from tillid.core.selectors import AuditFilter, audit_accesses_for_record, audit_entry_list

ADMINISTRATOR = "administrator"
PAGE_SIZE = 50


def _filters(form: AuditFilterForm) -> AuditFilter | None:
    """None for invalid input, which shows no entries (never all of them)."""
    if not form.is_valid():
        return None
    data = form.cleaned_data
    zone = timezone.get_current_timezone()
    since = datetime.combine(data["since"], time.min, zone) if data.get("since") else None
    until = datetime.combine(data["until"], time.max, zone) if data.get("until") else None
    return AuditFilter(
        actor=data.get("actor", ""),
        target_type=data.get("target_type", ""),
        target_id=data.get("target_id", ""),
        action=data.get("action", ""),
        since=since,
        until=until,
    )


@access.roles(ADMINISTRATOR)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = _filters(form) if request.GET else AuditFilter()
    page = Paginator(audit_entry_list(filters=filters), PAGE_SIZE).get_page(request.GET.get("side"))
    audit.record(actor=request.user, action="core.audit.viewed", filters=request.GET.dict())
    for entry in page.object_list:
        entry.action_label = audit_actions.label(entry.action)  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "core/audit_log.html",
        {"form": form, "page": page, "query": query.urlencode()},
        status=400 if filters is None else 200,  # an unusable filter is the client's error
    )


@access.roles(ADMINISTRATOR)
def audit_log_export(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = _filters(form) if request.GET else AuditFilter()
    if filters is None:
        message = _("Filteret kan ikke bruges:") + "\n" + form.errors.as_text()
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    entries = audit_entry_list(filters=filters)
    audit.record(actor=request.user, action="core.audit.exported", filters=request.GET.dict())
    return csv_response(
        filename="revisionsspor.csv",
        header=[
            _("Id"),
            _("Tidspunkt"),
            _("Bruger"),
            _("Handling"),
            _("Handlingskode"),
            _("Posttype"),
            _("Post-id"),
            _("Post"),
            _("Detaljer"),
            _("Kontrolsum"),
        ],
        rows=(
            [
                entry.pk,
                entry.created_at,
                entry.actor_label,
                audit_actions.label(entry.action),
                entry.action,
                entry.target_type,
                entry.target_id,
                entry.target_label,
                json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
                entry.entry_hash,
            ]
            for entry in entries.iterator(chunk_size=2000)
        ),
    )


@access.roles(ADMINISTRATOR)
def record_accesses(request: HttpRequest) -> HttpResponse:
    """Who looked at one person's case, and when: for answering a citizen's access request."""
    form = RecordAccessForm(request.GET or None)
    page = None
    if form.is_valid():
        target_type, target_id = form.cleaned_data["target_type"], form.cleaned_data["target_id"]
        entries = audit_accesses_for_record(target_type=target_type, target_id=target_id)
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("side"))
        for entry in page.object_list:
            entry.action_label = audit_actions.label(entry.action)  # type: ignore[attr-defined]
        audit.record(
            actor=request.user,
            action="core.audit.record_accesses_viewed",
            record_type=target_type,
            record_id=target_id,
        )
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "core/audit_record_accesses.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )
