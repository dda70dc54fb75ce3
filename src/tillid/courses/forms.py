"""Forms of the course calendar: they parse and validate input; services decide and write."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from tillid.core.calendar import COPENHAGEN
from tillid.core.cpr import validate_no_cpr
from tillid.core.forms import DkfdsFormMixin
from tillid.courses.models import RESERVED_SLUGS, Course, CourseSession
from tillid.courses.services import SessionData

NEEDS_HELP = _(
    "F.eks. kost eller tilgængelighed. Kun arrangøren ser det. Skriv ikke CPR-numre eller "
    "oplysninger om borgere."
)


def _month_label(month: date) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT").capitalize()


class SessionFilterForm(DkfdsFormMixin, forms.Form):
    """The calendar's filters (GET). Invalid values are ignored rather than shown as errors."""

    maaned = forms.ChoiceField(label=_("Måned"), required=False)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Alle typer")), *Course.Kind.choices],
    )
    emne = forms.ChoiceField(label=_("Emne"), required=False)
    ledige = forms.BooleanField(label=_("Kun hold med ledige pladser"), required=False)

    def __init__(self, *args: Any, months: list[date], topics: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        month_field = self.fields["maaned"]
        topic_field = self.fields["emne"]
        assert isinstance(month_field, forms.ChoiceField)
        assert isinstance(topic_field, forms.ChoiceField)
        month_field.choices = [("", _("Alle måneder"))] + [
            (month.strftime("%Y-%m"), _month_label(month)) for month in months
        ]
        topic_field.choices = [("", _("Alle emner"))] + [
            (topic.slug, topic.name) for topic in topics
        ]

    def month(self) -> date | None:
        value = self.cleaned_data.get("maaned") if self.is_valid() else ""
        if not value:
            return None
        year, month = value.split("-")
        return date(int(year), int(month), 1)


class RegistrationForm(DkfdsFormMixin, forms.Form):
    """One step for a logged-in professional: optional needs, then the button."""

    needs = forms.CharField(
        label=_("Særlige behov"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NEEDS_HELP,
        validators=[validate_no_cpr],
    )


class ExternalRegistrationForm(RegistrationForm):
    """For professionals without an account: confirmed by a link sent to the work email."""

    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        validators=[validate_no_cpr],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Arbejdsmail"),
        max_length=254,
        help_text=_("Vi sender et link, som du skal klikke på for at bekræfte tilmeldingen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Arbejdsplads"),
        max_length=200,
        validators=[validate_no_cpr],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )

    field_order = ["name", "email", "organisation", "needs"]


class CourseForm(DkfdsFormMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "description",
            "audience",
            "eligibility",
            "organiser",
            "topics",
            "audiences",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "topics": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
        }

    def clean_slug(self) -> str:
        slug = str(self.cleaned_data["slug"])
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("Adressen er reserveret. Vælg en anden."))
        return slug

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Course texts go into every participant's email, which refuses CPR numbers.
        for name in ("title", "summary", "description", "audience", "organiser"):
            if data.get(name):
                try:
                    validate_no_cpr(str(data[name]))
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data


def _combine(day: date, moment: time) -> datetime:
    return datetime.combine(day, moment, COPENHAGEN)


