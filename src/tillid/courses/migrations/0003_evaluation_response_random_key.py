"""Give evaluation answers a random key instead of a sequential one, keeping every answer.

A sequential key (and the table's insertion order) gave away the order in which attendees
answered. The answers are copied into a new table with UUID keys, in random order, and the new
table takes the old one's name.
"""

import secrets
import uuid

import django.db.models.deletion
from django.db import migrations, models


def copy_in_random_order(apps, schema_editor):
    old = apps.get_model("courses", "EvaluationResponse")
    new = apps.get_model("courses", "EvaluationResponseRandomKey")
    answers = list(old.objects.order_by().values("session_id", "rating", "comment", "submitted_on"))
    secrets.SystemRandom().shuffle(answers)
    for answer in answers:
        new.objects.create(id=uuid.uuid4(), **answer)


def copy_back(apps, schema_editor):
    old = apps.get_model("courses", "EvaluationResponse")
    new = apps.get_model("courses", "EvaluationResponseRandomKey")
    for answer in new.objects.order_by().values("session_id", "rating", "comment", "submitted_on"):
        old.objects.create(**answer)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_taxonomy_app"),
    ]

    operations = [
        migrations.CreateModel(
            name="EvaluationResponseRandomKey",
            fields=[
                (
                    "id",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, primary_key=True, serialize=False
                    ),
                ),
                ("rating", models.PositiveSmallIntegerField(verbose_name="samlet vurdering")),
                ("comment", models.TextField(blank=True, verbose_name="kommentar")),
                ("submitted_on", models.DateField(verbose_name="dato")),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="courses.coursesession",
                        verbose_name="hold",
                    ),
                ),
            ],
        ),
        migrations.RunPython(copy_in_random_order, copy_back),
        migrations.DeleteModel(name="EvaluationResponse"),
        migrations.RenameModel(old_name="EvaluationResponseRandomKey", new_name="EvaluationResponse"),
        migrations.AlterModelOptions(
            name="evaluationresponse",
            options={"verbose_name": "evalueringssvar", "verbose_name_plural": "evalueringssvar"},
        ),
        migrations.AlterField(
            model_name="evaluationresponse",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evaluation_responses",
                to="courses.coursesession",
                verbose_name="hold",
            ),
        ),
        migrations.AddConstraint(
            model_name="evaluationresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(("rating__gte", 1), ("rating__lte", 5)),
                name="evaluation_rating_1_to_5",
            ),
        ),
    ]
