"""Put the ratings stored so far in random order: the table's insertion order matched the audit
entries that named the case and the professional (the keys were random already)."""

import secrets

from django.db import migrations


def shuffle_ratings(apps, schema_editor):
    rating = apps.get_model("consultations", "Rating")
    fields = ["team_id", "month", "score", "comment"]
    rows = list(rating.objects.order_by().values("pk", *fields))
    contents = [{name: row[name] for name in fields} for row in rows]
    secrets.SystemRandom().shuffle(contents)
    for row, content in zip(rows, contents, strict=True):
        rating.objects.filter(pk=row["pk"]).update(**content)


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_risk_readers_and_shares"),
    ]

    operations = [
        migrations.RunPython(shuffle_ratings, migrations.RunPython.noop),
    ]
