"""Find hjælp: the public directory pages. Every view is public and read-only (plain GET)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tillid.core import access, clock
from tillid.core.navigation import service_links
from tillid.core.page_cache import cached_for_visitors
from tillid.directory import selectors
from tillid.directory.acute_selectors import acute_help
from tillid.directory.citizen_languages import (
    PAGE_LANGUAGES,
    citizen_language_links,
    is_draft,
    page_language,
)
from tillid.directory.forms import GuideForm, ReferralForm, ServiceFilterForm
from tillid.directory.guide import guide_recommendations
from tillid.directory.referral import referral_slip, render_slip_html, render_slip_pdf

SERVICES_PER_PAGE = 20


@access.public
@cached_for_visitors
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = ServiceFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.ServiceFilters()
    cards = selectors.service_list(filters=filters, now=clock.now())
    page = Paginator(cards, SERVICES_PER_PAGE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "directory/index.html",
        {"form": form, "page": page, "total": len(cards), "query": query.urlencode()},
    )


@access.public
@cached_for_visitors
@require_GET
def service(request: HttpRequest, slug: str) -> HttpResponse:
    detail = selectors.service_detail(slug=slug, now=clock.now())
    if detail is None:
        raise Http404(_("Tilbuddet findes ikke."))
    return render(
        request,
        "directory/service.html",
        {"detail": detail, "actions": service_links(slug)},
    )


@access.public
@cached_for_visitors
@require_GET
def organization(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.organization_page(slug=slug, now=clock.now())
    if page is None:
        raise Http404(_("Organisationen findes ikke."))
    return render(request, "directory/organization.html", {"organization": page})


@access.public
@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    form = GuideForm(request.GET or None)
    result = acute_numbers = None
    if form.is_valid():
        now = clock.now()
        result = guide_recommendations(answers=form.answers(), now=now)
        if result.show_emergency_number:
            acute_numbers = acute_help(now=now, audience="professionals")
    return render(
        request,
        "directory/guide.html",
        {"form": form, "result": result, "acute_numbers": acute_numbers},
    )


def _with_default_language(request: HttpRequest) -> QueryDict | None:
    """The referral form's data; the slip is in Danish unless another language is chosen."""
    if not request.GET:
        return None
    data = request.GET.copy()
    data.setdefault("sprog", "da")
    return data


@access.public
@require_GET
def referral(request: HttpRequest) -> HttpResponse:
    form = ReferralForm(_with_default_language(request))
    slip = slip_html = None
    if form.is_valid():
        slip = referral_slip(
            service_ids=form.cleaned_data["tilbud"], language=form.language(), now=clock.now()
        )
        # Rendered from our own template with autoescaping on, in the slip's language.
        slip_html = mark_safe(render_slip_html(slip))  # noqa: S308
    return render(
        request,
        "directory/referral.html",
        {"form": form, "slip": slip, "slip_html": slip_html, "query": request.GET.urlencode()},
    )


@access.public
@require_GET
def referral_pdf(request: HttpRequest) -> HttpResponse:
    form = ReferralForm(_with_default_language(request))
    if not form.is_valid():
        return render(request, "directory/referral.html", {"form": form}, status=400)
    slip = referral_slip(
        service_ids=form.cleaned_data["tilbud"], language=form.language(), now=clock.now()
    )
    filename = "henvisning.pdf" if slip.language == "da" else "referral-slip.pdf"
    response = HttpResponse(render_slip_pdf(slip), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access.public
@cached_for_visitors
@require_GET
@never_cache
def citizen_help(request: HttpRequest) -> HttpResponse:
    """The citizens' page, in its own plain chrome and the citizen's language. Never cached, so
    it does not linger in the browser after a quick exit."""
    extra = page_language(request.GET.get("sprog", ""))
    if extra is None:
        return _render_citizen_help(request)
    with translation.override(extra.code):
        return _render_citizen_help(request)


def _render_citizen_help(request: HttpRequest) -> HttpResponse:
    now = clock.now()
    current = translation.get_language() or settings.LANGUAGE_CODE
    cards = selectors.service_list(filters=selectors.ServiceFilters(audience="citizens"), now=now)
    language = PAGE_LANGUAGES.get(current, PAGE_LANGUAGES["da"])
    response = render(
        request,
        "directory/citizen_help.html",
        {
            "services": cards,
            "acute_numbers": acute_help(now=now, audience="citizens"),
            "quick_exit_url": settings.TILLID_QUICK_EXIT_URL,
            "citizen_language": language,
            "citizen_language_is_draft": is_draft(language),
            "citizen_languages": citizen_language_links(current),
        },
    )
    response["Content-Language"] = current
    return response
