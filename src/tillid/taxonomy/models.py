"""Topics and audiences: the shared taxonomy of knowledge pages and courses."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class Topic(models.Model):
    """A theme such as "social kontrol" or "tvangsægteskab"; editors keep the list."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(
        _("kort navn i adresser"),
        max_length=100,
        unique=True,
        help_text=_("Små bogstaver, tal og bindestreger, f.eks. social-kontrol."),
    )
    description = models.TextField(_("beskrivelse"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("emne")
        verbose_name_plural = _("emner")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Audience(models.Model):
    """Who a page is about: children, young people or adults (the duties differ)."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kort navn i adresser"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta:
        verbose_name = _("målgruppe")
        verbose_name_plural = _("målgrupper")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name
