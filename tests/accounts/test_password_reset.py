"""Password reset by email through the outbox, and the Django admin behind role and 2FA."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tillid.accounts.roles import Role
from tillid.core.models import AuditEntry, OutgoingMail

pytestmark = pytest.mark.django_db


def _request_reset(client: Client, email: str, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks():
        response = client.post("/konto/glemt-adgangskode/", {"email": email})
    assert response["Location"] == "/konto/glemt-adgangskode/sendt/"


def test_reset_link_by_mail_sets_a_new_password(
    client: Client, make_user, django_capture_on_commit_callbacks, settings
) -> None:
    settings.TILLID_BASE_URL = "http://testserver"  # so that the test client can follow the link
    user = make_user(email="sara@kk.example", name="Sara Nielsen")
    _request_reset(client, "sara@kk.example", django_capture_on_commit_callbacks)
    mail = OutgoingMail.objects.get(to="sara@kk.example")
    assert mail.subject == "Nulstil din adgangskode til Tillid"
    assert "Hej Sara Nielsen" in mail.body_text
    link = re.search(r"http://testserver(/konto/nulstil/\S+/)", mail.body_text)
    assert link
    form_page = client.get(link.group(1), follow=True)
    assert "Vælg ny adgangskode" in form_page.content.decode()
    new = "en-helt-ny-og-lang-adgangskode"
    with django_capture_on_commit_callbacks():
        done = client.post(
            form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
        )
    assert done["Location"] == "/konto/nulstil/faerdig/"
    user.refresh_from_db()
    assert user.check_password(new)
    assert AuditEntry.objects.filter(action="accounts.user.password_reset").exists()
    assert OutgoingMail.objects.filter(template="core/email/password_changed").exists()
    # The link works once only.
    used = client.get(link.group(1), follow=True).content.decode()
    assert "Linket virker ikke længere" in used


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client: Client, django_capture_on_commit_callbacks
) -> None:
    _request_reset(client, "ukendt@kk.example", django_capture_on_commit_callbacks)
    assert not OutgoingMail.objects.exists()


def test_a_tampered_link_is_refused(client: Client, make_user) -> None:
    make_user()
    page = client.get("/konto/nulstil/MQ/forkert-token/", follow=True).content.decode()
    assert "Linket virker ikke længere" in page


def test_django_admin_is_for_verified_administrators_only(
    client: Client, login, make_user, any_role: str
) -> None:
    login(make_user(any_role))
    response = client.get("/admin/")
    if any_role == Role.ADMINISTRATOR:
        assert response.status_code == 200
        assert client.get("/admin/accounts/user/").status_code == 200
    else:
        assert response.status_code == 302  # the admin sends users without access to login


def test_admin_without_second_factor_is_sent_to_verify(client: Client, make_user) -> None:
    client.force_login(make_user(Role.ADMINISTRATOR))
    response = client.get("/admin/")
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow["Location"].startswith("/konto/totrin/")


def test_role_changes_in_the_admin_are_audited_with_the_administrator(
    client: Client, login, make_user
) -> None:
    from django.contrib.auth.models import Group

    admin = make_user(Role.ADMINISTRATOR)
    login(admin)
    user = make_user()
    course_administrator = Group.objects.get(name=Role.COURSE_ADMINISTRATOR)
    response = client.post(
        f"/admin/accounts/user/{user.pk}/change/",
        {
            "email": user.email,
            "name": user.name,
            "job_title": "",
            "org_unit": "",
            "groups": [course_administrator.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    added = AuditEntry.objects.get(action="accounts.role.added", target_id=str(user.pk))
    assert added.actor == admin
    assert added.details == {"roles": ["course_administrator"]}
    assert AuditEntry.objects.filter(action="accounts.user.changed", actor=admin).exists()
