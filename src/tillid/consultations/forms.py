"""Forms of consultations. They parse input; the rules live in the services, whose errors
``tillid.core.refusals.add_to_form`` puts on the right fields."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tillid.consultations.models import (
    AgeGroup,
    Concern,
    Consent,
    ContactChannel,
    Escalation,
    Gender,
    HelpType,
    Scope,
    Status,
    Urgency,
)
from tillid.consultations.services import (
    MeetingData,
    OutcomeData,
    RequestData,
    validate_request,
)
from tillid.consultations.services.casework import MANUAL_STATUSES
from tillid.core.cpr import validate_no_cpr
from tillid.core.forms import DkfdsFormMixin
from tillid.core.refusals import add_to_form

NOT_STATED = [("", _("Ikke oplyst"))]
RADIO = {"class": "form-radio"}
CHECKBOX = {"class": "form-checkbox"}


class RequestForm(DkfdsFormMixin, forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput)
    help_types = forms.MultipleChoiceField(
        label=_("Hvad har du brug for?"),
        help_text=_("Vælg gerne flere."),
        choices=HelpType.choices,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        error_messages={"required": _("Vælg mindst én slags hjælp.")},
    )
    urgency = forms.ChoiceField(
        label=_("Hvor hurtigt har du brug for svar?"),
        choices=Urgency.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Vælg, hvor hurtigt du har brug for svar.")},
    )
    scope = forms.ChoiceField(
        label=_("Handler det om en konkret sag eller et generelt spørgsmål?"),
        choices=Scope.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        required=False,
    )
    consent = forms.ChoiceField(
        label=_("Kender borgeren til henvendelsen og har givet samtykke?"),
        help_text=_(
            "Sparring om en konkret sag kræver normalt borgerens samtykke. Anonym sparring er "
            "altid mulig: så må beskrivelsen ikke kunne føre til borgeren."
        ),
        choices=Consent.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        required=False,
    )
    age_group = forms.ChoiceField(
        label=_("Borgerens aldersgruppe"),
        choices=NOT_STATED + list(AgeGroup.choices),
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Borgerens køn"), choices=NOT_STATED + list(Gender.choices), required=False
    )
    concerns = forms.MultipleChoiceField(
        label=_("Hvad er du bekymret for?"),
        help_text=_("Sæt kryds ved det, der passer. Du kan uddybe i beskrivelsen."),
        choices=Concern.choices,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        required=False,
    )
    description = forms.CharField(
        label=_("Beskriv situationen"),
        help_text=_(
            "Skriv ikke navne, adresser, CPR-numre eller andet, der kan udpege borgeren eller "
            "familien. Skriv f.eks. „en pige på 15 år“ og „hendes storebror“."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=4000,
        validators=[validate_no_cpr],
    )
    do_not_contact_family = forms.BooleanField(
        label=_("Familien må ikke kontaktes"),
        help_text=_(
            "Sæt kryds, hvis der er mistanke om kontrol eller overgreb fra familien, eller hvis "
            "barnet eller den unge ikke ønsker, at familien inddrages."
        ),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )
    contact_channel = forms.ChoiceField(
        label=_("Hvordan vil du helst kontaktes?"),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Vælg, hvordan du helst vil kontaktes.")},
    )
    contact_phone = forms.CharField(
        label=_("Dit telefonnummer"),
        help_text=_("Skal udfyldes, hvis du vil ringes op."),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    contact_times = forms.CharField(
        label=_("Hvornår kan du kontaktes?"),
        help_text=_("F.eks. „hverdage efter kl. 13“."),
        required=False,
        max_length=200,
        validators=[validate_no_cpr],
    )
    teaching_group = forms.CharField(
        label=_("Hvem skal undervises?"),
        help_text=_("F.eks. „lærere og pædagoger i indskolingen“."),
        required=False,
        max_length=200,
        validators=[validate_no_cpr],
    )
    teaching_size = forms.IntegerField(
        label=_("Cirka hvor mange deltagere?"), required=False, min_value=1, max_value=1000
    )
    teaching_dates = forms.CharField(
        label=_("Ønskede datoer eller perioder"),
        required=False,
        max_length=200,
        validators=[validate_no_cpr],
    )
    teaching_venue = forms.CharField(
        label=_("Sted"),
        help_text=_("Hvor skal undervisningen foregå? Konsulenterne kan komme ud til jer."),
        required=False,
        max_length=200,
        validators=[validate_no_cpr],
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        try:
            validate_request(self.request_data())
        except ValidationError as error:
            add_to_form(self, error)
        return cleaned

    def request_data(self) -> RequestData:
        data = self.cleaned_data
        return RequestData(
            help_types=list(data.get("help_types") or []),
            urgency=data.get("urgency") or "",
            contact_channel=data.get("contact_channel") or "",
            scope=data.get("scope") or "",
            age_group=data.get("age_group") or "",
            gender=data.get("gender") or "",
            concerns=list(data.get("concerns") or []),
            description=data.get("description") or "",
            consent=data.get("consent") or "",
            do_not_contact_family=bool(data.get("do_not_contact_family")),
            contact_times=data.get("contact_times") or "",
            contact_phone=data.get("contact_phone") or "",
            teaching_group=data.get("teaching_group") or "",
            teaching_size=data.get("teaching_size"),
            teaching_dates=data.get("teaching_dates") or "",
            teaching_venue=data.get("teaching_venue") or "",
        )


class MessageForm(DkfdsFormMixin, forms.Form):
    """Shares the case page with ``NoteForm``: each has its own ids (``auto_id``)."""

    body = forms.CharField(
        label=_("Besked"),
        help_text=_("Skriv ikke navne eller CPR-numre. Beskeden er kun synlig i Tillid."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        validators=[validate_no_cpr],
        error_messages={"required": _("Skriv en besked.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "message_%s")
        super().__init__(*args, **kwargs)


class NoteForm(DkfdsFormMixin, forms.Form):
    body = forms.CharField(
        label=_("Internt notat"),
        help_text=_("Kun teamets konsulenter kan se notatet. Fagpersonen ser det aldrig."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        validators=[validate_no_cpr],
        error_messages={"required": _("Skriv et notat.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "note_%s")
        super().__init__(*args, **kwargs)


class AssignForm(DkfdsFormMixin, forms.Form):
    assignee = forms.ChoiceField(
        label=_("Tildel til"),
        choices=[],  # the team's consultants, set in __init__
        error_messages={"invalid_choice": _("Sagen kan kun tildeles en konsulent i teamet.")},
    )
    # The assignee the page showed: a colleague's change in the meantime is detected.
    expected_assignee = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(member.pk): member for member in members}
        field = self.fields["assignee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(pk, member.name) for pk, member in self.members.items()]

    def clean_assignee(self) -> Any:
        return self.members[self.cleaned_data["assignee"]]

    def expected_assignee_id(self) -> int | None:
        value = self.cleaned_data.get("expected_assignee") or ""
        return int(value) if value.isdigit() else None


class StatusForm(DkfdsFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Ny status"),
        choices=[(status.value, status.label) for status in MANUAL_STATUSES],
    )


class MeetingForm(DkfdsFormMixin, forms.Form):
    date = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}))
    time = forms.TimeField(label=_("Klokkeslæt"), widget=forms.TimeInput(attrs={"type": "time"}))
    duration_minutes = forms.IntegerField(
        label=_("Varighed (minutter)"), initial=60, min_value=1, max_value=24 * 60
    )
    place = forms.CharField(
        label=_("Sted"),
        help_text=_("Udfyld sted eller link."),
        required=False,
        max_length=200,
        validators=[validate_no_cpr],
    )
    video_link = forms.CharField(
        label=_("Link til videomøde"),
        help_text=_("Begynder med https://"),
        required=False,
        max_length=500,
    )

    def meeting_data(self) -> MeetingData:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.combine(data["date"], data["time"]))
        return MeetingData(
            starts_at=starts_at,
            duration_minutes=data["duration_minutes"],
            place=data.get("place") or "",
            video_link=data.get("video_link") or "",
        )


class CloseForm(DkfdsFormMixin, forms.Form):
    help_types = forms.MultipleChoiceField(
        label=_("Hvilken hjælp blev givet?"),
        choices=HelpType.choices,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        error_messages={"required": _("Vælg den hjælp, der blev givet.")},
    )
    time_spent_minutes = forms.IntegerField(
        label=_("Tidsforbrug i alt (minutter)"), min_value=0, max_value=100_000
    )
    referred_to = forms.MultipleChoiceField(
        label=_("Henvist til"),
        help_text=_("Tilbud fra Find hjælp. Sæt kryds ved alle, du har henvist til."),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    escalations = forms.MultipleChoiceField(
        label=_("Blev sagen eskaleret?"),
        help_text=_("Sæt kryds ved det, der blev gjort."),
        choices=Escalation.choices,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        required=False,
    )
    note = forms.CharField(
        label=_("Afslutningsnotat (internt)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        validators=[validate_no_cpr],
    )

    def __init__(self, *args: Any, referral_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referred_to"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = referral_choices

    def outcome(self) -> OutcomeData:
        data = self.cleaned_data
        return OutcomeData(
            help_types=list(data["help_types"]),
            time_spent_minutes=data["time_spent_minutes"],
            referred_to=list(data.get("referred_to") or []),
            escalations=list(data.get("escalations") or []),
            note=data.get("note") or "",
        )


class RiskStartForm(DkfdsFormMixin, forms.Form):
    age_group = forms.ChoiceField(
        label=_("Borgerens aldersgruppe"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Vælg en aldersgruppe.")},
    )


class RiskShareForm(forms.Form):
    shared = forms.BooleanField(required=False, widget=forms.CheckboxInput(attrs=CHECKBOX))


class QueueFilterForm(DkfdsFormMixin, forms.Form):
    STATUS_CHOICES = [
        ("open", _("Alle åbne")),
        *[(status.value, status.label) for status in Status],
        ("all", _("Alle")),
    ]

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    help_type = forms.ChoiceField(
        label=_("Type"), choices=[("", _("Alle typer")), *HelpType.choices], required=False
    )
    urgency = forms.ChoiceField(
        label=_("Hast"), choices=[("", _("Alle")), *Urgency.choices], required=False
    )
    assignee = forms.ChoiceField(label=_("Konsulent"), choices=[], required=False)
    overdue = forms.BooleanField(
        label=_("Kun overskredne frister"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECKBOX),
    )

    def __init__(self, *args: Any, members: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("Alle i teamet")),
            ("none", _("Ikke tildelt")),
            *[(str(member.pk), member.name) for member in members],
        ]


class RatingForm(DkfdsFormMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("Hvor godt hjalp konsulenterne dig?"),
        help_text=_("1 er slet ikke, 5 er rigtig godt. Din vurdering gemmes anonymt."),
        choices=[(str(score), str(score)) for score in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Vælg en vurdering fra 1 til 5.")},
    )
    comment = forms.CharField(
        label=_("Kommentar"),
        help_text=_("Skriv ikke navne. Kommentaren kan ikke føres tilbage til dig eller sagen."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_no_cpr],
    )
