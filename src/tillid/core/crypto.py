"""Encryption at rest for free-text case fields and identifiers.

Notes about a family and identifiers such as CPR numbers must not be readable from a copied
database file or backup, so ``EncryptedTextField`` stores them as Fernet tokens. The keys come
from ``TILLID_FIELD_KEYS``, newest first: the newest key encrypts, every key decrypts. To rotate,
put a new key in front, run ``manage.py rotate_field_keys``, then remove the old key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connections, models, router
from django.db.models.lookups import Exact, IsNull, Lookup, Transform


class FieldDecryptionError(Exception):
    """A stored value that none of the configured keys can decrypt (wrong or removed key)."""

    def __init__(self) -> None:
        # Deliberately without the value: messages end up in logs and error reports.
        super().__init__(
            "A stored encrypted value cannot be decrypted with any configured key "
            "(check TILLID_FIELD_KEYS)."
        )


@lru_cache(maxsize=4)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    if not keys:
        raise ImproperlyConfigured("TILLID_FIELD_KEYS is empty: encrypted fields need a key.")
    fernets = [Fernet(key) for key in keys]
    return MultiFernet(fernets), fernets[0]


def get_fernet() -> MultiFernet:
    """All configured keys: encrypts with the newest, decrypts with any. Follows the settings."""
    return _fernets(tuple(settings.TILLID_FIELD_KEYS))[0]


def encrypt_text(plaintext: str) -> str:
    return get_fernet().encrypt(plaintext.encode()).decode()


def decrypt_text(token: str) -> str:
    try:
        return get_fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise FieldDecryptionError from None


def rotate_token(token: str) -> str | None:
    """The token re-encrypted with the newest key, or None when it already uses the newest key.

    Raises ``FieldDecryptionError`` when no configured key decrypts it.
    """
    multi_fernet, newest = _fernets(tuple(settings.TILLID_FIELD_KEYS))
    try:
        newest.decrypt(token.encode())
    except InvalidToken:
        pass
    else:
        return None
    try:
        return multi_fernet.rotate(token.encode()).decode()
    except InvalidToken:
        raise FieldDecryptionError from None


class EmptyOrNullExact(Exact):
    """``field=""`` and ``field=None`` still work: empty values and NULL are not encrypted."""

    def get_prep_lookup(self) -> Any:
        if self.rhs not in (None, ""):
            raise FieldError(_no_lookup_message(self.lhs.output_field, "exact"))
        return super().get_prep_lookup()


def _no_lookup_message(field: models.Field[Any, Any], lookup_name: str) -> str:
    return (
        f"{field} is encrypted: it cannot be filtered, searched or compared by its content "
        f"({lookup_name!r}). Only isnull and equality with '' or None work."
    )


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; reads and writes see plain text.

    The database cannot search, compare, order or index by content: each token has its own
    random IV, so a system check refuses ``unique=True``, lookups other than ``isnull`` and
    ``=""`` raise ``FieldError``, and ordering by the field sorts by token, which is meaningless.
    ``None`` and ``""`` are stored as they are: an empty value carries no information, and
    keeping it empty lets ``blank=True`` fields be filtered for "filled in or not".
    """

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_lookup(self, lookup_name: str) -> type[Lookup[Any]] | None:
        if lookup_name == "isnull":
            return IsNull
        if lookup_name == "exact":
            return EmptyOrNullExact
        raise FieldError(_no_lookup_message(self, lookup_name))

    def get_transform(self, lookup_name: str) -> type[Transform] | None:
        raise FieldError(_no_lookup_message(self, lookup_name))

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if self.unique:
            errors.append(
                checks.Error(
                    "An encrypted field cannot be unique: every token differs, even for equal "
                    "values, so the database would never see a duplicate.",
                    obj=self,
                    id="tillid.crypto.E001",
                )
            )
        return errors


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedTextField]]:
    """Each encrypted column of every installed model once (proxies share their model's table)."""
    return [
        (model, field)
        for model in apps.get_models()
        if not model._meta.proxy
        for field in model._meta.local_concrete_fields
        if isinstance(field, EncryptedTextField)
    ]


@dataclass
class DecryptionCheck:
    checked: int = 0
    failures: list[tuple[str, Any]] = field(default_factory=list)  # ("app.Model.field", pk)


def check_encrypted_fields(*, using: str | None = None, batch_size: int = 2000) -> DecryptionCheck:
    """Try to decrypt every stored value of every encrypted field (after a restore, before a key
    is removed). Raw SQL in primary-key batches; failures name the row, never the value."""
    result = DecryptionCheck()
    for model, column_field in encrypted_fields():
        label = f"{model._meta.label}.{column_field.name}"
        connection = connections[using or router.db_for_read(model)]
        quote = connection.ops.quote_name
        pk_column = model._meta.pk.column if model._meta.pk else None
        if pk_column is None or column_field.column is None:
            continue
        table, pk, column = (
            quote(model._meta.db_table),
            quote(pk_column),
            quote(column_field.column),
        )
        # Quoted identifiers from the model's metadata; every value is a parameter.
        select = f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"  # noqa: S608
        last_pk = None
        while True:
            with connection.cursor() as cursor:
                if last_pk is None:
                    cursor.execute(f"{select} ORDER BY {pk} LIMIT %s", [batch_size])
                else:
                    cursor.execute(
                        f"{select} AND {pk} > %s ORDER BY {pk} LIMIT %s", [last_pk, batch_size]
                    )
                rows = cursor.fetchall()
            for row_pk, token in rows:
                result.checked += 1
                try:
                    decrypt_text(token)
                except FieldDecryptionError:
                    result.failures.append((label, row_pk))
            if len(rows) < batch_size:
                break
            last_pk = rows[-1][0]
    return result
