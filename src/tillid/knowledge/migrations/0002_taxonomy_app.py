# The pages' topics and audiences point at the taxonomy app (same ids, copied by taxonomy 0002).

import modelcluster.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('knowledge', '0001_initial'),
        ('taxonomy', '0002_copy_from_knowledge'),
    ]

    operations = [
        migrations.AlterField(
            model_name='inspirationpage',
            name='audiences',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.audience', verbose_name='målgrupper'),
        ),
        migrations.AlterField(
            model_name='inspirationpage',
            name='topics',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.topic', verbose_name='emner'),
        ),
        migrations.AlterField(
            model_name='researchitempage',
            name='audiences',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.audience', verbose_name='målgrupper'),
        ),
        migrations.AlterField(
            model_name='researchitempage',
            name='topics',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.topic', verbose_name='emner'),
        ),
        migrations.AlterField(
            model_name='toolboxarticlepage',
            name='audiences',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.audience', verbose_name='målgrupper'),
        ),
        migrations.AlterField(
            model_name='toolboxarticlepage',
            name='topics',
            field=modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='taxonomy.topic', verbose_name='emner'),
        ),
    ]
