"""The service types (HSDS taxonomy terms) every installation starts with."""

from django.db import migrations

TAXONOMY = "Tillid: ydelsestyper"
TERMS = [
    ("sparring", "Sparring", "Case consultation"),
    ("raadgivning", "Rådgivning", "Advice"),
    ("risikovurdering", "Risikovurdering", "Risk assessment"),
    ("konfliktmaegling", "Konfliktmægling", "Conflict mediation"),
    ("undervisning", "Undervisning", "Teaching"),
    ("opholdssted", "Opholdssted", "Residence"),
    ("anonym-raadgivning", "Anonym rådgivning", "Anonymous advice"),
    ("krisecenter", "Krisecenter", "Crisis centre"),
    ("politi", "Politi", "Police"),
    ("akut", "Akut hjælp", "Emergency help"),
]


def create_terms(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    taxonomy, _created = Taxonomy.objects.get_or_create(
        name=TAXONOMY,
        defaults={
            "description": "Hvilken slags hjælp et tilbud giver (Tillids egen liste).",
            "version": "1",
        },
    )
    for order, (code, name, name_en) in enumerate(TERMS):
        TaxonomyTerm.objects.get_or_create(
            code=code,
            defaults={"taxonomy": taxonomy, "name": name, "name_en": name_en, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]
