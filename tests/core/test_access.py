"""Deny by default: the access-policy decorators and the system check that enforces them."""

from __future__ import annotations

import pytest
from django.core.checks import run_checks
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path
from django.views import View

from tillid.accounts.roles import Role
from tillid.core import access
from tillid.core.checks import views_without_policy


def undeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("no policy")


@access.roles(Role.CONSULTANT)
def consultants_only(request: HttpRequest) -> HttpResponse:
    return HttpResponse("consultant page")


@access.login_required
def anyone_logged_in(request: HttpRequest) -> HttpResponse:
    return HttpResponse("logged in")


@access.roles(Role.COURSE_ADMINISTRATOR)
class CourseAdminView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("class view")


def _selector(*, user: object, pk: int) -> str:
    return f"object {pk} for {user}"


@access.roles(Role.PROFESSIONAL, selector=_selector)
def object_view(request: HttpRequest, obj: str) -> HttpResponse:
    return HttpResponse(obj)


urlpatterns = [
    path("undeclared/", undeclared),
    path("consultants/", consultants_only),
    path("logged-in/", anyone_logged_in),
    path("course-admin/", CourseAdminView.as_view()),
    path("object/<int:pk>/", object_view),
    path("konto/", include("tillid.accounts.urls")),
    path("", include("tillid.core.urls")),  # the 403 page links home
]


def test_project_urls_all_declare_a_policy() -> None:
    assert views_without_policy() == []
    assert [e for e in run_checks() if e.id == "tillid.E001"] == []


def test_check_fires_on_an_undeclared_view(settings) -> None:
    settings.ROOT_URLCONF = __name__
    errors = [e for e in run_checks() if e.id == "tillid.E001"]
    assert len(errors) == 1
    assert "undeclared/" in errors[0].msg


@pytest.fixture
def test_urls(settings) -> None:
    settings.ROOT_URLCONF = __name__


@pytest.mark.django_db
@pytest.mark.usefixtures("test_urls")
def test_anonymous_is_sent_to_login(client: Client) -> None:
    for url in ["/consultants/", "/logged-in/", "/course-admin/", "/object/1/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/konto/log-ind/?next=")


@pytest.mark.django_db
@pytest.mark.usefixtures("test_urls")
def test_role_gate_for_every_role(client: Client, login, make_user, any_role: str) -> None:
    login(make_user(any_role))
    assert client.get("/logged-in/").status_code == 200
    expected = 200 if any_role == Role.CONSULTANT else 403
    response = client.get("/consultants/")
    assert response.status_code == expected
    if expected == 403:
        assert b"consultant page" not in response.content
    assert client.get("/course-admin/").status_code == (
        200 if any_role == Role.COURSE_ADMINISTRATOR else 403
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("test_urls")
def test_selector_receives_the_user_and_pk(client: Client, login, make_user) -> None:
    user = make_user(Role.PROFESSIONAL)
    login(user)
    response = client.get("/object/7/")
    assert response.content.decode() == f"object 7 for {user}"


def test_roles_needs_at_least_one_role() -> None:
    with pytest.raises(ValueError, match="at least one role"):
        access.roles()
