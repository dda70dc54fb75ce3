"""Editors' own views in the Wagtail admin (mounted under /cms/find-hjaelp/ by wagtail_hooks).

Wagtail wraps them in its admin-access check; each also declares the editor role itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tillid.accounts.roles import Role
from tillid.core import access, clock
from tillid.directory import csv_io, selectors, services
from tillid.directory.citizen_languages import CITIZEN_LANGUAGES, language_approvals
from tillid.directory.models import Service

TEMPLATES = "directory/admin/"


def _edit_url(service: Service) -> str:
    return reverse("wagtailsnippets_directory_service:edit", args=[service.pk])


@access.roles(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm that a service's facts are current: sets today's assured date."""
    service = get_object_or_404(Service.objects.select_related("organization"), pk=pk)
    if request.method == "POST":
        services.service_confirm_facts(actor=request.user, service=service)
        messages.success(
            request,
            _("Oplysningerne om %(name)s er bekræftet i dag.") % {"name": service.name},
        )
        return redirect(request.POST.get("next") or "directory_admin:unconfirmed")
    return render(
        request,
        TEMPLATES + "confirm.html",
        {
            "page_title": _("Bekræft oplysninger"),
            "header_icon": "tick",
            "service": service,
            "edit_url": _edit_url(service),
        },
    )


@access.roles(Role.EDITOR)
@require_http_methods(["GET"])
def unconfirmed(request: HttpRequest) -> HttpResponse:
    stale = selectors.services_not_confirmed_since(today=timezone.localdate(clock.now()), months=6)
    return render(
        request,
        TEMPLATES + "unconfirmed.html",
        {
            "page_title": _("Tilbud, der ikke er bekræftet i 6 måneder"),
            "header_icon": "warning",
            "services": [(service, _edit_url(service)) for service in stale],
        },
    )


@access.roles(Role.EDITOR)
@require_http_methods(["GET"])
def csv_export(request: HttpRequest) -> HttpResponse:
    return csv_io.export_response()


@access.roles(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def csv_import(request: HttpRequest) -> HttpResponse:
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            result = services.ImportResult(errors=[_("Vælg en CSV-fil.")])
        elif upload.size and upload.size > services.MAX_BYTES:
            result = services.ImportResult(
                errors=[
                    _("Filen er for stor: højst %(size)s kB. Del den op i flere filer.")
                    % {"size": services.MAX_BYTES // 1000}
                ]
            )
        else:
            result = services.import_services(actor=request.user, upload=upload)
        if result.ok:
            messages.success(
                request,
                _("Importeret: %(created)s nye og %(updated)s opdaterede tilbud.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("directory_admin:csv_import")
    return render(
        request,
        TEMPLATES + "csv_import.html",
        {
            "page_title": _("Importér tilbud fra CSV"),
            "header_icon": "upload",
            "result": result,
            "max_rows": services.MAX_ROWS,
            "max_kb": services.MAX_BYTES // 1000,
            "columns": services.COLUMNS,
        },
        status=400 if result is not None and not result.ok else 200,
    )


@access.roles(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def citizen_languages(request: HttpRequest) -> HttpResponse:
    """The translations of /hjaelp/: an editor approves a draft, which removes its banner."""
    if request.method == "POST":
        code = request.POST.get("sprog", "")
        try:
            services.citizen_language_approve(actor=request.user, language=code)
        except ValueError:
            messages.error(request, _("Ukendt sprog."))
        else:
            messages.success(request, _("Oversættelsen er godkendt."))
        return redirect("directory_admin:citizen_languages")
    approvals = language_approvals()
    return render(
        request,
        TEMPLATES + "citizen_languages.html",
        {
            "page_title": _("Borgersidens oversættelser"),
            "header_icon": "globe",
            "languages": [
                (language, approvals.get(language.code))
                for language in CITIZEN_LANGUAGES
                if not language.built_in
            ],
        },
    )


def include_urls() -> Any:
    patterns: list[URLPattern] = [
        path("bekraeft/<int:pk>/", confirm, name="confirm"),
        path("ikke-bekraeftet/", unconfirmed, name="unconfirmed"),
        path("csv/eksport/", csv_export, name="csv_export"),
        path("csv/import/", csv_import, name="csv_import"),
        path("borgersidens-sprog/", citizen_languages, name="citizen_languages"),
    ]
    return include((patterns, "directory_admin"))
