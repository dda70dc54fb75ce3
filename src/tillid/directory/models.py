"""The directory of advice services, shaped on Open Referral HSDS 3.0.

Names follow HSDS where they fit (organization, service, location, service_at_location, phone,
schedule, contact, language, taxonomy, taxonomy_term). Each record carries a ``uuid``: HSDS ids are
UUIDs and the public API uses them; the integer primary key stays internal.

Opening hours are weekly rules (``Schedule``) plus dated exceptions (``ScheduleException``), all in
Europe/Copenhagen wall-clock time; ``tillid.directory.opening_hours`` computes "open now" from them.
A ``closes_at`` of 00:00 means midnight at the end of the day; a night that runs past midnight is
two rules (Monday 16:00-00:00 and Tuesday 00:00-08:00).

Confidential locations (a shelter's secret address) store only an area; the database refuses an
address, postcode, city or coordinates on them, so no page, export or API can leak one.
"""

from __future__ import annotations

import contextlib
import uuid
from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from tillid.directory.phones import (
    format_danish_phone,
    normalize_danish_phone,
    validate_danish_phone,
)

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


class Schedule(Ordered):
    """One weekly opening interval, for the service or (with ``phone``) for one of its phones."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedules")
    phone = models.ForeignKey(
        Phone,
        verbose_name=_("kun for telefonnummer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    weekday = models.PositiveSmallIntegerField(_("ugedag"), choices=Weekday.choices)
    opens_at = models.TimeField(_("åbner"))
    closes_at = models.TimeField(_("lukker"), help_text=_("00:00 betyder midnat."))

    class Meta(Ordered.Meta):
        verbose_name = _("ugentlig åbningstid")
        verbose_name_plural = _("ugentlige åbningstider")
        constraints = [
            models.CheckConstraint(
                name="directory_schedule_closes_after_opening",
                condition=Q(closes_at__gt=models.F("opens_at")) | Q(closes_at=MIDNIGHT),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    def clean(self) -> None:
        if (
            self.opens_at is not None
            and self.closes_at is not None
            and self.closes_at != MIDNIGHT
            and self.closes_at <= self.opens_at
        ):
            raise ValidationError(
                {"closes_at": _("Lukketiden skal ligge efter åbningstiden (00:00 er midnat).")}
            )


class ScheduleException(Ordered):
    """Hours on one date that replace the weekly rules; also how a holiday can be opened."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = ParentalKey(Service, on_delete=models.CASCADE, related_name="schedule_exceptions")
    phone = models.ForeignKey(
        Phone,
        verbose_name=_("kun for telefonnummer"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedule_exceptions",
    )
    date = models.DateField(_("dato"))
    is_closed = models.BooleanField(_("lukket hele dagen"), default=False)
    opens_at = models.TimeField(_("åbner"), null=True, blank=True)
    closes_at = models.TimeField(_("lukker"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=200, blank=True)

    class Meta(Ordered.Meta):
        verbose_name = _("undtagelse fra åbningstiderne")
        verbose_name_plural = _("undtagelser fra åbningstiderne")
        constraints = [
            models.CheckConstraint(
                name="directory_exception_closed_or_hours",
                condition=(
                    Q(is_closed=True, opens_at__isnull=True, closes_at__isnull=True)
                    | (
                        Q(is_closed=False, opens_at__isnull=False, closes_at__isnull=False)
                        & (Q(closes_at__gt=models.F("opens_at")) | Q(closes_at=MIDNIGHT))
                    )
                ),
            ),
        ]
        indexes = [models.Index(fields=["date"], name="directory_exception_date")]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y}"

    def clean(self) -> None:
        if self.is_closed:
            if self.opens_at or self.closes_at:
                raise ValidationError(
                    _("En lukket dag har ingen åbningstid. Fjern tiderne eller fjern 'lukket'.")
                )
            return
        if self.opens_at is None or self.closes_at is None:
            raise ValidationError(_("Angiv både åbne- og lukketid, eller markér dagen som lukket."))
        if self.closes_at != MIDNIGHT and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("Lukketiden skal ligge efter åbningstiden (00:00 er midnat).")}
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
