"""Forms of action plans. They parse input; the services decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tillid.actionplans import document
from tillid.core.cpr import validate_no_cpr
from tillid.core.forms import DkfdsFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


def _text(label: Any, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=TEXT,
        max_length=4000,
        help_text=help_text,
        validators=[validate_no_cpr],  # the CPR number has its own field, never free text
    )


class StartForm(DkfdsFormMixin, forms.Form):
    citizen_name = forms.CharField(label=_("Borgerens navn"), max_length=200)
    birth_date = forms.DateField(label=_("Fødselsdato"), widget=DATE)
    cpr_number = forms.CharField(
        label=_("CPR-nummer"),
        required=False,
        max_length=11,
        help_text=_("Kun hvis det er nødvendigt. Det vises aldrig fuldt ud."),
    )


class ContactForm(DkfdsFormMixin, forms.Form):
    citizen_name = forms.CharField(label=_("Borgerens navn"), max_length=200)
    cpr_number = forms.CharField(
        label=_("CPR-nummer"),
        required=False,
        max_length=11,
        help_text=_("Lad feltet stå tomt for at beholde det nuværende nummer."),
    )
    safe_phone = forms.CharField(label=_("Sikkert telefonnummer"), required=False, max_length=40)
    safe_times = forms.CharField(
        label=_("Hvornår det er sikkert at kontakte borgeren"), required=False, max_length=400
    )
    letters_to_address = forms.BooleanField(
        label=_("Breve må sendes til borgerens adresse"), required=False
    )
    family_may_know = forms.BooleanField(
        label=_("Familien må vide, at borgeren har en handleplan"), required=False
    )
    interpreter_needed = forms.BooleanField(label=_("Borgeren har brug for tolk"), required=False)
    language = forms.CharField(label=_("Sprog"), required=False, max_length=100)


class RiskForm(DkfdsFormMixin, forms.Form):
    assessment = forms.TypedChoiceField(
        label=_("Afsluttet risikovurdering"), coerce=int, choices=()
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessment"].choices = choices  # type: ignore[attr-defined]


class SituationForm(DkfdsFormMixin, forms.Form):
    housing = _text(_("Bolig"))
    work = _text(_("Arbejde"))
    education = _text(_("Uddannelse"))
    relatives = _text(_("Forhold til pårørende"))


class SupportForm(DkfdsFormMixin, forms.Form):
    area = forms.ChoiceField(label=_("Område"), choices=document.SupportArea.choices)
    service = forms.TypedChoiceField(
        label=_("Tilbud fra Find hjælp"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=(),
        help_text=_("Vælg tilbuddet, hvis det findes i Find hjælp. Ellers beskriv støtten."),
    )
    text = _text(_("Beskrivelse af støtten"), required=False)
    purpose = _text(_("Formål"))

    def __init__(self, *args: Any, services: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("Intet tilbud fra Find hjælp")), *services]  # type: ignore[attr-defined]


class OtherSupportForm(DkfdsFormMixin, forms.Form):
    text = _text(_("Støttemulighed"))
    law = forms.CharField(
        label=_("Efter hvilken lov"),
        required=False,
        max_length=200,
        help_text=_("Fx serviceloven § 109 eller beskæftigelsesloven."),
    )
    purpose = _text(_("Formål"))


class GoalsForm(DkfdsFormMixin, forms.Form):
    goals = _text(_("Mål"), help_text=_("Ét mål pr. linje."))
    citizen_words = _text(
        _("Borgerens egne ord og ønsker"),
        required=False,
        help_text=_("Skriv med borgerens egne ord, hvad borgeren ønsker."),
    )


class ActionForm(DkfdsFormMixin, forms.Form):
    what = forms.CharField(label=_("Hvad skal ske"), max_length=400)
    who = forms.CharField(label=_("Hvem er ansvarlig"), max_length=200)
    due = forms.DateField(label=_("Senest"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=document.ActionStatus.choices)


class ActionStatusForm(DkfdsFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=document.ActionStatus.choices)


class MeetingForm(DkfdsFormMixin, forms.Form):
    day = forms.DateField(label=_("Dato"), widget=DATE)
    participants = forms.CharField(label=_("Hvem deltog"), max_length=400)
    interpreter = forms.BooleanField(label=_("Der var tolk"), required=False)
    language = forms.CharField(label=_("Sprog"), required=False, max_length=100)


class AgreementForm(DkfdsFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Borgerens stillingtagen"), choices=document.AgreementKind.choices
    )
    day = forms.DateField(label=_("Dato"), widget=DATE)
    how = forms.ChoiceField(label=_("Hvordan"), choices=document.AgreementHow.choices)
    reasons = _text(
        _("Borgerens begrundelse"),
        required=False,
        help_text=_("Skal udfyldes, hvis borgeren er uenig."),
    )


class ReviewForm(DkfdsFormMixin, forms.Form):
    review_date = forms.DateField(label=_("Opfølgningsdato"), widget=DATE)


class CompareForm(DkfdsFormMixin, forms.Form):
    fra = forms.TypedChoiceField(label=_("Fra version"), coerce=int, choices=())
    til = forms.TypedChoiceField(label=_("Til version"), coerce=int, choices=())

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(number, str(number)) for number in numbers]
        self.fields["fra"].choices = choices  # type: ignore[attr-defined]
        self.fields["til"].choices = choices  # type: ignore[attr-defined]


class HandoverForm(DkfdsFormMixin, forms.Form):
    case_worker = forms.TypedChoiceField(label=_("Sagsbehandler"), coerce=int, choices=())
    citizen_name = forms.CharField(label=_("Borgerens navn"), max_length=200)
    birth_date = forms.DateField(label=_("Fødselsdato"), widget=DATE)
    cpr_number = forms.CharField(label=_("CPR-nummer"), required=False, max_length=11)
    carry_description = forms.BooleanField(
        label=_("Overdrag sagens beskrivelse som note"), required=False
    )
    carry_risk = forms.BooleanField(
        label=_("Overdrag sagens seneste afsluttede risikovurdering"), required=False
    )
    consent_given = forms.BooleanField(
        label=_("Borgeren har givet samtykke til, at sagen overdrages til sagsbehandleren"),
        required=False,
    )

    def __init__(self, *args: Any, case_workers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_worker"].choices = case_workers  # type: ignore[attr-defined]
