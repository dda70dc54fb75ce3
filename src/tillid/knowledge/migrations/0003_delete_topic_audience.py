# Topics and audiences live in the taxonomy app now; the old tables go once nothing points at them.

from django.db import migrations

from tillid.taxonomy.migrations._copying import copy_taxonomy


def copy_back(apps, schema_editor):
    """Migrating backwards: refill the recreated knowledge tables before the fields point back."""
    copy_taxonomy(apps, schema_editor, source="taxonomy", target="knowledge")


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0002_taxonomy_app'),
        ('knowledge', '0002_taxonomy_app'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, copy_back),
        migrations.DeleteModel(
            name='Audience',
        ),
        migrations.DeleteModel(
            name='Topic',
        ),
    ]
