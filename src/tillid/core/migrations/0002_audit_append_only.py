"""Make the audit table append-only in the database itself, and seed the chain head."""

from django.db import migrations

from tillid.core.audit_guard import install_append_only_guard, remove_append_only_guard

GENESIS_HASH = "0" * 64


def forwards(apps, schema_editor):
    install_append_only_guard(schema_editor.connection)
    apps.get_model("core", "AuditChainHead").objects.get_or_create(
        pk=1, defaults={"last_hash": GENESIS_HASH}
    )


def backwards(apps, schema_editor):
    remove_append_only_guard(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_audit")]

    operations = [migrations.RunPython(forwards, backwards)]
