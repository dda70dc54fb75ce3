"""Consultation requests to the consultant team, handled as cases.

Free text (the anonymised description, contact details, internal notes, messages, meeting places
and links, the closing note) is encrypted at rest and removed when a closed case is anonymised;
the figures (types, urgency, age group, concerns, dates, outcome) stay. ``__str__`` never shows
content: it ends up in the audit trail, which administrators read.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillid.core.concern_checklist import Concern
from tillid.core.crypto import EncryptedTextField


class HelpType(models.TextChoices):
    """What the professional asks for; the codes match the directory's service types."""

    SPARRING = "sparring", _("Sparring")
    ADVICE = "raadgivning", _("Rådgivning")
    RISK_ASSESSMENT = "risikovurdering", _("Risikovurdering")
    CONFLICT_MEDIATION = "konfliktmaegling", _("Konfliktmægling")
    TEACHING = "undervisning", _("Undervisning")


class Urgency(models.TextChoices):
    ACUTE = "akut", _("Akut – i dag")
    WEEK = "uge", _("Inden for en uge")
    NOT_URGENT = "ikke_hastende", _("Ikke hastende")


class Scope(models.TextChoices):
    CASE = "sag", _("En konkret sag")
    GENERAL = "generelt", _("Et generelt spørgsmål")


class AgeGroup(models.TextChoices):
    """The same codes as the risk assessment's age groups, so a case can start one."""

    CHILD = "barn", _("Barn under 15 år")
    YOUTH = "ung", _("Ung, 15–17 år")
    YOUNG_ADULT = "ung_voksen", _("Ung voksen, 18–29 år")
    ADULT = "voksen", _("Voksen, 30 år eller ældre")


class Gender(models.TextChoices):
    FEMALE = "pige_kvinde", _("Pige/kvinde")
    MALE = "dreng_mand", _("Dreng/mand")
    OTHER = "andet", _("Andet")


# The concerns checklist is shared with concern reports (``tillid.core.concern_checklist``).


class Consent(models.TextChoices):
    CONSENTS = "samtykke", _("Ja, borgeren kender til henvendelsen og har givet samtykke")
    ANONYMOUS = "anonym", _("Nej – jeg beder om anonym sparring, hvor borgeren ikke kan genkendes")


class ContactChannel(models.TextChoices):
    MESSAGE = "besked", _("Besked her i Tillid")
    PHONE = "telefon", _("Telefon")
    VIDEO = "video", _("Videomøde")
    MEETING = "moede", _("Fysisk møde")


class Escalation(models.TextChoices):
    CONCERN_REPORT = "underretning", _("Underretning")
    POLICE = "politi", _("Politiet")
    SAFEHOUSE = "safehouse", _("Safehouse/krisecenter")


class Status(models.TextChoices):
    NEW = "ny", _("Ny")
    ASSIGNED = "tildelt", _("Tildelt")
    IN_PROGRESS = "i_gang", _("I gang")
    WAITING = "venter", _("Venter på fagpersonen")
    CLOSED = "afsluttet", _("Afsluttet")


OPEN_STATUSES = (Status.NEW, Status.ASSIGNED, Status.IN_PROGRESS, Status.WAITING)


