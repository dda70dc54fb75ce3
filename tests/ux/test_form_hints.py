"""Forms that help: every aria-describedby (and aria-labelledby, label for=) on every form page
points at an element that exists, before and after a failed submit."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from tests.courses.conftest import course_admin, make_session, session  # noqa: F401
from tests.factories import UserFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.consultations.models import Consultation
from tillid.risk import services as risk_services

pytestmark = pytest.mark.django_db


def dangling_references(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    ids = {element["id"] for element in soup.select("[id]")}
    problems = []
    for attribute in ("aria-describedby", "aria-labelledby"):
        for element in soup.select(f"[{attribute}]"):
            for target in element[attribute].split():
                if target not in ids:
                    problems.append(f"{element.name}[{attribute}] -> #{target}")
    for label in soup.select("label[for]"):
        if label["for"] not in ids:
            problems.append(f"label[for] -> #{label['for']}")
    return problems


def check(client: Client, url: str, *, post: bool = True) -> None:
    response = client.get(url)
    assert response.status_code == 200, url
    assert dangling_references(response.content.decode()) == [], url
    if post:
        failed = client.post(url, {})
        if failed.status_code == 200:  # the form again, with errors
            assert dangling_references(failed.content.decode()) == [], f"POST {url}"


def test_public_form_pages(client: Client) -> None:
    from tillid.directory import demo

    demo.load()
    for url in (
        reverse("directory:index") + "?q=x",
        reverse("directory:guide"),
        reverse("directory:guide") + "?akut=nej",
        reverse("directory:referral") + "?sprog=da",
        reverse("courses:index"),
        reverse("knowledge:search") + "?q=kontrol",
        reverse("accounts:password_reset"),
    ):
        check(client, url, post=False)
    check(client, reverse("accounts:login"))


def test_professional_form_pages(
    client: Client,
    professional: User,
    case: Consultation,
    session: object,  # noqa: F811
) -> None:
    client.force_login(professional)
    check(client, reverse("consultations:request"))
    check(client, reverse("consultations:mine_detail", args=[case.pk]), post=False)
    failed = client.post(reverse("consultations:mine_message", args=[case.pk]), {})
    assert dangling_references(failed.content.decode()) == []
    check(client, reverse("accounts:password_change"))
    check(client, session.get_absolute_url(), post=False)  # type: ignore[attr-defined]
    register = reverse(
        "courses:register",
        kwargs={"slug": session.course.slug, "session_id": session.pk},  # type: ignore[attr-defined]
    )
    check(client, register)

    risk_services.instruments_load()
    draft = risk_services.assessment_create(actor=professional, reference="Elev", age_group="ung")
    for step in (
        "person",
        "vold",
        "beskyttende-faktorer",
        "scenarier",
        "vurdering",
        "naeste-skridt",
    ):
        url = reverse("risk:step", args=[draft.pk, step])
        response = client.get(url)
        if response.status_code != 200:
            continue
        assert dangling_references(response.content.decode()) == [], url
        failed = client.post(url, {})
        if failed.status_code == 200:
            assert dangling_references(failed.content.decode()) == [], f"POST {url}"


def test_consultant_case_page(
    consultant: User, assigned_case: Consultation, login: Callable[[User], Client]
) -> None:
    client = login(consultant)
    check(client, reverse("consultations:queue"), post=False)
    url = reverse("consultations:case", args=[assigned_case.pk])
    check(client, url, post=False)
    for name in ("case_note", "case_message", "case_meeting", "case_close", "case_assign"):
        failed = client.post(reverse(f"consultations:{name}", args=[assigned_case.pk]), {})
        if failed.status_code == 200:
            assert dangling_references(failed.content.decode()) == [], name


def test_course_administration_forms(
    course_admin: User,  # noqa: F811
    session: object,  # noqa: F811
    login: Callable[[User], Client],
) -> None:
    client = login(course_admin)
    check(client, reverse("courses:manage_course_create"))
    check(client, reverse("courses:manage_session_edit", args=[session.pk]))  # type: ignore[attr-defined]
    check(client, reverse("courses:manage_message", args=[session.pk]))  # type: ignore[attr-defined]
    check(client, reverse("courses:manage_session_cancel", args=[session.pk]))  # type: ignore[attr-defined]


def test_audit_log_filter(login: Callable[[User], Client]) -> None:
    admin = UserFactory(roles=[Role.ADMINISTRATOR])
    check(login(admin), reverse("core:audit_log") + "?actor=x", post=False)
