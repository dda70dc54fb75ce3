from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_outgoing_mail'),
    ]

    operations = [
        migrations.AddField(
            model_name='outgoingmail',
            name='attachments',
            field=models.JSONField(blank=True, default=list, verbose_name='vedhæftninger'),
        ),
    ]
