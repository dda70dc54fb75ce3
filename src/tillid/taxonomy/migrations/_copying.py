"""Copying topics and audiences between the knowledge and taxonomy apps, keeping their ids.

Used by taxonomy 0002 (forwards) and knowledge 0003 (backwards). Ids are kept so that the
many-to-many rows of pages and courses, and the page revisions that name topics by id, stay valid.
"""

from __future__ import annotations

from typing import Any

from django.core.management.color import no_style


def copy_taxonomy(apps: Any, schema_editor: Any, *, source: str, target: str) -> None:
    models = []
    for name, fields in (
        ("Topic", ("id", "name", "slug", "description")),
        ("Audience", ("id", "name", "slug", "sort_order")),
    ):
        source_model = apps.get_model(source, name)
        target_model = apps.get_model(target, name)
        rows = source_model.objects.using(schema_editor.connection.alias).values(*fields)
        target_model.objects.using(schema_editor.connection.alias).bulk_create(
            [target_model(**row) for row in rows]
        )
        models.append(target_model)
    # Rows were inserted with their ids: move PostgreSQL's sequences past them.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
