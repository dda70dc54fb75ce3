"""A service's contacts, languages and the locations where it is offered."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from tillid.directory.models.common import (
    Ordered,
)
from tillid.directory.models.organizations import (
    Location,
)
from tillid.directory.models.services import (
    Service,
)


class Contact(Ordered):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("navn"), max_length=200)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    department = models.CharField(_("afdeling"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")

    def __str__(self) -> str:
        return self.name


class Language(Ordered):
    """A language the service can be used in (ISO 639-1 code)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="languages")
    code = models.CharField(
        _("sprogkode"), max_length=8, help_text=_("ISO 639-1, f.eks. da, en, ar.")
    )
    name = models.CharField(_("sprog"), max_length=100)
    note = models.CharField(_("bemærkning"), max_length=200, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("sprog")
        verbose_name_plural = _("sprog")

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(Ordered):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(
        Location,
        verbose_name=_("lokation"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    description = models.CharField(_("beskrivelse"), max_length=300, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("tilbud på lokation")
        verbose_name_plural = _("tilbud på lokationer")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="directory_service_at_location_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"
