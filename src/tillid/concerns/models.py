"""Concern reports (underretninger) about children, from the professional's draft to the
municipality's intake.

Everything said about the child and the family is encrypted at rest (``EncryptedTextField``):
the child's name, CPR number and birth date, the observations, the child's own words, what has
been done, the notifier's work contact details and the intake's reasons. Reports about the same
child find each other through keyed hashes (``tillid.concerns.matching``), never through the
number itself. The figures (statuses, dates, the checklist codes, the 24-hour assessment's
answers) stay plain so that counts need no decryption. ``__str__`` shows only the reference: it
ends up in the audit trail, which administrators read.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillid.core.concern_checklist import Concern
from tillid.core.crypto import EncryptedTextField


class Status(models.TextChoices):
    DRAFT = "kladde", _("Kladde")
    RECEIVED = "modtaget", _("Modtaget")
    ASSESSED = "vurderet", _("Vurderet inden for 24 timer")


class ParentsTold(models.TextChoices):
    YES = "ja", _("Ja, forældrene ved, at jeg underretter")
    NO = "nej", _("Nej")
    UNKNOWN = "ved_ikke", _("Ved ikke")


class ChildWish(models.TextChoices):
    WANTS = "oensker", _("Barnet ønsker, at familien inddrages")
    DOES_NOT_WANT = "oensker_ikke", _("Barnet ønsker ikke, at familien inddrages")
    NOT_ASKED = "ikke_spurgt", _("Barnet er ikke spurgt eller kan ikke svare")


class NextStep(models.TextChoices):
    SCREENING = "afdaekning", _("Afdækning")
    INVESTIGATION = "boernefaglig_undersoegelse", _("Børnefaglig undersøgelse")
    NONE = "ingen", _("Ingen yderligere handling")


class Feedback(models.TextChoices):
    """What the law lets the municipality tell a professional notifier (Barnets lov § 133)."""

    INVESTIGATION = "undersoegelse", _("Underretningen har ført til en undersøgelse")
    MEASURE = "foranstaltning", _("Underretningen har ført til en foranstaltning")
    NEITHER = "ingen", _("Underretningen har ikke ført til en undersøgelse eller foranstaltning")


class IntakeUnit(models.Model):
    """The municipality's intake of concern reports: an organisational unit whose intake workers
    receive them, and the directory service whose phone and opening hours the acute step shows.
    New reports go to the first configured intake unit."""

    org_unit = models.OneToOneField(
        "accounts.OrgUnit", verbose_name=_("enhed"), on_delete=models.PROTECT
    )
    name = models.CharField(_("navn"), max_length=200)
    directory_slug = models.SlugField(
        _("tilbud i Find hjælp"),
        max_length=200,
        blank=True,
        help_text=_("Modtagelsens telefon og åbningstid vises fra dette tilbud."),
    )

    class Meta:
        verbose_name = _("modtagelse af underretninger")
        verbose_name_plural = _("modtagelser af underretninger")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class ReferenceCounter(models.Model):
    """The last reference number given out per year (``U-2026-0001``), taken under a row lock."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Report(models.Model):
    # ---------------------------------------------------------------- state and ownership
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    reference = models.CharField(_("nummer"), max_length=20, unique=True, null=True, blank=True)
    notifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("underretter"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="concern_reports",
    )
    intake_unit = models.ForeignKey(
        IntakeUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    steps_done = models.JSONField(default=list, blank=True)
    # Where the worry arose: a path inside Tillid (a consultation, a risk assessment), nothing else.
    origin_path = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic concurrency of intake actions
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    # ---------------------------------------------------------------- step 1: acute danger
    acute = models.BooleanField(_("akut fare"), null=True, blank=True)

    # ---------------------------------------------------------------- step 2: the child
    child_name = EncryptedTextField(_("barnets navn"), blank=True)
    child_cpr = EncryptedTextField(_("CPR-nummer"), blank=True)  # ten digits, no hyphen
    child_birth_date = EncryptedTextField(_("fødselsdato"), blank=True)  # ISO date
    child_age = models.PositiveSmallIntegerField(_("alder"), null=True, blank=True)
    school = EncryptedTextField(_("skole eller institution"), blank=True)
    language = EncryptedTextField(_("sprog"), blank=True)
    interpreter_needed = models.BooleanField(_("behov for tolk"), null=True, blank=True)
    cpr_hash = models.CharField(max_length=64, blank=True, db_index=True)
    name_birth_hash = models.CharField(max_length=64, blank=True, db_index=True)

    # ---------------------------------------------------------------- step 3: the concern
    observations = EncryptedTextField(_("konkrete observationer"), blank=True)
    child_words = EncryptedTextField(_("barnets egne ord"), blank=True)
    concerns = models.JSONField(_("tegn på social kontrol"), default=list, blank=True)
    wellbeing = EncryptedTextField(_("trivsel og udvikling"), blank=True)

    # ---------------------------------------------------------------- step 4: the family
    parents_told = models.CharField(max_length=20, choices=ParentsTold, blank=True)
    child_wish = models.CharField(max_length=20, choices=ChildWish, blank=True)
    family_suspected = models.BooleanField(
        _("mistanke om kontrol eller overgreb fra familien"), null=True, blank=True
    )
    do_not_contact_family = models.BooleanField(_("kontakt ikke familien"), default=False)
    family_flag_lifted_at = models.DateTimeField(null=True, blank=True)
    family_flag_lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    family_flag_lift_reason = EncryptedTextField(blank=True)

    # ---------------------------------------------------------------- step 5 and 6
    actions_taken = EncryptedTextField(_("det er allerede gjort"), blank=True)
    notifier_name = EncryptedTextField(_("dit navn"), blank=True)
    notifier_title = EncryptedTextField(_("din stilling"), blank=True)
    notifier_workplace = EncryptedTextField(_("din arbejdsplads"), blank=True)
    notifier_phone = EncryptedTextField(_("arbejdstelefon"), blank=True)
    notifier_email = EncryptedTextField(_("arbejdsmail"), blank=True)
    relation = EncryptedTextField(_("din relation til barnet"), blank=True)

    # ---------------------------------------------------------------- intake
    submitted_at = models.DateTimeField(null=True, blank=True)
    assessment_due = models.DateTimeField(null=True, blank=True)
    receipt_due = models.DateField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    health_in_danger = models.BooleanField(null=True, blank=True)
    urgent_measures = models.BooleanField(null=True, blank=True)
    next_step = models.CharField(max_length=40, choices=NextStep, blank=True)
    assessment_reasons = EncryptedTextField(blank=True)
    receipt_sent_at = models.DateTimeField(null=True, blank=True)
    receipt_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    feedback = models.CharField(max_length=20, choices=Feedback, blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    warned_before_at = models.DateTimeField(null=True, blank=True)
    warned_overdue_at = models.DateTimeField(null=True, blank=True)
    draft_reminded_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "assessment_due"], name="concerns_queue_idx"),
            models.Index(fields=["notifier", "status"], name="concerns_notifier_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT)
                | (
                    Q(submitted_at__isnull=False)
                    & Q(reference__isnull=False)
                    & Q(assessment_due__isnull=False)
                ),
                name="concerns_submitted_has_reference",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.ASSESSED) | Q(assessed_at__isnull=False),
                name="concerns_assessed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"Kladde #{self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_assessed(self) -> bool:
        return self.assessed_at is not None

    @property
    def concern_labels(self) -> list[str]:
        labels = dict(Concern.choices)
        return [str(labels.get(code, code)) for code in self.concerns]
