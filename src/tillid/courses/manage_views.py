"""The course administrators' pages: courses, sessions, participants, attendance, messages.

Every view requires the course administrator role and fetches its object through a selector
that checks the role again. Reading a participant list or exporting it is audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.core import access, audit, clock, confirm
from tillid.core.refusals import ActionRefusedError, show_refusal
from tillid.courses import exports, selectors, services
from tillid.courses.forms import CancelSessionForm, CourseForm, MessageForm, SessionForm
from tillid.courses.models import Course, CourseSession, Registration

ADMIN = Role.COURSE_ADMINISTRATOR


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data, also when a form was sent empty (all its fields optional)."""
    return request.POST if request.method == "POST" else None


@access.roles(ADMIN)
@require_http_methods(["GET", "HEAD"])
def manage_index(request: HttpRequest) -> HttpResponse:
    courses = selectors.course_list_for_administration()
    return render(request, "courses/manage/index.html", {"courses": courses})


def _course_form_page(
    request: HttpRequest, form: CourseForm, course: Course | None
) -> HttpResponse:
    return render(request, "courses/manage/course_form.html", {"form": form, "course": course})


@access.roles(ADMIN)
@require_http_methods(["GET", "POST"])
def course_create(request: HttpRequest) -> HttpResponse:
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None and not data.get("slug") and data.get("title"):
        data["slug"] = services.course_slug_from_title(str(data.get("title", "")))
    form = CourseForm(data)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(
                actor=_actor(request),
                data=form.cleaned_data,
                topics=form.cleaned_data["topics"],
                audiences=form.cleaned_data["audiences"],
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Kurset er oprettet. Tilføj nu et hold."))
            return redirect("courses:manage_session_create", pk=course.pk)
    return _course_form_page(request, form, None)


@access.roles(ADMIN, selector=selectors.course_get_for_user)
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, obj: Course) -> HttpResponse:
    form = CourseForm(_posted(request), instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(
                course_id=obj.pk,
                actor=_actor(request),
                data=form.cleaned_data,
                topics=form.cleaned_data["topics"],
                audiences=form.cleaned_data["audiences"],
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Kurset er gemt."))
            return redirect("courses:manage_index")
    return _course_form_page(request, form, obj)


@access.roles(ADMIN, selector=selectors.course_get_for_user)
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, obj: Course) -> HttpResponse:
    form = SessionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_create(
                course_id=obj.pk, actor=_actor(request), data=form.session_data()
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(request, _("Holdet er oprettet."))
            return redirect("courses:manage_session", pk=session.pk)
    return render(
        request, "courses/manage/session_form.html", {"form": form, "course": obj, "session": None}
    )


@access.roles(ADMIN, selector=selectors.session_get_for_user)
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    form = SessionForm(_posted(request), initial=SessionForm.initial_for(obj))
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(
                session_id=obj.pk, actor=_actor(request), data=form.session_data()
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request, _("Holdet er gemt. Deltagerne har fået besked om ændringer i tid og sted.")
            )
            return redirect("courses:manage_session", pk=obj.pk)
    return render(
        request,
        "courses/manage/session_form.html",
        {"form": form, "course": obj.course, "session": obj},
    )


@access.roles(
    ADMIN, selector=selectors.session_get_for_user, audit="courses.session.participants_viewed"
)
@require_http_methods(["GET", "HEAD"])
def session_detail(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    """Participants and the waiting list, with the actions on them. The read is audited."""
    participants = selectors.session_participants(session=obj)
    now = clock.now()
    obj.availability = selectors.availability(obj, now=now)  # type: ignore[attr-defined]
    return render(
        request,
        "courses/manage/session_detail.html",
        {
            "session": obj,
            "participants": participants,
            "summary": selectors.evaluation_summary(session=obj),
            "started": obj.starts_at <= now,
            "ended": obj.ends_at <= now,
        },
    )


@access.roles(
    ADMIN, selector=selectors.session_get_for_user, audit="courses.session.attendance_viewed"
)
@require_http_methods(["GET", "HEAD"])
def session_attendance(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    """A list to tick off on a phone at the door (the read is audited by the policy)."""
    participants = selectors.session_participants(session=obj)
    return render(
        request,
        "courses/manage/attendance.html",
        {"session": obj, "participants": participants.seated},
    )


@access.roles(ADMIN, selector=selectors.registration_get_for_administrator)
@require_POST
def registration_attendance(request: HttpRequest, obj: Registration) -> HttpResponse:
    attended = request.POST.get("attended") == "1"
    error = ""
    try:
        registration = services.registration_mark_attendance(
            registration_id=obj.pk, attended=attended, actor=_actor(request)
        )
    except ActionRefusedError as refused:
        registration, error = obj, refused.message
    if request.headers.get("HX-Request"):
        return render(
            request,
            "courses/manage/attendance_row.html",
            {"registration": registration, "error": error},
        )
    if error:
        messages.error(request, error)
    return redirect(f"{_attendance_url(obj)}#deltager-{obj.pk}")


def _attendance_url(registration: Registration) -> str:
    return reverse("courses:manage_attendance", kwargs={"pk": registration.session_id})


@access.roles(ADMIN, selector=selectors.registration_get_for_administrator)
@require_POST
def registration_promote(request: HttpRequest, obj: Registration) -> HttpResponse:
    try:
        services.registration_promote(registration_id=obj.pk, actor=_actor(request))
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(
            request, _("%(name)s har fået en plads og får besked.") % {"name": obj.name}
        )
    return redirect("courses:manage_session", pk=obj.session_id)


@access.roles(ADMIN, selector=selectors.registration_get_for_administrator)
@require_POST
def registration_remove(request: HttpRequest, obj: Registration) -> HttpResponse:
    if not confirm.is_confirmed(request):
        return confirm.confirmation_page(
            request,
            title=_("Fjern %(name)s fra holdet?") % {"name": obj.name},
            consequences=[
                _("%(name)s får besked om, at tilmeldingen er annulleret.") % {"name": obj.name},
                _("Pladsen går videre til den første på ventelisten."),
            ],
            confirm_label=_("Ja, fjern deltageren"),
            back_url=reverse("courses:manage_session", kwargs={"pk": obj.session_id}),
            back_label=_("Nej, gå tilbage"),
        )
    try:
        services.registration_cancel(
            registration_id=obj.pk, actor=_actor(request), by_administrator=True
        )
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        messages.success(
            request, _("%(name)s er fjernet fra holdet og får besked.") % {"name": obj.name}
        )
    return redirect("courses:manage_session", pk=obj.session_id)


@access.roles(ADMIN, selector=selectors.session_get_for_user)
@require_http_methods(["GET", "POST"])
def session_message(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    form = MessageForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            count = services.session_message(
                session_id=obj.pk,
                actor=_actor(request),
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                include_waiting=form.cleaned_data["include_waiting"],
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request, _("Beskeden er sendt til %(count)d personer.") % {"count": count}
            )
            return redirect("courses:manage_session", pk=obj.pk)
    return render(request, "courses/manage/message.html", {"form": form, "session": obj})


@access.roles(ADMIN, selector=selectors.session_get_for_user)
@require_http_methods(["GET", "POST"])
def session_cancel(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    form = CancelSessionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            told = services.session_cancel(
                session_id=obj.pk, actor=_actor(request), reason=form.cleaned_data["reason"]
            )
        except ActionRefusedError as refused:
            show_refusal(request, refused, form=form)
        else:
            messages.success(
                request,
                _("Holdet er aflyst. %(count)d personer har fået besked.") % {"count": told},
            )
            return redirect("courses:manage_session", pk=obj.pk)
    return render(request, "courses/manage/cancel.html", {"form": form, "session": obj})


def _export_table(request: HttpRequest, session: CourseSession, kind: str) -> list[list[str]]:
    participants = selectors.session_participants(session=session)
    audit.record(
        actor=request.user,
        action="courses.session.participants_exported",
        target=session,
        format=kind,
        rows=len(participants.seated) + len(participants.waiting),
    )
    return exports.rows(participants.seated, participants.waiting)


def _export_name(session: CourseSession, extension: str) -> str:
    day = timezone.localtime(session.starts_at).strftime("%Y-%m-%d")
    return f"deltagere-{session.course.slug}-{day}.{extension}"


@access.roles(ADMIN, selector=selectors.session_get_for_user)
@require_http_methods(["GET"])
def session_export_csv(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    table = _export_table(request, obj, "csv")
    return exports.csv_download(table, filename=_export_name(obj, "csv"))


@access.roles(ADMIN, selector=selectors.session_get_for_user)
@require_http_methods(["GET"])
def session_export_xlsx(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    table = _export_table(request, obj, "xlsx")
    response = HttpResponse(
        exports.to_xlsx(table),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(obj, "xlsx")}"'
    return response


@access.roles(ADMIN, selector=selectors.session_get_for_user)
@require_POST
def session_evaluation_invite(request: HttpRequest, obj: CourseSession) -> HttpResponse:
    try:
        invited = services.evaluation_invite_attendees(session_id=obj.pk, actor=_actor(request))
    except ActionRefusedError as refused:
        show_refusal(request, refused)
    else:
        if invited:
            messages.success(
                request, _("Evalueringen er sendt til %(count)d deltagere.") % {"count": invited}
            )
        else:
            messages.info(request, _("Alle fremmødte har allerede fået evalueringen."))
    return redirect(reverse("courses:manage_session", kwargs={"pk": obj.pk}) + "#evaluering")
