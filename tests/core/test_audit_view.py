"""The administrators' audit view: access per role, filters, CSV export, and its own audit."""

from __future__ import annotations

import pytest
from django.test import Client

from tillid.accounts.roles import Role
from tillid.core import audit
from tillid.core.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/revisionsspor/"
EXPORT = "/revisionsspor/eksport.csv"


def test_anonymous_is_sent_to_login(client: Client) -> None:
    assert client.get(URL)["Location"].startswith("/konto/log-ind/")
    assert client.get(EXPORT)["Location"].startswith("/konto/log-ind/")


def test_only_administrators_see_the_trail(client: Client, login, make_user, any_role) -> None:
    login(make_user(any_role))
    expected = 200 if any_role == Role.ADMINISTRATOR else 403
    assert client.get(URL).status_code == expected
    assert client.get(EXPORT).status_code == expected


def test_filters_by_person_record_action_and_time(
    client: Client, login, make_user, django_assert_max_num_queries
) -> None:
    admin = make_user(Role.ADMINISTRATOR, name="Admin Person")
    subject = make_user(name="Borger Sag")
    looker = make_user(name="Nysgerrig Kollega")
    audit.record(actor=looker, action="tests.case.viewed", target=subject)
    audit.record(actor=admin, action="tests.case.viewed", target=admin)
    login(admin)
    for _ in range(30):
        audit.record(actor=admin, action="tests.noise")
    with django_assert_max_num_queries(15):
        page = client.get(
            URL, {"target_type": "accounts.user", "target_id": subject.pk, "action": "tests.case"}
        ).content.decode()
    assert "Nysgerrig Kollega" in page
    assert "Admin Person" not in page.split("<tbody>")[1]
    page = client.get(URL, {"actor": "nysgerrig"}).content.decode()
    assert "tests.case.viewed" in page
    page = client.get(URL, {"since": "2000-01-01", "until": "2000-01-02"}).content.decode()
    assert "Ingen logposter matcher filteret." in page
    page = client.get(URL, {"since": "2030-01-02", "until": "2030-01-01"}).content.decode()
    assert "Fra-datoen skal ligge før til-datoen." in page


def test_viewing_and_exporting_are_audited(client: Client, login, make_user) -> None:
    admin = make_user(Role.ADMINISTRATOR)
    login(admin)
    client.get(URL, {"action": "accounts."})
    viewed = AuditEntry.objects.get(action="core.audit.viewed")
    assert viewed.actor == admin
    assert viewed.details == {"filters": {"action": "accounts."}}
    response = client.get(EXPORT, {"action": "core.audit"})
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    body = response.content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("Id;Tidspunkt;Bruger;Handling")
    assert "core.audit.viewed" in body
    assert AuditEntry.objects.filter(action="core.audit.exported", actor=admin).exists()
