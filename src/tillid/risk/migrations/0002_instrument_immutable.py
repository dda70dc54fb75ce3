"""Published instrument versions are immutable in the database itself (UPDATE is refused)."""

from django.db import migrations

from tillid.risk.immutability import install_instrument_guard, remove_instrument_guard


def forwards(apps, schema_editor):
    install_instrument_guard(schema_editor.connection)


def backwards(apps, schema_editor):
    remove_instrument_guard(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("risk", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
