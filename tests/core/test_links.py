"""Every email of every app links to Tillid's configured public address (``TILLID_BASE_URL``).

Each kind of email (every ``*/email/<name>.subject.txt`` template in the project) is sent through
the outbox to a real SMTP server on loopback; every address in what arrives, calendar invitations
included, must start with the configured base URL, never with the Host of the request that caused
the mail or the development default.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import timezone

from tests.core.test_mail import (  # noqa: F401 (fixtures)
    Inbox,
    inbox,
    run_worker,
    smtp_port,
    start_smtp,
)
from tests.courses.factories import CourseSessionFactory
from tests.factories import OrgUnitFactory
from tillid.accounts.models import User
from tillid.accounts.roles import Role
from tillid.accounts.user_admin_services import user_change_announce
from tillid.actionplans import services as actionplan_services
from tillid.actionplans.models import ActionPlan
from tillid.concerns.services import notifications as concern_mail
from tillid.consultations.services import notifications as consultation_mail
from tillid.core import links
from tillid.core.mail import send_mail
from tillid.core.models import OutgoingMail
from tillid.courses.models import Registration
from tillid.courses.services import notifications as course_mail

BASE = "https://tillid.test.example"
SRC = Path(__file__).resolve().parents[2] / "src" / "tillid"
URL = re.compile(r"https?://[^\s<>\"')]+")

pytestmark = pytest.mark.django_db


def every_email_template() -> set[str]:
    """``app/email/name`` of every email the project can send (one subject template each)."""
    return {
        str(path.relative_to(path.parents[2])).removesuffix(".subject.txt")
        for path in SRC.glob("*/templates/*/email/*.subject.txt")
    }


def texts(message: EmailMessage) -> list[str]:
    """Every text part, attachments included; calendar lines unfolded (RFC 5545 folds at 75)."""
    found = []
    for part in message.walk():
        if part.get_content_maintype() == "text":
            found.append(str(part.get_content()).replace("\r\n ", "").replace("\n ", ""))
    return found


def test_the_helper_joins_the_base_url_and_a_path(settings: Any) -> None:
    settings.TILLID_BASE_URL = "https://tillid.kk.dk"
    assert links.absolute_url("/kurser/") == "https://tillid.kk.dk/kurser/"
    assert links.absolute_reverse("courses:mine") == "https://tillid.kk.dk/kurser/mine/"
    assert links.absolute_reverse("courses:mine", language="en") == (
        "https://tillid.kk.dk/en/kurser/mine/"
    )
    with pytest.raises(ValueError, match="starting with '/'"):
        links.absolute_url("kurser/")


def test_the_cms_uses_the_same_address() -> None:
    assert settings.WAGTAILADMIN_BASE_URL == settings.TILLID_BASE_URL == "http://127.0.0.1:8000"


def test_every_kind_of_email_links_to_the_configured_address(
    settings: Any,
    inbox: Inbox,  # noqa: F811
    client: Client,
    make_user: Callable[..., User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TILLID_BASE_URL = BASE
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = make_user(email="sara@kk.example", name="Sara Nielsen")

    with django_capture_on_commit_callbacks(execute=True):
        # Accounts: the reset link comes from the setting, not from the request's Host.
        response = client.post("/konto/glemt-adgangskode/", {"email": user.email})
        assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        send_mail(
            to=user.email,
            template="core/email/password_changed",
            context={"name": user.name, "changed_at": timezone.now()},
        )
        # An administrator changed the account: says what, never a value, and carries no link.
        user_change_announce(user=user, what=["roles"])
        # Courses: every mail a participant can get, in Danish and in English.
        session = CourseSessionFactory(online_url="")
        for number, language in enumerate(["da", "en"], start=1):
            registration = Registration.objects.create(
                session=session,
                user=user if language == "da" else None,  # "Mine kurser" for a user only
                name=user.name,
                email=f"{language}.{user.email}",
                language=language,
                status=Registration.Status.CONFIRMED,
                arrival_number=number,
            )
            now = timezone.now()
            course_mail.email_confirmation_requested(registration)
            course_mail.registration_confirmed(registration, now=now)
            course_mail.registration_waiting(registration, position=1)
            course_mail.registration_promoted(registration, now=now)
            course_mail.session_changed(registration, now=now)
            course_mail.reminder(registration)
            course_mail.message(registration, subject="Husk", body="Vi ses.")
            course_mail.evaluation_invitation(registration, token="demo-token")
            course_mail.registration_cancelled(
                registration, had_seat=True, by_administrator=False, now=now
            )
            course_mail.session_cancelled(registration, had_seat=True, now=now)
        # Consultations: each notification, to the consultant's case page and the request page.
        for template in sorted(every_email_template()):
            app, _email, name = template.split("/")
            if app == "consultations":
                consultation_mail.notify(
                    recipients=[user], template=name, url=consultation_mail.case_url(7)
                )
                consultation_mail.notify(
                    recipients=[user], template=name, url=consultation_mail.request_url(7)
                )
            if app == "concerns":
                concern_mail.notify(user=user, template=name, url=concern_mail.status_url(7))
                concern_mail.notify(user=user, template=name, url=concern_mail.intake_url(7))
        # Action plans: the review reminder to the responsible case worker.
        worker = make_user(Role.CASE_WORKER, email="sofie@kk.example", org_unit=OrgUnitFactory())
        plan = actionplan_services.plan_start(
            actor=worker,
            identity=actionplan_services.Identity(
                citizen_name="Aisha Hansen", birth_date=date(1990, 1, 1)
            ),
        )
        ActionPlan.objects.filter(pk=plan.pk).update(review_date=timezone.localdate())
        assert actionplan_services.reviews_remind_due(plan_id=plan.pk) == 1
    run_worker()

    sent = set(OutgoingMail.objects.values_list("template", flat=True))
    assert sent == every_email_template(), "a new kind of email: add it to this test"
    assert OutgoingMail.objects.exclude(status=OutgoingMail.Status.SENT).count() == 0
    assert len(inbox.messages) == OutgoingMail.objects.count()
    linked = 0
    for message in inbox.messages:
        for text in texts(message):
            for url in URL.findall(text):
                assert url.startswith(BASE + "/"), (message["Subject"], url)
                linked += 1
    # Every mail but "password changed" and "account changed" carries at least one link.
    assert linked >= len(inbox.messages) - 2
    assert any("/en/kurser/" in text for m in inbox.messages for text in texts(m))
