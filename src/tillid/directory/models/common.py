"""Choices, constants and the ordering base shared by the directory's models."""

from __future__ import annotations

from datetime import time

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MIDNIGHT = time(0, 0)
# Slugs that are pages of the directory itself, so a service can never shadow them.
RESERVED_SLUGS = frozenset({"hvem-skal-jeg-ringe-til", "henvisning", "organisation", "eksport"})


def validate_service_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("Adressen %(slug)s er reserveret til en side i Find hjælp."),
            code="reserved_slug",
            params={"slug": value},
        )


class HoursMode(models.TextChoices):
    WEEKLY = "weekly", _("Faste ugentlige tider")
    ALWAYS = "always", _("Døgnåben (alle dage, hele året)")
    APPOINTMENT = "appointment", _("Efter aftale")
    NOT_STATED = "not_stated", _("Ikke oplyst")


class PhoneHoursMode(models.TextChoices):
    SERVICE = "service", _("Som tilbuddets åbningstider")
    WEEKLY = "weekly", _("Egne ugentlige tider (regler knyttet til dette nummer)")
    ALWAYS = "always", _("Døgnåben")
    APPOINTMENT = "appointment", _("Efter aftale")


class HolidayPolicy(models.TextChoices):
    PUBLIC_HOLIDAYS = "public_holidays", _("Lukket på helligdage")
    MUNICIPAL = "municipal", _("Lukket på helligdage og kommunens lukkedage (24/12, 31/12, 5/6)")
    KEEPS_HOURS = "keeps_hours", _("Holder åbent på helligdage (følger ugeplanen)")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("mandag")
    TUESDAY = 1, _("tirsdag")
    WEDNESDAY = 2, _("onsdag")
    THURSDAY = 3, _("torsdag")
    FRIDAY = 4, _("fredag")
    SATURDAY = 5, _("lørdag")
    SUNDAY = 6, _("søndag")


class Ordered(models.Model):
    """Like Wagtail's Orderable (which cannot be imported before Wagtail is installed)."""

    sort_order = models.IntegerField(null=True, blank=True, editable=False)
    sort_order_field = "sort_order"

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]
