"""Retention by design: every model with personal data has a rule, the docs show the registry,
and the one scheduled command ends what is due and is audited."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import translation

from tests.conftest import FrozenClock
from tillid.accounts.models import User
from tillid.accounts.retention import ANONYMISED_DOMAIN
from tillid.accounts.roles import Role
from tillid.core import retention
from tillid.core.crypto import EncryptedTextField
from tillid.core.models import AuditEntry, OutgoingMail
from tillid.risk.models import Assessment, Subject

DOCS = Path(__file__).resolve().parents[2] / "docs" / "retention.md"
CPH = ZoneInfo("Europe/Copenhagen")


def test_every_model_with_personal_data_has_a_retention_rule() -> None:
    uncovered = retention.uncovered_models()
    assert uncovered == {}, (
        "These models hold personal data (the fields named) but no retention rule names them: "
        "add them to a rule in their app's retention.py, or exempt() them with the reason "
        f"their fields are not about a person: {uncovered}"
    )


def test_the_rule_finds_personal_data_of_each_kind() -> None:
    """The detector itself: each kind of field the docstring names is found."""

    class Note(models.Model):  # noqa: DJ008
        body = models.TextField()

        class Meta:
            app_label = "core"
            managed = False

    class Contact(models.Model):  # noqa: DJ008
        email = models.EmailField()
        phone_number = models.CharField(max_length=20)
        secret = EncryptedTextField()
        owner = models.ForeignKey(User, on_delete=models.CASCADE)
        title = models.CharField(max_length=20)

        class Meta:
            app_label = "core"
            managed = False

    try:
        assert retention.personal_fields(Note) == ["body (free text)"]
        assert retention.personal_fields(Contact) == [
            "email (email/ip)",
            "phone_number (identifier)",
            "secret (encrypted)",
            "owner (user)",
        ]
    finally:
        for name in ("note", "contact"):
            apps.all_models["core"].pop(name, None)
        apps.clear_cache()


def test_every_model_a_rule_names_exists_and_every_rule_says_how_it_ends() -> None:
    for rule in retention.rules():
        for label in rule.models:
            assert apps.get_model(label), label
        assert str(rule.how), rule.key
        if rule.setting:
            assert "%(value)s" in str(rule.period), rule.key
            assert rule.default is not None, rule.key


def test_the_docs_table_is_the_registry() -> None:
    with translation.override("en"):
        table = retention.docs_table()
    assert table in DOCS.read_text(), (
        "docs/retention.md is out of date: run "
        "`PYTHONPATH=src python manage.py retention --docs docs/retention.md`"
    )


@pytest.mark.django_db
def test_the_scheduled_command_ends_what_is_due_and_is_audited(
    clock: FrozenClock, make_user: Callable[..., User]
) -> None:
    now = clock.set(datetime(2026, 1, 10, 12, 0, tzinfo=CPH))
    author = make_user(Role.PROFESSIONAL)
    old_subject = Subject.objects.create(created_by=author, reference="gammel")
    fresh_subject = Subject.objects.create(created_by=author, reference="ny")
    Subject.objects.filter(pk=old_subject.pk).update(created_at=now - timedelta(days=800))
    OutgoingMail.objects.create(
        to="a@kk.example",
        subject="s",
        body_text="b",
        language="da",
        template="t",
        status=OutgoingMail.Status.SENT,
        created_at=now - timedelta(days=31),
    )
    closed = make_user(Role.PROFESSIONAL, name="Lukket Konto", is_active=False)
    User.objects.filter(pk=closed.pk).update(last_login=now - timedelta(days=400))
    still_open = make_user(Role.PROFESSIONAL, name="Aaben Konto")
    User.objects.filter(pk=still_open.pk).update(last_login=now - timedelta(days=400))
    AccessAttempt.objects.create(
        username="x", ip_address="127.0.0.1", failures_since_start=1, get_data="", post_data=""
    )
    AccessAttempt.objects.update(attempt_time=now - timedelta(days=91))

    out = io.StringIO()
    call_command("retention", stdout=out)

    assert list(Subject.objects.values_list("pk", flat=True)) == [fresh_subject.pk]
    assert not Assessment.objects.filter(subject_id=old_subject.pk).exists()
    assert not OutgoingMail.objects.exists()
    closed.refresh_from_db()
    assert closed.email == f"bruger-{closed.pk}@{ANONYMISED_DOMAIN}"
    assert closed.name != "Lukket Konto"
    assert not closed.has_usable_password()
    assert not closed.groups.exists()
    assert User.objects.get(pk=still_open.pk).name == "Aaben Konto"
    assert not AccessAttempt.objects.exists()
    entry = AuditEntry.objects.filter(action="core.retention.run").get()
    assert entry.details["counts"]["risk.assessments"] == 1
    assert entry.details["counts"]["accounts.users"] == 1
    assert "risk.assessments: 1" in out.getvalue()

    # A second run finds nothing more and is audited too.
    call_command("retention", stdout=io.StringIO())
    second = AuditEntry.objects.filter(action="core.retention.run").order_by("-id").first()
    assert second is not None
    assert set(second.details["counts"].values()) == {0}
