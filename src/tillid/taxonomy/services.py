"""Writes of the shared taxonomy: the standard topics and audiences of a new installation."""

from __future__ import annotations

from django.db import transaction

from tillid.taxonomy.models import Audience, Topic

# The standard topics: (name, slug, description).
TOPICS = [
    ("Social kontrol", "social-kontrol", ""),
    ("Æresrelaterede konflikter", "aeresrelaterede-konflikter", ""),
    ("Tvangsægteskab", "tvangsaegteskab", ""),
    (
        "Genopdragelsesrejser",
        "genopdragelsesrejser",
        "Når et barn sendes til udlandet mod sin vilje.",
    ),
    ("Digital kontrol", "digital-kontrol", "Overvågning via telefon, sociale medier og apps."),
    ("LGBT+", "lgbt", ""),
    ("Samtalen med borgeren", "samtalen", ""),
    ("Underretning", "underretning", ""),
    ("Risikovurdering", "risikovurdering", ""),
]
# The standard audiences: (name, slug), in display order.
AUDIENCES = [("Børn", "boern"), ("Unge", "unge"), ("Voksne", "voksne")]


@transaction.atomic
def taxonomy_ensure() -> None:
    """The standard topics and audiences (editors may add more, or rename these); idempotent."""
    for name, slug, description in TOPICS:
        Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    for order, (name, slug) in enumerate(AUDIENCES):
        Audience.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})
