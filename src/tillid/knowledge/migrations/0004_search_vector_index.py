"""A GIN index on the search vector Wagtail's PostgreSQL backend matches against.

The backend filters with ``(title || body) @@ query``; its own indexes are on ``title`` and
``body`` separately, which that expression cannot use, so every search read the whole index
table. Only on PostgreSQL (SQLite's FTS5 table is indexed by itself).
"""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS tillid_search_vector_gin "
    "ON wagtailsearch_indexentry USING gin ((title || body))"
)
DROP = "DROP INDEX IF EXISTS tillid_search_vector_gin"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_delete_topic_audience"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
