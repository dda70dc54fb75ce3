"""Risk assessments: versioned instruments (data), subjects, assessments and their answers.

Free text (answers' bases, protective notes, scenarios, justification, next steps, the subject's
reference) is encrypted at rest. ``__str__`` never shows it: it ends up in the audit trail,
which administrators read.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from tillid.core.cpr import validate_no_cpr
from tillid.core.crypto import EncryptedTextField
from tillid.risk import definitions


class Level(models.TextChoices):
    LOW = "lav", _("Lav")
    MODERATE = "moderat", _("Moderat")
    HIGH = "hoej", _("Høj")
    ACUTE = "akut", _("Akut")


LEVEL_VALUES = [level.value for level in Level]
assert tuple(LEVEL_VALUES) == definitions.LEVELS  # one order, low to acute


class ImmutableInstrumentError(Exception):
    """A published instrument version cannot change; publish a new version instead."""


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise ImmutableInstrumentError("Published instrument versions cannot be changed.")

    def delete(self) -> NoReturn:
        raise ImmutableInstrumentError("Published instrument versions cannot be deleted.")


class Instrument(models.Model):
    """One published version of an instrument file. Immutable: a change is a new version.

    The ORM refuses changes and deletions, and a database trigger (migration 0002) refuses
    UPDATE, so assessments always keep the exact version they were made with.
    """

    key = models.SlugField(_("nøgle"), max_length=30)
    version = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("navn"), max_length=200)
    definition = models.JSONField(_("indhold"))
    checksum = models.CharField(_("kontrolsum (SHA-256)"), max_length=64)
    source_file = models.CharField(_("fil"), max_length=200, blank=True)
    published_at = models.DateTimeField(_("udgivet"))

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("instrumentversion")
        verbose_name_plural = _("instrumentversioner")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="risk_instrument_key_version"),
            models.CheckConstraint(
                condition=Q(version__gte=1), name="risk_instrument_version_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableInstrumentError("Published instrument versions cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableInstrumentError("Published instrument versions cannot be deleted.")

    @cached_property
    def parsed(self) -> definitions.InstrumentDefinition:
        return parsed_definition(self.pk, self.checksum, self.definition)


_parsed_cache: dict[tuple[int, str], definitions.InstrumentDefinition] = {}


def parsed_definition(
    pk: int, checksum: str, document: dict[str, Any]
) -> definitions.InstrumentDefinition:
    """Parsing is safe to cache per process: a published version never changes."""
    key = (pk, checksum)
    if key not in _parsed_cache:
        _parsed_cache[key] = definitions.parse(document)
    return _parsed_cache[key]


class AgeGroup(models.TextChoices):
    CHILD = "barn", _("Barn under 15 år")
    YOUTH = "ung", _("Ung, 15–17 år")
    YOUNG_ADULT = "ung_voksen", _("Ung voksen, 18–29 år")
    ADULT = "voksen", _("Voksen, 30 år eller ældre")

    @classmethod
    def minors(cls) -> frozenset[str]:
        return frozenset({cls.CHILD.value, cls.YOUTH.value})


class Subject(models.Model):
    """The citizen an assessment is about: an anonymous reference, or a linked case.

    ``context`` is a loose link to a record of another app (a consultation case, say), set by
    that app through ``services.assessment_start_for_context``, together with who holds that
    record: users with ``readers_role`` in ``readers_unit`` (the case's team). ``risk.access``
    states what they may do.
    """

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        on_delete=models.PROTECT,
        related_name="risk_subjects",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    reference = EncryptedTextField(
        _("reference"),
        blank=True,
        validators=[validate_no_cpr],
        help_text=_("En anonym reference, som du selv kan genkende. Aldrig navn eller CPR-nummer."),
    )
    context_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    context_id = models.PositiveBigIntegerField(null=True, blank=True)
    context = GenericForeignKey("context_type", "context_id")
    readers_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("enhed med adgang"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    readers_role = models.CharField(_("rolle med adgang"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("personer")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(context_type__isnull=True, context_id__isnull=True)
                | Q(context_type__isnull=False, context_id__isnull=False),
                name="risk_subject_context_complete",
            ),
            models.CheckConstraint(
                condition=Q(readers_unit__isnull=True, readers_role="")
                | Q(readers_unit__isnull=False, context_type__isnull=False) & ~Q(readers_role=""),
                name="risk_subject_readers_need_context",
            ),
        ]
        indexes = [models.Index(fields=["context_type", "context_id"], name="risk_subject_ctx")]

    def __str__(self) -> str:
        return f"Person #{self.pk}"


class Assessment(models.Model):
    """One assessment of a subject, made with one instrument version. Final means read-only."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Kladde")
        FINAL = "final", _("Afsluttet")

    subject = models.ForeignKey(
        Subject, verbose_name=_("person"), on_delete=models.PROTECT, related_name="assessments"
    )
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("udarbejdet af"),
        on_delete=models.PROTECT,
        related_name="risk_assessments",
    )
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest gemt"), auto_now=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    age_group = models.CharField(_("aldersgruppe"), max_length=20, choices=AgeGroup.choices)
    steps_done = models.JSONField(_("gemte trin"), default=list, blank=True)

    protective_factors = models.JSONField(_("beskyttende faktorer"), default=list, blank=True)
    protective_note = EncryptedTextField(_("noter om beskyttende faktorer"), blank=True)

    suggested_level = models.CharField(
        _("foreslået niveau"), max_length=10, choices=Level.choices, blank=True
    )
    suggestion_reasons = models.JSONField(_("begrundelser for forslaget"), default=list, blank=True)
    final_level = models.CharField(
        _("faglig vurdering"), max_length=10, choices=Level.choices, blank=True
    )
    justification = EncryptedTextField(_("begrundelse"), blank=True)
    next_steps_note = EncryptedTextField(_("aftalte næste skridt"), blank=True)
    finalised_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)

    class Meta:
        verbose_name = _("risikovurdering")
        verbose_name_plural = _("risikovurderinger")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "final"]), name="risk_assessment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(final_level="") | Q(final_level__in=LEVEL_VALUES),
                name="risk_assessment_final_level_valid",
            ),
            models.CheckConstraint(
                condition=Q(suggested_level="") | Q(suggested_level__in=LEVEL_VALUES),
                name="risk_assessment_suggested_level_valid",
            ),
            # A final assessment has its judgement, the suggestion it was measured against and
            # its time; a judgement that differs from the suggestion carries a justification.
            models.CheckConstraint(
                condition=Q(status="draft")
                | (
                    Q(finalised_at__isnull=False)
                    & ~Q(final_level="")
                    & ~Q(suggested_level="")
                    & (Q(final_level=F("suggested_level")) | ~Q(justification=""))
                ),
                name="risk_assessment_final_is_complete",
            ),
        ]
        indexes = [
            models.Index(fields=["created_by", "status"], name="risk_assessment_author"),
            models.Index(fields=["subject", "finalised_at"], name="risk_assessment_subject"),
        ]

    def __str__(self) -> str:
        return f"Risikovurdering #{self.pk}"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    @property
    def is_minor(self) -> bool:
        return self.age_group in AgeGroup.minors()


