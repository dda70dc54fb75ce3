# Topics and audiences move from the knowledge app: copy every row with its id.

from django.db import migrations

from tillid.taxonomy.migrations._copying import copy_taxonomy


def copy_from_knowledge(apps, schema_editor):
    copy_taxonomy(apps, schema_editor, source="knowledge", target="taxonomy")


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0001_initial'),
        ('taxonomy', '0001_initial'),
    ]

    operations = [
        # Backwards, the taxonomy tables are simply dropped by 0001; knowledge 0003 copies back.
        migrations.RunPython(copy_from_knowledge, migrations.RunPython.noop),
    ]
