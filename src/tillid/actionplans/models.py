"""Action plans for adults (Serviceloven § 12 a): the plan, its draft and its frozen versions.

Everything about the citizen is encrypted at rest: the identity and safe-contact fields, and the
plan's content (``tillid.actionplans.document``: the four statutory parts, goals, actions,
meetings, the citizen's own words and agreement), which is stored as one encrypted JSON
document on the draft and on each frozen version. What stays readable is what the software
must query: status, dates, who is responsible, the team and the links to other records.

``__str__`` never shows content: it ends up in the audit trail, which administrators read.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tillid.core.crypto import EncryptedTextField


class ActionPlan(models.Model):
    """One citizen's action plan: a draft being worked on and the versions frozen from it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Åben")
        CLOSED = "closed", _("Lukket")

    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ansvarlig sagsbehandler"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    team = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="action_plans",
    )
    created_at = models.DateTimeField(_("oprettet"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("lukket"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymiseret"), null=True, blank=True)

    # Identity (encrypted). The CPR number is optional and never shown in full.
    citizen_name = EncryptedTextField(_("borgerens navn"), blank=True)
    cpr_number = EncryptedTextField(_("CPR-nummer"), blank=True)
    birth_date = EncryptedTextField(_("fødselsdato"), blank=True)

    # Safe contact (encrypted text; the yes/no answers are not sensitive on their own).
    safe_phone = EncryptedTextField(_("sikkert telefonnummer"), blank=True)
    safe_times = EncryptedTextField(_("sikre tidspunkter"), blank=True)
    letters_to_address = models.BooleanField(_("breve må sendes til adressen"), default=False)
    family_may_know = models.BooleanField(_("familien må kende til planen"), default=False)
    interpreter_needed = models.BooleanField(_("tolk"), default=False)
    language = EncryptedTextField(_("sprog"), blank=True)

    # The draft: the next version's content while it is worked on.
    draft = EncryptedTextField(_("kladde"), blank=True)
    draft_number = models.PositiveIntegerField(_("kladdens versionsnummer"), null=True, blank=True)
    draft_updated_at = models.DateTimeField(_("kladde senest gemt"), null=True, blank=True)
    latest_number = models.PositiveIntegerField(_("seneste version"), default=0)

    # Follow-up: the review date of the newest frozen version, and the reminder sent for it.
    review_date = models.DateField(_("opfølgningsdato"), null=True, blank=True)
    review_reminded_for = models.DateField(null=True, blank=True)

    # Where the plan came from, and who else may read it while the link lasts.
    consultation_id = models.PositiveBigIntegerField(_("konsultationssag"), null=True, blank=True)
    risk_assessment_id = models.PositiveBigIntegerField(_("risikovurdering"), null=True, blank=True)
    handover_note = EncryptedTextField(_("overdraget fra konsultationssagen"), blank=True)

    class Meta:
        verbose_name = _("handleplan")
        verbose_name_plural = _("handleplaner")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="closed") & Q(closed_at__isnull=False))
                | (Q(status="open") & Q(closed_at__isnull=True)),
                name="actionplan_closed_iff_closed_at",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=True) | Q(status="closed"),
                name="actionplan_anonymised_is_closed",
            ),
        ]
        indexes = [
            models.Index(fields=["responsible", "status"], name="actionplan_responsible"),
            models.Index(fields=["team", "status"], name="actionplan_team"),
            models.Index(fields=["status", "review_date"], name="actionplan_review"),
        ]

    def __str__(self) -> str:
        return f"Handleplan #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def has_draft(self) -> bool:
        return self.draft_number is not None

    @property
    def draft_content(self) -> dict[str, Any]:
        return json.loads(self.draft) if self.draft else {}


class ImmutableVersionError(Exception):
    """A frozen version never changes; revise the plan to start a new draft instead."""


class PlanVersionQuerySet(models.QuerySet["PlanVersion"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise ImmutableVersionError("Frozen action plan versions cannot be changed.")

    def delete(self) -> NoReturn:
        raise ImmutableVersionError("Frozen action plan versions cannot be deleted.")


class PlanVersion(models.Model):
    """One finalised version of a plan, frozen with who finalised it and when.

    Immutable: the ORM refuses changes and deletions, and database triggers (migration 0002,
    ``tillid.actionplans.immutability``) refuse every UPDATE, and every DELETE while the plan is
    not anonymised. Anonymising a closed plan (retention) is the only way a version goes.
    """

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("handleplan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    content = EncryptedTextField(_("indhold"))
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afsluttet af"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    finalised_at = models.DateTimeField(_("afsluttet"))
    review_date = models.DateField(_("opfølgningsdato"))

    objects = PlanVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("handleplansversion")
        verbose_name_plural = _("handleplansversioner")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="actionplan_version_unique"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="actionplan_version_number_gte_1"
            ),
        ]

    def __str__(self) -> str:
        return f"Handleplan #{self.plan_id} version {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableVersionError("Frozen action plan versions cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableVersionError("Frozen action plan versions cannot be deleted.")

    @property
    def document(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.content)
        return data
