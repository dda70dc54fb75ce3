"""HSDS taxonomy: Tillid's service types."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class Taxonomy(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("navn"), max_length=200, unique=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    uri = models.URLField(_("URI"), blank=True)
    version = models.CharField(_("version"), max_length=50, blank=True)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("taksonomi")
        verbose_name_plural = _("taksonomier")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """A service type (sparring, rådgivning, ...). ``code`` is the stable key in URLs and CSV."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("navn"), max_length=100)
    name_en = models.CharField(_("navn på engelsk"), max_length=100, blank=True)
    description = models.TextField(_("beskrivelse"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ydelsestype")
        verbose_name_plural = _("ydelsestyper")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
