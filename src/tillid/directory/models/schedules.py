"""Opening hours: weekly rules and dated exceptions, of a service or one of its numbers."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from tillid.directory.models.common import (
    MIDNIGHT,
    Ordered,
    Weekday,
)
from tillid.directory.models.services import (
    Phone,
    Service,
)


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