class Team(models.Model):
    """A consultant team that receives requests. Its members are the users with the consultant
    role in its organisational unit; the lead is told when a first-response deadline is missed."""

    name = models.CharField(_("navn"), max_length=200)
    org_unit = models.OneToOneField(
        "accounts.OrgUnit",
        verbose_name=_("organisatorisk enhed"),
        on_delete=models.PROTECT,
        related_name="consultation_team",
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teamleder"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Får en e-mail, når en frist for første svar er overskredet."),
    )
    directory_slug = models.SlugField(
        _("tilbud i Find hjælp"),
        max_length=120,
        blank=True,
        help_text=_("Teamets tilbud i Find hjælp (telefonnummer og åbningstider)."),
    )

    class Meta:
        verbose_name = _("konsulentteam")
        verbose_name_plural = _("konsulentteams")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class EligibleUnit(models.Model):
    """An organisational unit whose employees (in it or anywhere below it) may ask the team."""

    org_unit = models.OneToOneField(
        "accounts.OrgUnit",
        verbose_name=_("organisatorisk enhed"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("enhed med adgang til konsulentbistand")
        verbose_name_plural = _("enheder med adgang til konsulentbistand")

    def __str__(self) -> str:
        return str(self.org_unit)


class Consultation(models.Model):
    """One request from a professional, and the case the team makes of it."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="consultations")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultation_requests",
    )
    # The requester's administration at the time, kept for figures after anonymisation.
    requester_administration = models.ForeignKey(
        "accounts.OrgUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submission_token = models.UUIDField(unique=True)

    help_types = models.JSONField(_("ønsket hjælp"), default=list)
    scope = models.CharField(_("sag eller generelt"), max_length=20, choices=Scope, blank=True)
    urgency = models.CharField(_("hvor hurtigt"), max_length=20, choices=Urgency)
    age_group = models.CharField(_("aldersgruppe"), max_length=20, choices=AgeGroup, blank=True)
    gender = models.CharField(_("køn"), max_length=20, choices=Gender, blank=True)
    concerns = models.JSONField(_("bekymringer"), default=list)
    description = EncryptedTextField(_("beskrivelse"), blank=True)
    consent = models.CharField(_("samtykke"), max_length=20, choices=Consent, blank=True)
    do_not_contact_family = models.BooleanField(_("kontakt ikke familien"), default=False)
    contact_channel = models.CharField(
        _("foretrukken kontakt"), max_length=20, choices=ContactChannel
    )
    contact_times = EncryptedTextField(_("hvornår du kan kontaktes"), blank=True)
    contact_phone = EncryptedTextField(_("telefonnummer"), blank=True)
    teaching_group = EncryptedTextField(_("gruppe"), blank=True)
    teaching_size = models.PositiveIntegerField(_("antal deltagere"), null=True, blank=True)
    teaching_dates = EncryptedTextField(_("ønskede datoer"), blank=True)
    teaching_venue = EncryptedTextField(_("sted"), blank=True)

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    first_response_due = models.DateTimeField(_("frist for første svar"))
    first_response_at = models.DateTimeField(_("første svar"), null=True, blank=True)
    deadline_escalated_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konsulent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_consultations",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    risk_shared_with_requester = models.BooleanField(default=False)

    closed_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    outcome_help_types = models.JSONField(_("givet hjælp"), default=list)
    time_spent_minutes = models.PositiveIntegerField(_("tidsforbrug (minutter)"), null=True)
    referred_to = models.JSONField(_("henvist til"), default=list)
    escalations = models.JSONField(_("eskaleret til"), default=list)
    outcome_note = EncryptedTextField(_("afslutningsnotat"), blank=True)
    rating_given = models.BooleanField(default=False)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("henvendelse")
        verbose_name_plural = _("henvendelser")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["team", "status", "first_response_due"]),
            models.Index(fields=["status", "closed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(status="afsluttet") & Q(closed_at__isnull=False))
                | (~Q(status="afsluttet") & Q(closed_at__isnull=True)),
                name="consultation_closed_iff_closed_at",
            ),
            models.CheckConstraint(
                condition=~Q(status="ny") | Q(assigned_to__isnull=True),
                name="consultation_new_is_unassigned",
            ),
        ]

    def __str__(self) -> str:
        return f"Henvendelse {self.reference}"

    @property
    def reference(self) -> str:
        """The case's readable reference, the same for both sides: "K-2026-0005" (the year it
        came in, Copenhagen time, and its number)."""
        year = timezone.localtime(self.created_at).year if self.created_at else ""
        return f"K-{year}-{self.pk:04d}"

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def is_acute(self) -> bool:
        return self.urgency == Urgency.ACUTE

    @property
    def is_teaching_only(self) -> bool:
        return self.help_types == [HelpType.TEACHING]

    def is_overdue(self, now: datetime) -> bool:
        return (
            self.first_response_at is None and not self.is_closed and self.first_response_due < now
        )

    def help_type_labels(self) -> list[str]:
        return _labels(HelpType, self.help_types)

    def concern_labels(self) -> list[str]:
        return _labels(Concern, self.concerns)

    def outcome_help_type_labels(self) -> list[str]:
        return _labels(HelpType, self.outcome_help_types)

    def escalation_labels(self) -> list[str]:
        return _labels(Escalation, self.escalations)


def _labels(choices: type[models.TextChoices], codes: list[str]) -> list[str]:
    known = dict(choices.choices)
    return [str(known.get(code, code)) for code in codes]


class Message(models.Model):
    """The secure thread between the professional and the consultants. Mails never carry it."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_consultant = models.BooleanField()
    body = EncryptedTextField(_("besked"))
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)  # by the other side

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Besked #{self.pk} i henvendelse #{self.consultation_id}"


class InternalNote(models.Model):
    """The consultants' own notes on a case; never shown to the professional."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="internal_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = EncryptedTextField(_("notat"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Notat #{self.pk} i henvendelse #{self.consultation_id}"


class Meeting(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("tidspunkt"))
    duration_minutes = models.PositiveIntegerField(_("varighed (minutter)"), default=60)
    place = EncryptedTextField(_("sted"), blank=True)
    video_link = EncryptedTextField(_("link til videomøde"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"Møde #{self.pk} i henvendelse #{self.consultation_id}"


class Rating(models.Model):
    """A professional's anonymous rating of the help: no link to the case or the person, and
    only the month, so that nobody can tell whose rating it is."""

    # A random key: a sequential one would give away the order in which cases were rated.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="ratings")
    month = models.DateField()
    score = models.PositiveSmallIntegerField(_("vurdering"))
    comment = EncryptedTextField(_("kommentar"), blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="consultation_rating_score_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"Vurdering #{self.pk}"