class SessionForm(DkfdsFormMixin, forms.Form):
    """A session on one day, or on consecutive days with the same hours."""

    first_day = forms.DateField(
        label=_("Første dag"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_day = forms.DateField(
        label=_("Sidste dag"),
        required=False,
        help_text=_("Kun hvis holdet varer flere dage i træk."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    start_time = forms.TimeField(
        label=_("Starter kl."), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Slutter kl."),
        help_text=_("Samme tider alle dage."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    deadline_day = forms.DateField(
        label=_("Tilmeldingsfrist, dato"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deadline_time = forms.TimeField(
        label=_("Tilmeldingsfrist, kl."),
        initial=time(12, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    capacity = forms.IntegerField(label=_("Antal pladser"), min_value=1, max_value=10_000)
    place = forms.CharField(
        label=_("Sted (vises for alle)"),
        max_length=200,
        help_text=_("F.eks. 'København NV' eller 'Online'."),
    )
    venue = forms.CharField(
        label=_("Mødested og adresse"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Vises kun for deltagere med plads."),
    )
    online_url = forms.URLField(
        label=_("Link til onlinemøde"),
        required=False,
        assume_scheme="https",
        help_text=_("Vises kun for deltagere med plads."),
    )
    language = forms.ChoiceField(label=_("Sprog"), choices=CourseSession.Language.choices)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (CourseSession.Status.OPEN, CourseSession.Status.OPEN.label),
            (CourseSession.Status.PLANNED, CourseSession.Status.PLANNED.label),
        ],
        help_text=_("Planlagte hold vises i kalenderen, men kan ikke tilmeldes endnu."),
    )

    @classmethod
    def initial_for(cls, session: CourseSession) -> dict[str, Any]:
        from django.utils import timezone

        start = timezone.localtime(session.starts_at, COPENHAGEN)
        end = timezone.localtime(session.ends_at, COPENHAGEN)
        deadline = timezone.localtime(session.registration_deadline, COPENHAGEN)
        return {
            "first_day": start.date(),
            "last_day": end.date() if end.date() != start.date() else None,
            "start_time": start.time(),
            "end_time": end.time(),
            "deadline_day": deadline.date(),
            "deadline_time": deadline.time(),
            "capacity": session.capacity,
            "place": session.place,
            "venue": session.venue,
            "online_url": session.online_url,
            "language": session.language,
            "status": session.status,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first_day, last_day = data.get("first_day"), data.get("last_day") or data.get("first_day")
        start_time, end_time = data.get("start_time"), data.get("end_time")
        if first_day and last_day and last_day < first_day:
            self.add_error("last_day", _("Sidste dag kan ikke ligge før første dag."))
        if start_time and end_time and end_time <= start_time:
            self.add_error("end_time", _("Sluttidspunktet skal ligge efter starttidspunktet."))
        deadline_day, deadline_time = data.get("deadline_day"), data.get("deadline_time")
        if (
            first_day
            and start_time
            and deadline_day
            and deadline_time
            and _combine(deadline_day, deadline_time) > _combine(first_day, start_time)
        ):
            self.add_error("deadline_day", _("Fristen skal ligge før holdets start."))
        # These go into participants' emails, which refuse anything that looks like a CPR
        # number (a ten-digit meeting id can).
        for name in ("venue", "place", "online_url"):
            if data.get(name):
                try:
                    validate_no_cpr(data[name])
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def session_data(self) -> SessionData:
        data = self.cleaned_data
        last_day = data.get("last_day") or data["first_day"]
        return SessionData(
            starts_at=_combine(data["first_day"], data["start_time"]),
            ends_at=_combine(last_day, data["end_time"]),
            registration_deadline=_combine(data["deadline_day"], data["deadline_time"]),
            capacity=data["capacity"],
            place=data["place"].strip(),
            venue=data.get("venue", "").strip(),
            online_url=data.get("online_url", ""),
            language=data["language"],
            status=data["status"],
        )


class MessageForm(DkfdsFormMixin, forms.Form):
    subject = forms.CharField(label=_("Emne"), max_length=150, validators=[validate_no_cpr])
    body = forms.CharField(
        label=_("Besked"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[validate_no_cpr],
        help_text=_("Skriv ikke oplysninger om borgere. Beskeden sendes som e-mail."),
    )
    include_waiting = forms.BooleanField(
        label=_("Send også til personer på ventelisten"), required=False
    )


class CancelSessionForm(DkfdsFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Begrundelse til deltagerne"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_cpr],
    )


RATING_CHOICES = [
    (5, _("5 – Meget godt")),
    (4, _("4 – Godt")),
    (3, _("3 – Middel")),
    (2, _("2 – Dårligt")),
    (1, _("1 – Meget dårligt")),
]


class EvaluationForm(DkfdsFormMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Hvordan var kurset samlet set?"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        validators=[validate_no_cpr],
        help_text=_(
            "Dit svar er anonymt. Skriv ikke dit navn eller andres navne, hvis du vil forblive "
            "anonym."
        ),
    )
