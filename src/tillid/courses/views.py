"""Public pages of the course calendar, registration, emailed links and "my courses".

Views parse, check access, call one service or selector and render; the rules live in
``services`` and the reads in ``selectors``.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tillid.accounts.models import User
from tillid.accounts.roles import Role, has_role
from tillid.core import access, clock, confirm
from tillid.core.page_cache import cached_for_visitors
from tillid.core.refusals import ActionRefusedError, show_refusal
from tillid.courses import invites, selectors, services
from tillid.courses.forms import (
    EvaluationForm,
    ExternalRegistrationForm,
    RegistrationForm,
    SessionFilterForm,
)
from tillid.courses.models import Course, CourseSession, Registration
from tillid.courses.services import Placement, SessionBusyError


def _language() -> str:
    return (get_language() or "da").split("-")[0]


def _is_professional(user: Any) -> bool:
    return has_role(user, Role.PROFESSIONAL)


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, also when a form was sent empty (all its fields optional)."""
    return request.POST if request.method == "POST" else None


@access.public
@cached_for_visitors
@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    """The calendar: upcoming sessions, filtered by month, type, topic and free seats."""
    now = clock.now()
    topics = selectors.topic_list_with_published_courses()
    form = SessionFilterForm(
        request.GET or None, months=selectors.month_choices(now=now), topics=topics
    )
    filters = selectors.SessionFilter()
    if form.is_bound and form.is_valid():
        filters = selectors.SessionFilter(
            month=form.month(),
            kind=form.cleaned_data["type"],
            topic=form.cleaned_data["emne"],
            free_seats=form.cleaned_data["ledige"],
        )
    sessions = selectors.session_list_public(filters=filters, now=now)
    return render(
        request,
        "courses/index.html",
        {"form": form, "months": _by_month(sessions), "filtered": form.is_bound},
    )


def _by_month(sessions: list[CourseSession]) -> list[tuple[date, list[CourseSession]]]:
    months: dict[date, list[CourseSession]] = {}
    for session in sessions:
        month = timezone.localtime(session.starts_at).date().replace(day=1)
        months.setdefault(month, []).append(session)
    return list(months.items())


@access.public
@require_http_methods(["GET", "HEAD"])
def feed(request: HttpRequest) -> HttpResponse:
    """The subscribable iCalendar feed of every session (public place only, never the venue)."""
    now = clock.now()
    body = invites.session_feed(selectors.feed_sessions(now=now), now=now)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tillid-kurser.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


