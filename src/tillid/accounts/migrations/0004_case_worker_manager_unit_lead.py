"""The adults' case worker and manager roles (groups), and a lead per organisational unit."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

NEW_ROLES = ["case_worker", "manager"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in NEW_ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_role_grant"),
    ]

    operations = [
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
        migrations.AddField(
            model_name="orgunit",
            name="lead",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="led_units",
                to=settings.AUTH_USER_MODEL,
                verbose_name="leder",
            ),
        ),
    ]
