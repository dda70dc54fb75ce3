"""Frozen plan versions are immutable in the database itself (UPDATE and DELETE refused)."""

from django.db import migrations

from tillid.actionplans.immutability import install_version_guard, remove_version_guard


def forwards(apps, schema_editor):
    install_version_guard(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_version_guard(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("actionplans", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