@access.public
@cached_for_visitors
@require_http_methods(["GET", "HEAD"])
def course(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.course_get_public(slug=slug)
    sessions = selectors.course_sessions_public(course=found)
    mine = selectors.registrations_by_session(user=request.user, sessions=sessions)
    for session in sessions:
        session.my_registration = mine.get(session.pk)  # type: ignore[attr-defined]
    return render(request, "courses/course.html", {"course": found, "sessions": sessions})


def _placement_message(placement: Placement) -> str:
    if placement.confirmed:
        return _(
            "Du er tilmeldt. Vi har sendt en bekræftelse med en kalenderinvitation til din e-mail."
        )
    return _(
        "Holdet er fuldt, så du står på ventelisten som nr. %(position)d. Vi skriver til dig, "
        "så snart du får en plads."
    ) % {"position": placement.position or 0}


@access.public
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str, session_id: int) -> HttpResponse:
    """One step for a logged-in professional; name, work email and workplace for anyone else."""
    session = selectors.session_get_public(slug=slug, session_id=session_id)
    now = clock.now()
    session.availability = selectors.availability(session, now=now)  # type: ignore[attr-defined]
    professional = _is_professional(request.user)
    form_class = RegistrationForm if professional else ExternalRegistrationForm
    form = form_class(_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if professional:
                user: User = request.user  # type: ignore[assignment]
                placement = services.registration_create_for_user(
                    session_id=session.pk, user=user, needs=data["needs"], language=_language()
                )
                messages.success(request, _placement_message(placement))
                return redirect("courses:mine")
            registration = services.registration_request_external(
                session_id=session.pk,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                needs=data["needs"],
                language=_language(),
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            return render(
                request,
                "courses/link_result.html",
                {
                    "heading": _("Se din indbakke"),
                    "text": _(
                        "Vi har sendt en e-mail til %(email)s. Klik på linket i mailen inden 24 "
                        "timer for at bekræfte din tilmelding. Først da får du en plads eller en "
                        "plads på ventelisten."
                    )
                    % {"email": registration.email},
                    "course": session.course,
                },
            )
    return render(
        request,
        "courses/register.html",
        {
            "session": session,
            "course": session.course,
            "form": form,
            "professional": professional,
            "municipality_only": session.course.eligibility == Course.Eligibility.MUNICIPALITY,
            "login_url": f"{reverse('accounts:login')}?{urlencode({'next': request.path})}",
        },
    )


def _link_result(
    request: HttpRequest, heading: str, text: str, *, status: int = 200, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "courses/link_result.html",
        {"heading": heading, "text": text, **extra},
        status=status,
    )


@access.public
@require_http_methods(["GET", "POST"])
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """The double opt-in link. GET only asks (mail scanners open links); POST confirms."""
    if request.method == "GET":
        return render(request, "courses/confirm_email.html", {"token": token})
    try:
        placement = services.registration_confirm_email(token=token)
    except SessionBusyError as busy:
        return _link_result(request, _("Prøv igen om lidt"), busy.message, status=503)
    except ActionRefusedError as refused:
        return _link_result(
            request, _("Tilmeldingen kunne ikke bekræftes"), refused.message, status=400
        )
    registration = placement.registration
    return _link_result(
        request,
        _("Du er tilmeldt") if placement.confirmed else _("Du er på ventelisten"),
        _placement_message(placement),
        course=registration.session.course,
    )


@access.public
@require_http_methods(["GET", "POST"])
def cancel_link(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed cancel link: works without login until the session starts."""
    try:
        registration = services.registration_for_cancel_link(token=token)
    except ActionRefusedError as refused:
        return _link_result(request, _("Linket virker ikke"), refused.message, status=400)
    if request.method == "GET":
        return render(
            request, "courses/cancel_link.html", {"registration": registration, "token": token}
        )
    try:
        services.registration_cancel_by_link(token=token)
    except SessionBusyError as busy:
        return _link_result(request, _("Prøv igen om lidt"), busy.message, status=503)
    except ActionRefusedError as refused:
        return _link_result(request, _("Afmeldingen lykkedes ikke"), refused.message, status=400)
    return _link_result(
        request,
        _("Du er afmeldt"),
        _("Din tilmelding til %(course)s er afmeldt. Tak, fordi du gav pladsen videre.")
        % {"course": registration.session.course.title},
        course=registration.session.course,
    )


@access.login_required
@require_http_methods(["GET", "HEAD"])
def mine(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "courses/mine.html",
        {
            "mine": selectors.registration_list_for_user(user=user),
            # Others cancel through the link in their confirmation mail.
            "can_cancel": has_role(user, Role.PROFESSIONAL),
        },
    )


@access.roles(Role.PROFESSIONAL, selector=selectors.registration_get_for_user)
@require_POST
def mine_cancel(request: HttpRequest, obj: Registration) -> HttpResponse:
    if not confirm.is_confirmed(request):
        waiting = obj.status == Registration.Status.WAITING
        return confirm.confirmation_page(
            request,
            title=_("Afmeld %(course)s?") % {"course": obj.session.course.title},
            consequences=[
                _("Du mister din plads på ventelisten.")
                if waiting
                else _("Din plads går videre til den første på ventelisten.")
            ],
            details=[
                (
                    _("Hold"),
                    date_format(timezone.localtime(obj.session.starts_at), "DATETIME_FORMAT"),
                )
            ],
            confirm_label=_("Ja, forlad ventelisten") if waiting else _("Ja, afmeld mig"),
            back_url=reverse("courses:mine") + f"#tilmelding-{obj.pk}",
            back_label=_("Nej, behold min plads"),
        )
    try:
        services.registration_cancel(registration_id=obj.pk, actor=request.user)  # type: ignore[arg-type]
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(
            request,
            _("Du er afmeldt %(course)s.") % {"course": obj.session.course.title},
        )
    return redirect("courses:mine")


@access.public
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, token: str) -> HttpResponse:
    """The anonymous evaluation; the token is single-use and names nobody."""
    try:
        session = services.evaluation_session_for_token(token=token)
    except ActionRefusedError as refused:
        return _link_result(
            request, _("Evalueringen er ikke tilgængelig"), refused.message, status=400
        )
    form = EvaluationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                token=token,
                rating=form.cleaned_data["rating"],
                comment=form.cleaned_data["comment"],
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            return _link_result(
                request,
                _("Tak for din evaluering"),
                _("Dit svar er gemt uden navn. Det hjælper os med at gøre kurserne bedre."),
            )
    return render(request, "courses/evaluate.html", {"session": session, "form": form})
