"""Forms of the concern report's steps and of the intake's actions (DKFDS markup).

The forms parse; the services decide (``services.report_save_step`` validates again and is what
refuses). The CPR field is never filled from the saved value: the page shows it masked, and an
empty field keeps the saved number.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tillid.concerns import services
from tillid.concerns.models import ChildWish, Feedback, NextStep, ParentsTold, Report
from tillid.core.concern_checklist import Concern
from tillid.core.cpr import validate_no_cpr
from tillid.core.forms import DkfdsFormMixin

RADIO = {"class": "form-radio"}
CHECKBOX = {"class": "form-checkbox"}
YES_NO = [("ja", _("Ja")), ("nej", _("Nej"))]
YES_NO_UNKNOWN = [("ja", _("Ja")), ("nej", _("Nej")), ("ved_ikke", _("Ved ikke"))]
TEXT_MAX = 10_000


def _bool(value: str) -> bool | None:
    return {"ja": True, "nej": False}.get(value)


def _from_bool(value: bool | None) -> str:
    return {True: "ja", False: "nej"}.get(value, "") if value is not None else ""


def _text(label: Any, *, required: bool = False, help_text: Any = "", rows: int = 5) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        validators=[validate_no_cpr],
    )


class AcuteForm(DkfdsFormMixin, forms.Form):
    acute = forms.ChoiceField(
        label=_("Er barnet i akut fare lige nu?"),
        help_text=_(
            "Akut fare: barnet bliver udsat for vold eller overgreb, er truet, skal sendes ud af "
            "landet eller tør ikke tage hjem."
        ),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Svar ja eller nej.")},
    )

    @classmethod
    def initial_for(cls, report: Report) -> dict[str, Any]:
        return {"acute": _from_bool(report.acute)}

    def step_data(self) -> bool:
        return self.cleaned_data["acute"] == "ja"


class ChildForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Barnets navn"), max_length=200)
    cpr = forms.CharField(
        label=_("CPR-nummer"),
        help_text=_(
            "Valgfrit, men anbefalet: så finder kommunen tidligere underretninger om barnet. "
            "10 cifre, fx 010203-1234."
        ),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    birth_date = forms.DateField(
        label=_("Fødselsdato"),
        help_text=_("Hvis du ikke kender CPR-nummeret."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    age = forms.IntegerField(
        label=_("Alder"),
        help_text=_("Hvis du hverken kender CPR-nummer eller fødselsdato."),
        required=False,
        min_value=0,
        max_value=150,
    )
    school = forms.CharField(label=_("Skole eller institution"), required=False, max_length=300)
    language = forms.CharField(
        label=_("Barnets og familiens sprog"), required=False, max_length=200
    )
    interpreter_needed = forms.ChoiceField(
        label=_("Er der brug for tolk?"),
        choices=YES_NO_UNKNOWN,
        required=False,
        widget=forms.RadioSelect(attrs=RADIO),
    )

    def __init__(self, *args: Any, saved_cpr: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.saved_cpr = saved_cpr
        if saved_cpr:
            self.fields["cpr"].help_text = _(
                "Gemt: %(masked)s. Lad feltet stå tomt for at beholde det, eller skriv et andet."
            ) % {"masked": services.mask(saved_cpr)}
        for name in ("name", "school", "language"):
            self.fields[name].validators.append(validate_no_cpr)

    @classmethod
    def initial_for(cls, report: Report) -> dict[str, Any]:
        return {
            "name": report.child_name,
            "birth_date": report.child_birth_date or None,
            "age": report.child_age if not report.child_birth_date else None,
            "school": report.school,
            "language": report.language,
            "interpreter_needed": _from_bool(report.interpreter_needed),
        }

    def step_data(self) -> services.ChildData:
        data = self.cleaned_data
        cpr = data["cpr"].strip()
        return services.ChildData(
            name=data["name"],
            cpr=cpr if cpr else (None if self.saved_cpr else ""),
            birth_date=data["birth_date"],
            age=data["age"],
            school=data["school"],
            language=data["language"],
            interpreter_needed=_bool(data["interpreter_needed"]),
        )


class ConcernForm(DkfdsFormMixin, forms.Form):
    observations = _text(
        _("Hvad har du konkret set og hørt – og hvornår?"),
        required=True,
        help_text=_(
            "Skriv neutralt og konkret: dato, situation, hvad der blev sagt og gjort. Undgå "
            "fortolkninger."
        ),
        rows=8,
    )
    child_words = _text(
        _("Barnets egne ord"), help_text=_("Gengiv så ordret som muligt, hvad barnet har sagt.")
    )
    concerns = forms.MultipleChoiceField(
        label=_("Tegn på social kontrol eller æresrelateret konflikt"),
        help_text=_("Sæt kryds ved det, der passer."),
        choices=Concern.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
    )
    wellbeing = _text(
        _("Barnets trivsel og udvikling"),
        help_text=_("Fx skolegang, fravær, venskaber, humør, helbred."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observations"].error_messages["required"] = _(
            "Beskriv, hvad du konkret har set og hørt, og hvornår. Det er kernen i en underretning."
        )

    @classmethod
    def initial_for(cls, report: Report) -> dict[str, Any]:
        return {
            "observations": report.observations,
            "child_words": report.child_words,
            "concerns": report.concerns,
            "wellbeing": report.wellbeing,
        }

    def step_data(self) -> services.ConcernData:
        return services.ConcernData(**self.cleaned_data)


class FamilyForm(DkfdsFormMixin, forms.Form):
    parents_told = forms.ChoiceField(
        label=_("Ved forældrene, at du underretter?"),
        choices=ParentsTold.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Svar på, om forældrene ved, at du underretter.")},
    )
    child_wish = forms.ChoiceField(
        label=_("Hvad ønsker barnet om at inddrage familien?"),
        choices=ChildWish.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Svar på, hvad barnet ønsker om at inddrage familien.")},
    )
    family_suspected = forms.ChoiceField(
        label=_("Har du mistanke om kontrol eller overgreb fra familien?"),
        help_text=_(
            "Så må familien ikke kontaktes: underretningen markeres „Kontakt ikke familien“."
        ),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs=RADIO),
        error_messages={"required": _("Svar ja eller nej.")},
    )

    @classmethod
    def initial_for(cls, report: Report) -> dict[str, Any]:
        return {
            "parents_told": report.parents_told,
            "child_wish": report.child_wish,
            "family_suspected": _from_bool(report.family_suspected),
        }

    def step_data(self) -> services.FamilyData:
        return services.FamilyData(
            parents_told=self.cleaned_data["parents_told"],
            child_wish=self.cleaned_data["child_wish"],
            family_suspected=_bool(self.cleaned_data["family_suspected"]),
        )


class DoneAlreadyForm(DkfdsFormMixin, forms.Form):
    actions_taken = _text(
        _("Hvad er der allerede gjort?"),
        help_text=_("Fx samtaler med barnet, sparring, kontakt til andre fagpersoner."),
    )

    @classmethod
    def initial_for(cls, report: Report) -> dict[str, Any]:
        return {"actions_taken": report.actions_taken}

    def step_data(self) -> str:
        return str(self.cleaned_data["actions_taken"])


class NotifierForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(label=_("Dit navn"), max_length=200)
    title = forms.CharField(label=_("Din stilling"), required=False, max_length=200)
    workplace = forms.CharField(label=_("Din arbejdsplads"), max_length=300)
    phone = forms.CharField(
        label=_("Telefon på arbejdet"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(label=_("Mail på arbejdet"), required=False, max_length=254)
    relation = forms.CharField(
        label=_("Din relation til barnet"),
        help_text=_("Fx klasselærer, pædagog, sundhedsplejerske."),
        max_length=300,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.validators.append(validate_no_cpr)

    @classmethod
    def initial_for(cls, report: Report, user: Any = None) -> dict[str, Any]:
        unit = getattr(user, "org_unit", None)
        return {
            "name": report.notifier_name or getattr(user, "name", ""),
            "title": report.notifier_title or getattr(user, "job_title", ""),
            "workplace": report.notifier_workplace or (unit.name if unit else ""),
            "phone": report.notifier_phone,
            "email": report.notifier_email or getattr(user, "email", ""),
            "relation": report.relation,
        }

    def step_data(self) -> services.NotifierData:
        return services.NotifierData(**self.cleaned_data)


STEP_FORMS: dict[str, type[forms.Form]] = {
    "akut": AcuteForm,
    "barnet": ChildForm,
    "bekymringen": ConcernForm,
    "familien": FamilyForm,
    "indsats": DoneAlreadyForm,
    "underretter": NotifierForm,
}


# ----------------------------------------------------------------------------- intake


class VersionedForm(DkfdsFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _user_label(user: Any) -> str:
    return str(user.name or user.email)


class AssignForm(VersionedForm):
    assignee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Tildel til"), queryset=None, required=False, empty_label=_("Ingen")
    )

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = colleagues
        field.label_from_instance = _user_label  # type: ignore[method-assign,assignment]


class AssessForm(VersionedForm):
    health_in_danger = forms.ChoiceField(
        label=_("Er barnets sundhed eller udvikling i fare?"),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    urgent_measures = forms.ChoiceField(
        label=_("Er der behov for akutte foranstaltninger?"),
        choices=YES_NO,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    next_step = forms.ChoiceField(
        label=_("Næste skridt"), choices=NextStep.choices, widget=forms.RadioSelect(attrs=RADIO)
    )
    reasons = _text(_("Begrundelse"), required=True)

    def assessment(self) -> services.AssessmentData:
        data = self.cleaned_data
        return services.AssessmentData(
            health_in_danger=data["health_in_danger"] == "ja",
            urgent_measures=data["urgent_measures"] == "ja",
            next_step=data["next_step"],
            reasons=data["reasons"],
        )


class FeedbackForm(VersionedForm):
    feedback = forms.ChoiceField(
        label=_("Tilbagemelding til underretteren"),
        choices=Feedback.choices,
        widget=forms.RadioSelect(attrs=RADIO),
    )


class FamilyFlagForm(VersionedForm):
    reason = _text(_("Hvorfor må familien nu kontaktes?"), required=True, rows=3)
