"""Tillid's service types (HSDS taxonomy terms). Migration 0002 creates them; the demo loader and
tests call ``ensure_service_types`` because a flushed test database has lost them."""

from __future__ import annotations

from tillid.directory.models import Taxonomy, TaxonomyTerm

TAXONOMY_NAME = "Tillid: ydelsestyper"
# (code, Danish name, English name): the codes are stable keys in URLs, CSV files and the guide.
SERVICE_TYPES = [
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


def ensure_service_types() -> dict[str, TaxonomyTerm]:
    """Create the taxonomy and any missing term (existing ones are left as editors made them)."""
    taxonomy, _created = Taxonomy.objects.get_or_create(
        name=TAXONOMY_NAME,
        defaults={
            "description": "Hvilken slags hjælp et tilbud giver (Tillids egen liste).",
            "version": "1",
        },
    )
    terms = {}
    for order, (code, name, name_en) in enumerate(SERVICE_TYPES):
        terms[code], _created = TaxonomyTerm.objects.get_or_create(
            code=code,
            defaults={"taxonomy": taxonomy, "name": name, "name_en": name_en, "sort_order": order},
        )
    return terms
