"""HSDS services and their phone numbers."""

from __future__ import annotations

import contextlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from tillid.directory.models.common import (
    HolidayPolicy,
    HoursMode,
    Ordered,
    PhoneHoursMode,
    validate_service_slug,
)
from tillid.directory.models.organizations import (
    Organization,
)
from tillid.directory.models.taxonomy import (
    TaxonomyTerm,
)
from tillid.directory.phones import (
    format_danish_phone,
    normalize_danish_phone,
    validate_danish_phone,
)


class Service(ClusterableModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        INACTIVE = "inactive", _("Inaktiv")
        DEFUNCT = "defunct", _("Nedlagt")
        TEMPORARILY_CLOSED = "temporarily closed", _("Midlertidigt lukket")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("navn"), max_length=200)
    alternate_name = models.CharField(
        _("andet navn"), max_length=200, blank=True, help_text=_("F.eks. et tidligere navn.")
    )
    slug = models.SlugField(
        _("adresse (slug)"), max_length=100, unique=True, validators=[validate_service_slug]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    summary = models.CharField(
        _("kort beskrivelse"),
        max_length=300,
        help_text=_("Hvad tilbuddet hjælper med, i én eller to sætninger (lister og henvisning)."),
    )
    summary_en = models.CharField(
        _("kort beskrivelse på engelsk"),
        max_length=300,
        blank=True,
        help_text=_("Bruges på den engelske henvisningsseddel; ellers vises den danske."),
    )
    description = models.TextField(_("beskrivelse"), blank=True)
    what_to_expect = models.TextField(
        _("når du ringer"),
        blank=True,
        help_text=_("Hvad sker der, når man kontakter tilbuddet?"),
    )
    url = models.URLField(_("hjemmeside"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    # Who it is for. Ages are those of the citizen the service concerns.
    for_professionals = models.BooleanField(_("for fagpersoner"), default=False)
    for_citizens = models.BooleanField(_("for borgere"), default=False)
    minimum_age = models.PositiveSmallIntegerField(
        _("mindstealder"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    maximum_age = models.PositiveSmallIntegerField(
        _("højeste alder"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    employer_restriction = models.CharField(
        _("kun for ansatte i"),
        max_length=200,
        blank=True,
        help_text=_("F.eks. Københavns Kommune. Tom, hvis alle kan bruge tilbuddet."),
    )
    eligibility_description = models.TextField(_("hvem kan bruge tilbuddet"), blank=True)

    is_free = models.BooleanField(_("gratis"), default=False)
    fees_description = models.CharField(_("pris"), max_length=300, blank=True)
    interpretation_services = models.CharField(_("tolkning"), max_length=300, blank=True)
    application_process = models.TextField(_("sådan kommer du i kontakt"), blank=True)
    alert = models.CharField(
        _("vigtig besked"),
        max_length=300,
        blank=True,
        help_text=_("Vises øverst, f.eks. ved ændrede åbningstider."),
    )
    service_types = ParentalManyToManyField(
        TaxonomyTerm, verbose_name=_("ydelsestyper"), blank=True, related_name="services"
    )

    hours_mode = models.CharField(
        _("åbningstider"), max_length=20, choices=HoursMode.choices, default=HoursMode.WEEKLY
    )
    holiday_policy = models.CharField(
        _("helligdage"),
        max_length=20,
        choices=HolidayPolicy.choices,
        default=HolidayPolicy.PUBLIC_HOLIDAYS,
        help_text=_("Undtagelser på bestemte datoer går altid forud."),
    )
    hours_note = models.CharField(
        _("bemærkning om åbningstider"),
        max_length=200,
        blank=True,
        help_text=_("F.eks. 'inden for normal kontortid'."),
    )

    assured_date = models.DateField(_("oplysninger bekræftet"), null=True, blank=True)
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bekræftet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tilbud")
        verbose_name_plural = _("tilbud")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="directory_service_age_range",
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(minimum_age__lte=models.F("maximum_age")),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.minimum_age > self.maximum_age
        ):
            raise ValidationError(
                {"maximum_age": _("Højeste alder skal være mindst lige så høj som mindstealderen.")}
            )


class Phone(Ordered):
    class PhoneType(models.TextChoices):
        VOICE = "voice", _("Opkald")
        TEXT = "text", _("SMS")
        CELL = "cell", _("Mobil")
        TEXTPHONE = "textphone", _("Teksttelefon")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(
        _("nummer"),
        max_length=20,
        validators=[validate_danish_phone],
        help_text=_("8 cifre, evt. med +45 foran, f.eks. 26 77 91 98."),
    )
    type = models.CharField(
        _("type"), max_length=20, choices=PhoneType.choices, default=PhoneType.VOICE
    )
    label = models.CharField(
        _("betegnelse"), max_length=100, blank=True, help_text=_("F.eks. 'Rådgivning'.")
    )
    is_verified = models.BooleanField(
        _("verificeret"),
        default=False,
        help_text=_(
            "Nummeret er tjekket hos organisationen selv. Ellers vises 'ikke verificeret'."
        ),
    )
    hours_mode = models.CharField(
        _("åbningstider"),
        max_length=20,
        choices=PhoneHoursMode.choices,
        default=PhoneHoursMode.SERVICE,
    )

    class Meta(Ordered.Meta):
        verbose_name = _("telefonnummer")
        verbose_name_plural = _("telefonnumre")

    def __str__(self) -> str:
        return format_danish_phone(self.number)

    def clean(self) -> None:
        """Store the canonical digits ("+45 26 77 91 98" -> "26779198")."""
        if self.number:
            with contextlib.suppress(ValidationError):  # the field's validator reports it
                self.number = normalize_danish_phone(self.number)
