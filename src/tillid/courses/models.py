"""Courses, their sessions, registrations with a waiting list, and anonymous evaluations.

Capacity is guarded twice: services change seats only while holding the session's row lock
(``services.locking``), and the database refuses a session whose ``seats_taken`` exceeds its
``capacity``. Every registration that holds a seat (confirmed, attended, no-show) is counted in
``seats_taken`` by the one function that moves registrations in and out of seats.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillid.core.cpr import contains_cpr
from tillid.core.crypto import EncryptedTextField

# Paths under /kurser/ that are not course pages; a course slug may not take them.
RESERVED_SLUGS = frozenset(
    {"administration", "mine", "kalender.ics", "tilmelding", "evaluering", "kalender"}
)


def new_public_id() -> uuid.UUID:
    """A random UUID whose written forms cannot pass for a CPR number.

    These ids go into emails and calendar files, which the mail guard refuses when they hold
    anything that looks like a CPR number; a random hex string holds ten digits in a row that
    form a date now and then, so such draws are skipped.
    """
    while True:
        candidate = uuid.uuid4()
        if not (contains_cpr(str(candidate)) or contains_cpr(candidate.hex)):
            return candidate


class Course(models.Model):
    """An offer on the course calendar: a course, workshop, theme day or dialogue event."""

    class Kind(models.TextChoices):
        COURSE = "kursus", _("Kursus")
        WORKSHOP = "workshop", _("Workshop")
        THEME_DAY = "temadag", _("Temadag")
        DIALOGUE_EVENT = "dialogarrangement", _("Dialogarrangement")

    class Eligibility(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kun kommunens ansatte")
        ANY_PROFESSIONAL = "any_professional", _("Alle fagpersoner")

    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(
        _("kort navn i adressen"),
        max_length=120,
        unique=True,
        help_text=_("Små bogstaver, tal og bindestreger, f.eks. introduktion-til-social-kontrol."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.COURSE)
    summary = models.CharField(
        _("kort beskrivelse"),
        max_length=300,
        help_text=_("Én eller to sætninger, der vises i kalenderen og i søgningen."),
    )
    description = models.TextField(_("beskrivelse"))
    audience = models.CharField(
        _("målgruppe"),
        max_length=300,
        help_text=_("Hvem kurset er for, f.eks. lærere, pædagoger og socialrådgivere."),
    )
    eligibility = models.CharField(
        _("hvem kan tilmelde sig"),
        max_length=20,
        choices=Eligibility.choices,
        default=Eligibility.MUNICIPALITY,
    )
    organiser = models.CharField(_("arrangør"), max_length=200)
    topics = models.ManyToManyField(
        "taxonomy.Topic", verbose_name=_("emner"), blank=True, related_name="courses"
    )
    audiences = models.ManyToManyField(
        "taxonomy.Audience",
        verbose_name=_("handler om"),
        blank=True,
        related_name="courses",
        help_text=_("Om kurset handler om børn, unge eller voksne."),
    )
    is_published = models.BooleanField(
        _("vises i kalenderen"),
        default=True,
        help_text=_("Fjern fluebenet, mens kurset forberedes."),
    )
    is_demo = models.BooleanField(_("demodata"), default=False, editable=False)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("kursus")
        verbose_name_plural = _("kurser")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:course", kwargs={"slug": self.slug})


class CourseSession(models.Model):
    """One run of a course ("hold"): on one day, or on consecutive days with the same hours.

    ``starts_at`` is the start on the first day and ``ends_at`` the end on the last day, both
    aware (shown in Europe/Copenhagen). ``status`` is what the administrator set; whether the
    session is full follows from ``seats_taken`` (see ``availability`` in the selectors), so the
    two can never disagree. The venue and online link are shown to confirmed participants only.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planlagt")
        OPEN = "open", _("Åben for tilmelding")
        CANCELLED = "cancelled", _("Aflyst")

    class Language(models.TextChoices):
        DANISH = "da", _("Dansk")
        ENGLISH = "en", _("Engelsk")

    course = models.ForeignKey(
        Course, verbose_name=_("kursus"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starter"))
    ends_at = models.DateTimeField(_("slutter"))
    registration_deadline = models.DateTimeField(_("tilmeldingsfrist"))
    capacity = models.PositiveIntegerField(_("antal pladser"))
    seats_taken = models.PositiveIntegerField(_("optagne pladser"), default=0, editable=False)
    # A counter handed out under the row lock: registrations are numbered in arrival order.
    arrivals = models.PositiveIntegerField(default=0, editable=False)
    place = models.CharField(
        _("sted (offentligt)"),
        max_length=200,
        help_text=_("Vises for alle, f.eks. 'København NV' eller 'Online'."),
    )
    venue = models.TextField(
        _("mødested og adresse"),
        blank=True,
        help_text=_("Vises kun for tilmeldte deltagere."),
    )
    online_url = models.URLField(
        _("link til onlinemøde"), blank=True, help_text=_("Vises kun for tilmeldte deltagere.")
    )
    language = models.CharField(
        _("sprog"), max_length=5, choices=Language.choices, default=Language.DANISH
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    # Raised whenever time or place changes, so calendars replace the earlier invitation.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    uid = models.UUIDField(default=new_public_id, unique=True, editable=False)
    cancellation_reason = models.TextField(_("begrundelse for aflysning"), blank=True)
    cancelled_at = models.DateTimeField(_("aflyst"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)

    class Meta:
        verbose_name = _("hold")
        verbose_name_plural = _("hold")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"], name="session_status_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__lte=F("starts_at")),
                name="session_deadline_not_after_start",
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
            # The last line of defence against overselling: no code path can commit more seat
            # holders than seats.
            models.CheckConstraint(
                condition=Q(seats_taken__lte=F("capacity")), name="session_never_oversold"
            ),
        ]

    def __str__(self) -> str:
        start = timezone.localtime(self.starts_at)
        return f"{self.course.title} ({start:%d.%m.%Y %H:%M})"

    def get_absolute_url(self) -> str:
        return f"{self.course.get_absolute_url()}#hold-{self.pk}"

    # ``title`` and ``url`` let other apps' teasers show a session like a page (knowledge home).
    @property
    def title(self) -> str:
        return self.course.title

    @property
    def url(self) -> str:
        return self.get_absolute_url()

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.seats_taken, 0)

    @property
    def is_multi_day(self) -> bool:
        return timezone.localdate(self.starts_at) != timezone.localdate(self.ends_at)

    @property
    def day_count(self) -> int:
        return (timezone.localdate(self.ends_at) - timezone.localdate(self.starts_at)).days + 1


SEAT_HOLDING = ("confirmed", "attended", "no_show")
ACTIVE = ("pending", "confirmed", "waiting", "attended", "no_show")


class Registration(models.Model):
    """A person's registration for a session: theirs through their account or a work email.

    One active registration per email and session (a cancelled one does not count, so a person
    may register again). ``arrival_number`` orders the waiting list; it is handed out under the
    session's lock when the registration is placed (confirmed or waiting).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Afventer bekræftelse")
        CONFIRMED = "confirmed", _("Tilmeldt")
        WAITING = "waiting", _("På venteliste")
        CANCELLED = "cancelled", _("Afmeldt")
        ATTENDED = "attended", _("Deltog")
        NO_SHOW = "no_show", _("Udeblev")

    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("hold"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="course_registrations",
    )
    public_id = models.UUIDField(default=new_public_id, unique=True, editable=False)
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("arbejdsmail"), max_length=254)
    organisation = models.CharField(_("arbejdsplads"), max_length=200, blank=True)
    # Dietary and accessibility needs can reveal health: encrypted at rest.
    needs = EncryptedTextField(_("særlige behov"), blank=True)
    language = models.CharField(_("sprog for e-mails"), max_length=5, default="da")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    arrival_number = models.PositiveIntegerField(_("ankomstnummer"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("fik plads"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("kom på venteliste"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afmeldt"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(_("fremmøde registreret"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True)
    evaluation_invited_at = models.DateTimeField(_("evaluering tilbudt"), null=True, blank=True)

    class Meta:
        verbose_name = _("tilmelding")
        verbose_name_plural = _("tilmeldinger")
        ordering = ["session", "arrival_number", "pk"]
        indexes = [
            models.Index(fields=["session", "status", "arrival_number"], name="reg_queue_idx"),
            models.Index(fields=["email"], name="reg_email_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
            ),
            models.UniqueConstraint(
                fields=["session", "arrival_number"], name="registration_unique_arrival"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "cancelled"]) | Q(arrival_number__isnull=False),
                name="registration_placed_has_arrival",
            ),
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")),
                name="registration_email_lowercase",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class EvaluationInvitation(models.Model):
    """A single-use right to answer a session's evaluation, with no link to any person.

    Only the SHA-256 of the emailed token is stored, and the row is deleted when it is used, so
    neither the invitation nor the answer can be traced back to the attendee.
    """

    session = models.ForeignKey(
        CourseSession, on_delete=models.CASCADE, related_name="evaluation_invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("evalueringsinvitation")
        verbose_name_plural = _("evalueringsinvitationer")

    def __str__(self) -> str:
        return f"#{self.pk}"


class EvaluationResponse(models.Model):
    """An anonymous answer: a rating and a comment, dated by day only (no time, no person).

    The key is random and rows are written at a random place (``core.anonymous``): a sequential
    key or the table's own order would give away the order in which attendees answered.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("hold"),
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
    )
    rating = models.PositiveSmallIntegerField(_("samlet vurdering"))
    comment = models.TextField(_("kommentar"), blank=True)
    submitted_on = models.DateField(_("dato"))

    class Meta:
        verbose_name = _("evalueringssvar")
        verbose_name_plural = _("evalueringssvar")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="evaluation_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5"
