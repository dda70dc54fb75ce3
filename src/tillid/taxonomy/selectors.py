"""Reads of the shared taxonomy; other apps list topics and audiences through these."""

from __future__ import annotations

from django.db.models import QuerySet

from tillid.taxonomy.models import Audience, Topic


def topic_list() -> QuerySet[Topic]:
    """Every topic, by name."""
    return Topic.objects.order_by("name")


def audience_list() -> QuerySet[Audience]:
    """Every audience, in the editors' order."""
    return Audience.objects.order_by("sort_order", "name")


def topic_list_by_slugs(slugs: list[str]) -> QuerySet[Topic]:
    return Topic.objects.filter(slug__in=slugs)


def audience_list_by_slugs(slugs: list[str]) -> QuerySet[Audience]:
    return Audience.objects.filter(slug__in=slugs)
