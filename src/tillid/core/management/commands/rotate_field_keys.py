from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections, models, router, transaction

from tillid.core.crypto import (
    EncryptedTextField,
    FieldDecryptionError,
    encrypted_fields,
    rotate_token,
)


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the newest key in TILLID_FIELD_KEYS (idempotent). "
        "Run it after putting a new key first, before removing an old one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction")

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        fields = encrypted_fields()
        if not fields:
            self.stdout.write("No encrypted fields.")
        for model, field in fields:
            rotated, current = rotate_column(model, field, batch_size=batch_size)
            self.stdout.write(
                f"{model._meta.label}.{field.name}: {rotated} rotated, "
                f"{current} already on the newest key"
            )


def rotate_column(
    model: type[models.Model], field: EncryptedTextField, *, batch_size: int
) -> tuple[int, int]:
    """Rotate one column in primary-key order, a batch per transaction; (rotated, current).

    Raw SQL on purpose: the ORM would decrypt on read and encrypt again on write. Each UPDATE
    also matches the old token, so a value the application changed meanwhile is left alone.
    """
    label = f"{model._meta.label}.{field.name}"
    pk_column = model._meta.pk.column if model._meta.pk else None
    if pk_column is None or field.column is None:
        raise CommandError(f"{label}: only models with a single-column primary key are supported.")
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table, pk, column = quote(model._meta.db_table), quote(pk_column), quote(field.column)
    # The names are quoted identifiers from the model's metadata; every value is a parameter.
    select = f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''"  # noqa: S608
    update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s AND {column} = %s"  # noqa: S608
    rotated = current = 0
    last_pk = None
    while True:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            if last_pk is None:
                cursor.execute(f"{select} ORDER BY {pk} LIMIT %s", [batch_size])
            else:
                cursor.execute(
                    f"{select} AND {pk} > %s ORDER BY {pk} LIMIT %s", [last_pk, batch_size]
                )
            rows = cursor.fetchall()
            for row_pk, token in rows:
                try:
                    new_token = rotate_token(token)
                except FieldDecryptionError:
                    raise CommandError(
                        f"{label}: the value in the row with primary key {row_pk} cannot be "
                        "decrypted with any key in TILLID_FIELD_KEYS. Nothing in its batch was "
                        "changed; earlier batches were."
                    ) from None
                if new_token is None:
                    current += 1
                    continue
                cursor.execute(update, [new_token, row_pk, token])
                rotated += cursor.rowcount
        if len(rows) < batch_size:
            return rotated, current
        last_pk = rows[-1][0]
