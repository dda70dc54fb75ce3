"""Rows that must not be traceable to the person who wrote them (ratings, evaluations).

Such a row gets a random key (UUID), a date no finer than the day, and no audit entry that names
a case or a person. That is not enough on its own: tables keep rows in the order they were
written (SQLite's rowid, PostgreSQL's heap), so ``SELECT *`` or a dump would list the answers in
the order of the audited actions around them. ``create_unlinkable`` therefore writes each new row
into a uniformly random place among the rows of its group (the "inside-out" Fisher-Yates shuffle:
the new content swaps places with a random existing row, or stays last), so that the stored order
is a random permutation of the answers. PostgreSQL appends every new row version (also an
UPDATE's) to the heap, so there the table is also rewritten in the order of its random keys
(``CLUSTER`` on the primary key; the tables are small: one row per answer).

Out of reach on purpose: PostgreSQL's ``xmin`` system column (the writing transaction), which a
database superuser can read.
"""

from __future__ import annotations

import secrets
from typing import Any, TypeVar

from django.db import connection, models, transaction

ModelT = TypeVar("ModelT", bound=models.Model)


def create_unlinkable(
    model: type[ModelT], *, group: dict[str, Any], content: dict[str, Any]
) -> ModelT:
    """Create a row of ``model`` with ``group`` (fields shared by the group, such as the team)
    and ``content`` (the anonymous answer), stored at a random place among the group's rows.

    Returns the row that holds ``content``; its key is random and says nothing about when it was
    written. The caller must not audit the row nor anything else in the same request that would
    name the writer beside it.
    """
    fields = list(content)
    with transaction.atomic():
        new_row = model._default_manager.create(**group, **content)
        others = list(
            model._default_manager.filter(**group)
            .exclude(pk=new_row.pk)
            .order_by()
            .values_list("pk", flat=True)
        )
        position = secrets.randbelow(len(others) + 1)
        holder_pk = new_row.pk
        if position < len(others):
            # An inside-out shuffle: the chosen row's content moves to the new row and the new
            # content takes the chosen row's place, so every order of the answers is as likely.
            holder_pk = others[position]
            moved = model._default_manager.filter(pk=holder_pk).values(*fields).get()
            model._default_manager.filter(pk=new_row.pk).update(**moved)
            model._default_manager.filter(pk=holder_pk).update(**content)
        if connection.vendor == "postgresql":
            _cluster_on_primary_key(model)
        return model._default_manager.get(pk=holder_pk)


def _cluster_on_primary_key(model: type[models.Model]) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            " WHERE i.indrelid = %s::regclass AND i.indisprimary",
            [table],
        )
        (index,) = cursor.fetchone()
        quote = connection.ops.quote_name
        # CLUSTER refuses a table with pending deferred foreign-key checks from this
        # transaction: run them now, then defer again as Django's constraints are declared.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"CLUSTER {quote(table)} USING {quote(index)}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
