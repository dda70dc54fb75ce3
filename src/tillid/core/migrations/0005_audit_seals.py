"""Seals replace the locked chain head: check the old chain, keep every entry, seal them all.

The old chain (each entry's ``previous_hash`` and the head row) is checked before the head is
dropped; a broken chain stops the migration, since sealing it would vouch for a changed history.
Then the append-only triggers are put back (SQLite rebuilds the table to alter a column, which
drops them) and extended to the seals, and the existing entries are sealed with the audit key.
"""

import hashlib
import json

from django.db import migrations, models

from tillid.core.audit_guard import install_append_only_guard

GENESIS_HASH = "0" * 64


def _legacy_hash(entry):
    content = {
        "created_at": entry.created_at.isoformat(),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_label": entry.target_label,
        "details": entry.details,
        "previous_hash": entry.previous_hash,
    }
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_old_chain(apps, schema_editor):
    entry_model = apps.get_model("core", "AuditEntry")
    head = apps.get_model("core", "AuditChainHead").objects.filter(pk=1).first()
    expected = GENESIS_HASH
    for entry in entry_model.objects.order_by("id").iterator(chunk_size=2000):
        if entry.previous_hash != expected or _legacy_hash(entry) != entry.entry_hash:
            raise RuntimeError(
                f"The audit chain is broken at entry #{entry.pk} (manage.py audit_verify on the "
                "previous release names the cause). Restore the audit table from a backup before "
                "migrating: sealing it now would vouch for a changed history."
            )
        expected = entry.entry_hash
    if (head.last_hash if head else GENESIS_HASH) != expected:
        raise RuntimeError(
            "The newest audit entries were removed (the chain head does not match). Restore the "
            "audit table from a backup before migrating."
        )


def seal_existing(apps, schema_editor):
    from tillid.core.audit_seal import seal_pending

    install_append_only_guard(schema_editor.connection)
    seal_pending(
        entry_model=apps.get_model("core", "AuditEntry"),
        seal_model=apps.get_model("core", "AuditSeal"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0004_outgoingmail_attachments'),
    ]

    operations = [
        migrations.RunPython(check_old_chain, migrations.RunPython.noop),
        migrations.CreateModel(
            name='AuditSeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_id', models.BigIntegerField(unique=True)),
                ('last_id', models.BigIntegerField(unique=True)),
                ('count', models.PositiveIntegerField()),
                ('chain_hash', models.CharField(max_length=64)),
                ('previous_seal_hash', models.CharField(max_length=64, unique=True)),
                ('seal_hash', models.CharField(max_length=64, unique=True)),
                ('key_id', models.CharField(max_length=64)),
                ('created_at', models.DateTimeField()),
                ('signature', models.CharField(max_length=64)),
            ],
            options={
                'verbose_name': 'forsegling af log',
                'ordering': ['last_id'],
            },
        ),
        migrations.DeleteModel(
            name='AuditChainHead',
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='entry_hash',
            field=models.CharField(max_length=64),
        ),
        migrations.AlterField(
            model_name='auditentry',
            name='previous_hash',
            field=models.CharField(blank=True, default='', max_length=64),
        ),
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
    ]
