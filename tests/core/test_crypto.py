"""Encrypted model fields: Fernet tokens at rest, no lookups by content, key rotation."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.apps.registry import Apps
from django.conf import settings
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models
from django.db.migrations.writer import MigrationWriter
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import DjangoDbBlocker

from tillid.core.crypto import EncryptedTextField, FieldDecryptionError, decrypt_text, encrypt_text

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
SECRET = "Faren truer med at sende Aisha til Pakistan (CPR 010203-1234)"


class Note(models.Model):
    """A model of an app that is not installed, so no migration ever sees it."""

    text = EncryptedTextField(blank=True, null=True)

    class Meta:
        app_label = "crypto_tests"

    def __str__(self) -> str:
        return f"Note {self.pk}"


@pytest.fixture(scope="module")
def note_table(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """The table is made outside the per-test transaction: SQLite cannot change schema inside."""
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.create_model(Note)
    yield
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.delete_model(Note)


@pytest.fixture
def notes(note_table: None, db: None) -> None:
    """The ``Note`` table, emptied by rolling back each test's transaction."""


@pytest.fixture
def note_app(notes: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the command find ``Note`` as if its app were installed (reloading the app registry
    with another INSTALLED_APPS would re-run every app's ready(), which Wagtail refuses)."""
    from tillid.core import crypto

    installed = crypto.apps.get_models
    monkeypatch.setattr(crypto.apps, "get_models", lambda *args, **kwargs: [*installed(), Note])


def raw_text(note: Note) -> str | None:
    """The column as stored, read past the field's decryption."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote('text')} FROM {quote(Note._meta.db_table)} WHERE id = %s", [note.pk]
        )
        return cursor.fetchone()[0]


def rotate(**options: Any) -> str:
    out = StringIO()
    call_command("rotate_field_keys", stdout=out, **options)
    return out.getvalue()


@given(st.text())
def test_encrypt_and_decrypt_round_trip_any_text(text: str) -> None:
    assert decrypt_text(encrypt_text(text)) == text


@pytest.mark.usefixtures("notes")
def test_values_round_trip_through_the_database() -> None:
    note = Note.objects.create(text=SECRET)
    note.refresh_from_db()
    assert note.text == SECRET
    assert Note.objects.values_list("text", flat=True).get(pk=note.pk) == SECRET


@pytest.mark.usefixtures("notes")
def test_the_database_holds_a_fernet_token_not_the_plaintext() -> None:
    note = Note.objects.create(text=SECRET)
    stored = raw_text(note)
    assert stored is not None
    assert "Aisha" not in stored
    assert "010203" not in stored
    newest_key = Fernet(settings.TILLID_FIELD_KEYS[0])
    assert newest_key.decrypt(stored.encode()).decode() == SECRET


@pytest.mark.usefixtures("notes")
def test_update_and_bulk_update_encrypt_too() -> None:
    first, second = Note.objects.create(text="a"), Note.objects.create(text="b")
    Note.objects.filter(pk=first.pk).update(text=SECRET)
    second.text = SECRET
    Note.objects.bulk_update([second], ["text"])
    for note in (first, second):
        assert SECRET not in (raw_text(note) or "")
        note.refresh_from_db()
        assert note.text == SECRET


@pytest.mark.usefixtures("notes")
@pytest.mark.parametrize("empty", ["", None])
def test_empty_and_null_are_stored_as_they_are(empty: str | None) -> None:
    note = Note.objects.create(text=empty)
    assert raw_text(note) == empty
    note.refresh_from_db()
    assert note.text == empty


@pytest.mark.usefixtures("notes")
def test_filled_in_or_not_can_still_be_filtered() -> None:
    filled = Note.objects.create(text=SECRET)
    empty = Note.objects.create(text="")
    null = Note.objects.create(text=None)
    assert list(Note.objects.filter(text__isnull=True)) == [null]
    assert list(Note.objects.filter(text=None)) == [null]
    assert list(Note.objects.filter(text="")) == [empty]
    assert list(Note.objects.exclude(text="").exclude(text__isnull=True)) == [filled]


@pytest.mark.parametrize(
    "lookup",
    [
        {"text": SECRET},
        {"text__iexact": SECRET},
        {"text__icontains": "Aisha"},
        {"text__startswith": "Faren"},
        {"text__in": [SECRET]},
        {"text__gt": "A"},
        {"text__lower": "faren"},
        {"text__unaccent__icontains": "aisha"},
    ],
    ids=lambda lookup: next(iter(lookup)),
)
def test_filtering_by_content_raises(lookup: dict[str, object]) -> None:
    with pytest.raises(FieldError, match="is encrypted"):
        Note.objects.filter(**lookup)


@pytest.mark.usefixtures("notes")
def test_a_value_no_key_decrypts_raises_without_revealing_it() -> None:
    with override_settings(TILLID_FIELD_KEYS=[KEY_A]):
        note = Note.objects.create(text=SECRET)
    token = raw_text(note)
    assert token is not None
    with override_settings(TILLID_FIELD_KEYS=[KEY_B]), pytest.raises(FieldDecryptionError) as error:
        Note.objects.get(pk=note.pk)
    message = str(error.value)
    assert "TILLID_FIELD_KEYS" in message
    assert SECRET not in message
    assert token not in message


@pytest.mark.usefixtures("note_app")
def test_rotation_moves_values_to_the_newest_key_and_is_idempotent() -> None:
    with override_settings(TILLID_FIELD_KEYS=[KEY_A]):
        note = Note.objects.create(text=SECRET)
    old_token = raw_text(note)

    with override_settings(TILLID_FIELD_KEYS=[KEY_B, KEY_A]):
        assert "crypto_tests.Note.text: 1 rotated, 0 already on the newest key" in rotate()
        new_token = raw_text(note)
        assert new_token != old_token
        assert "crypto_tests.Note.text: 0 rotated, 1 already on the newest key" in rotate()
        assert raw_text(note) == new_token

    with override_settings(TILLID_FIELD_KEYS=[KEY_B]):
        note.refresh_from_db()
        assert note.text == SECRET


@pytest.mark.usefixtures("note_app")
def test_rotation_works_in_batches_and_skips_empty_values() -> None:
    with override_settings(TILLID_FIELD_KEYS=[KEY_A]):
        for number in range(5):
            Note.objects.create(text=f"note {number}")
    with override_settings(TILLID_FIELD_KEYS=[KEY_B]):
        Note.objects.create(text="already new")
    Note.objects.create(text="")
    Note.objects.create(text=None)

    with override_settings(TILLID_FIELD_KEYS=[KEY_B, KEY_A]):
        output = rotate(batch_size=2)
    assert "crypto_tests.Note.text: 5 rotated, 1 already on the newest key" in output

    with override_settings(TILLID_FIELD_KEYS=[KEY_B]):
        texts = set(Note.objects.values_list("text", flat=True))
    assert texts == {f"note {number}" for number in range(5)} | {"already new", "", None}


@pytest.mark.usefixtures("note_app")
def test_rotation_stops_clearly_on_a_value_no_key_decrypts() -> None:
    with override_settings(TILLID_FIELD_KEYS=[KEY_A]):
        note = Note.objects.create(text=SECRET)
    token = raw_text(note)
    assert token is not None

    with override_settings(TILLID_FIELD_KEYS=[KEY_B]), pytest.raises(CommandError) as error:
        rotate()
    message = str(error.value)
    assert f"crypto_tests.Note.text: the value in the row with primary key {note.pk}" in message
    assert "TILLID_FIELD_KEYS" in message
    assert SECRET not in message
    assert token not in message
    assert raw_text(note) == token


def test_migrations_serialize_the_field() -> None:
    _name, path, args, kwargs = EncryptedTextField(blank=True).deconstruct()
    assert path == "tillid.core.crypto.EncryptedTextField"
    assert args == []
    assert kwargs == {"blank": True}
    serialized, imports = MigrationWriter.serialize(EncryptedTextField(blank=True))
    assert serialized == "tillid.core.crypto.EncryptedTextField(blank=True)"
    assert imports == {"import tillid.core.crypto"}


def test_a_unique_encrypted_field_fails_the_system_check() -> None:
    class UniqueNote(models.Model):  # noqa: DJ008
        text = EncryptedTextField(unique=True)

        class Meta:
            app_label = "crypto_tests"
            apps = Apps()

    errors = UniqueNote._meta.get_field("text").check()
    assert [error.id for error in errors] == ["tillid.crypto.E001"]
