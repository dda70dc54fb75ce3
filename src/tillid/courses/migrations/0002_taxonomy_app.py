# Courses' topics and audiences point at the taxonomy app (same ids, copied by taxonomy 0002).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('courses', '0001_initial'),
        ('taxonomy', '0002_copy_from_knowledge'),
    ]

    operations = [
        migrations.AlterField(
            model_name='course',
            name='audiences',
            field=models.ManyToManyField(blank=True, help_text='Om kurset handler om børn, unge eller voksne.', related_name='courses', to='taxonomy.audience', verbose_name='handler om'),
        ),
        migrations.AlterField(
            model_name='course',
            name='topics',
            field=models.ManyToManyField(blank=True, related_name='courses', to='taxonomy.topic', verbose_name='emner'),
        ),
    ]
