"""The statistics page for managers and its exports. Every view and export is audited with the
area and period it showed (never a person: there is none to name)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from tillid.accounts.roles import Role
from tillid.core import access, audit, clock
from tillid.stats import exports
from tillid.stats.selectors import StatsPage, statistics_page


def _page(request: HttpRequest) -> StatsPage | None:
    return statistics_page(user=request.user, query=request.GET, now=clock.now())


def _audit(request: HttpRequest, page: StatsPage, action: str, **details: str) -> None:
    audit.record(
        actor=request.user,
        action=action,
        area=page.area.pk,
        period=page.period.slug,
        **details,
    )


@access.roles(Role.MANAGER)
@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    page = _page(request)
    if page is None:
        return render(request, "stats/no_unit.html")
    _audit(request, page, "stats.figures.viewed")
    return render(request, "stats/index.html", {"page": page, "query": request.GET.urlencode()})


@access.roles(Role.MANAGER)
@require_http_methods(["GET", "HEAD"])
def export_csv(request: HttpRequest) -> HttpResponse:
    page = _page(request)
    if page is None:
        return render(request, "stats/no_unit.html")
    _audit(request, page, "stats.figures.exported", format="csv")
    return exports.csv_download(page)


@access.roles(Role.MANAGER)
@require_http_methods(["GET", "HEAD"])
def export_xlsx(request: HttpRequest) -> HttpResponse:
    page = _page(request)
    if page is None:
        return render(request, "stats/no_unit.html")
    _audit(request, page, "stats.figures.exported", format="xlsx")
    return exports.xlsx_download(page)
