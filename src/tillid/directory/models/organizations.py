"""HSDS organizations and their locations (confidential ones keep only an area)."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from tillid.directory.models.common import (
    Ordered,
)


class Organization(ClusterableModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("navn"), max_length=200)
    alternate_name = models.CharField(_("andet navn"), max_length=200, blank=True)
    slug = models.SlugField(_("adresse (slug)"), max_length=100, unique=True)
    description = models.TextField(_("beskrivelse"))
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("overordnet organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Location(Ordered):
    """Where an organisation works. A confidential location holds only its area."""

    class LocationType(models.TextChoices):
        PHYSICAL = "physical", _("Fysisk adresse")
        POSTAL = "postal", _("Postadresse")
        VIRTUAL = "virtual", _("Online")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = ParentalKey(Organization, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("navn"), max_length=200)
    location_type = models.CharField(
        _("type"), max_length=20, choices=LocationType.choices, default=LocationType.PHYSICAL
    )
    is_confidential = models.BooleanField(
        _("hemmelig adresse"),
        default=False,
        help_text=_(
            "Adressen må aldrig vises. Kun området gemmes; adresse, postnummer og by skal "
            "være tomme."
        ),
    )
    area = models.CharField(
        _("område"), max_length=100, blank=True, help_text=_("F.eks. Storkøbenhavn.")
    )
    address_1 = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=4, blank=True)
    city = models.CharField(_("by"), max_length=100, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta(Ordered.Meta):
        verbose_name = _("lokation")
        verbose_name_plural = _("lokationer")
        constraints = [
            models.CheckConstraint(
                name="directory_location_confidential_has_no_address",
                condition=Q(is_confidential=False)
                | (
                    Q(address_1="")
                    & Q(postal_code="")
                    & Q(city="")
                    & Q(latitude__isnull=True)
                    & Q(longitude__isnull=True)
                ),
            ),
            models.CheckConstraint(
                name="directory_location_confidential_has_area",
                condition=Q(is_confidential=False) | ~Q(area=""),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.is_confidential:
            if self.address_1 or self.postal_code or self.city or self.latitude or self.longitude:
                raise ValidationError(
                    _(
                        "En hemmelig adresse må ikke gemmes. Tøm adresse, postnummer, by og "
                        "koordinater, og angiv kun området."
                    )
                )
            if not self.area:
                raise ValidationError({"area": _("Angiv området for en hemmelig adresse.")})
        if self.postal_code and not (len(self.postal_code) == 4 and self.postal_code.isdigit()):
            raise ValidationError({"postal_code": _("Et postnummer har 4 cifre.")})