class Answer(models.Model):
    """The answers to one item, now and earlier, with a note of what they rest on."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    item_code = models.CharField(_("punkt"), max_length=20)
    now = models.CharField(_("nu"), max_length=20, blank=True)
    earlier = models.CharField(_("tidligere"), max_length=20, blank=True)
    basis = EncryptedTextField(_("hvad bygger svaret på"), blank=True)

    class Meta:
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item_code"], name="risk_answer_unique")
        ]

    def __str__(self) -> str:
        return f"Svar {self.item_code} (#{self.pk})"


class Scenario(models.Model):
    """A risk scenario: what could happen, who would do it, how soon and how serious."""

    class HowSoon(models.TextChoices):
        NOW = "nu", _("Kan ske når som helst")
        DAYS = "dage", _("Inden for dage")
        WEEKS = "uger", _("Inden for uger")
        MONTHS = "maaneder", _("Inden for måneder")
        UNKNOWN = "uvist", _("Uvist")

    class Severity(models.TextChoices):
        LIMITED = "begraenset", _("Begrænset skade")
        SERIOUS = "alvorlig", _("Alvorlig skade")
        LIFE = "livstruende", _("Livstruende")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scenarios")
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)
    what = EncryptedTextField(_("hvad kan der ske"))
    who = EncryptedTextField(_("hvem"), blank=True)
    how_soon = models.CharField(_("hvor snart"), max_length=10, choices=HowSoon.choices)
    severity = models.CharField(_("hvor alvorligt"), max_length=12, choices=Severity.choices)

    class Meta:
        verbose_name = _("risikoscenarie")
        verbose_name_plural = _("risikoscenarier")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"Scenarie #{self.pk}"


class AssessmentShare(models.Model):
    """One finalised assessment shared read-only with one user, until the share is ended
    (the row is deleted then; the audit trail keeps the history). ``risk.access`` rule 3."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("vurdering"), on_delete=models.CASCADE, related_name="shares"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delt med"),
        on_delete=models.CASCADE,
        related_name="risk_shares",
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delt af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    shared_at = models.DateTimeField(_("delt"))

    class Meta:
        verbose_name = _("deling af risikovurdering")
        verbose_name_plural = _("delinger af risikovurderinger")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "reader"], name="risk_share_unique"),
        ]

    def __str__(self) -> str:
        return f"Deling #{self.pk}"
