"""The forms of the assessment flow. Rules live in ``services``; forms parse and show errors.

Free text and CPR numbers (issue 17). Every free-text field is refused when it holds a CPR number,
in the form (``validate_no_cpr``) and again in the service (``services.common.clean_note`` and
``clean_reference``), and stored encrypted (``EncryptedTextField``). None is ever written to the
audit trail (entries name the step and counts only) or to a log, and the risk app has no CSV
export; the assessment's PDF is the record a professional files in the case, so it holds them.

=========================  =================  ==============  =========  ======  =====  ====
Field                      Names a person?    CPR guard       Encrypted  Screen  PDF    Logs
=========================  =================  ==============  =========  ======  =====  ====
Subject.reference          no: anonymous      strict, refuse  yes        yes     yes    never
Answer.basis               may (who told)     refuse          yes        yes     yes    never
Assessment.protective_note may (who helps)    refuse          yes        yes     yes    never
Scenario.what              may                refuse          yes        yes     yes    never
Scenario.who               yes, by design     refuse          yes        yes     yes    never
Assessment.justification   may                refuse          yes        yes     yes    never
Assessment.next_steps_note may                refuse          yes        yes     yes    never
=========================  =================  ==============  =========  ======  =====  ====
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tillid.core.cpr import validate_no_cpr
from tillid.core.forms import DkfdsFormMixin
from tillid.risk.definitions import Group, InstrumentDefinition, Item
from tillid.risk.models import AgeGroup, Level, Scenario
from tillid.risk.services import (
    NOTE_MAX_LENGTH,
    REFERENCE_MAX_LENGTH,
    AnswerInput,
    ScenarioInput,
)

RADIO = {"class": "form-radio"}
CHECKBOX = {"class": "form-checkbox"}


@dataclass(frozen=True)
class ErrorLink:
    target: str
    text: str


class ErrorLinksMixin:
    """Error-summary entries that link to the first input of each field (radio groups too)."""

    def error_links(self) -> list[ErrorLink]:
        form: Any = self
        links = [ErrorLink(target="", text=str(error)) for error in form.non_field_errors()]
        for field in form:
            target = field.auto_id
            if field.widget_type in ("radioselect", "checkboxselectmultiple"):
                target = f"{target}_0"
            label = self.summary_label(field)
            links.extend(
                ErrorLink(target=target, text=f"{label}: {error}") for error in field.errors
            )
        return links

    def summary_label(self, field: forms.BoundField) -> str:
        return str(field.label)


class PersonForm(ErrorLinksMixin, DkfdsFormMixin, forms.Form):
    reference = forms.CharField(
        label=_("Reference til personen"),
        max_length=REFERENCE_MAX_LENGTH,
        validators=[validate_no_cpr],
        help_text=_(
            "En anonym reference, som du selv kan genkende, fx initialer, klasse eller afdeling. "
            "Skriv aldrig navn eller CPR-nummer."
        ),
    )
    age_group = forms.ChoiceField(
        label=_("Aldersgruppe"),
        choices=AgeGroup.choices,
        widget=forms.RadioSelect(attrs=RADIO),
        help_text=_("Er personen under 18 år, har du skærpet underretningspligt."),
    )

    def __init__(self, *args: Any, reference_editable: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not reference_editable:
            del self.fields["reference"]


class GroupAnswersForm(ErrorLinksMixin, DkfdsFormMixin, forms.Form):
    """One group's items: an answer now and earlier, and what the answers rest on."""

    def __init__(
        self, *args: Any, definition: InstrumentDefinition, group: Group, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.group = group
        choices = [(option.value, option.label) for option in definition.answer_scale]
        for item in group.items:
            self.fields[f"{item.code}_nu"] = forms.ChoiceField(
                label=_("Nu"),
                choices=choices,
                required=False,
                widget=forms.RadioSelect(attrs=RADIO),
            )
            self.fields[f"{item.code}_tidligere"] = forms.ChoiceField(
                label=_("Tidligere"),
                choices=choices,
                required=False,
                widget=forms.RadioSelect(attrs=RADIO),
            )
            self.fields[f"{item.code}_grundlag"] = forms.CharField(
                label=_("Hvad bygger dine svar på?"),
                required=False,
                max_length=NOTE_MAX_LENGTH,
                validators=[validate_no_cpr],
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Fx hvad du selv har set eller hørt, eller hvem der har fortalt hvad."),
            )

    def summary_label(self, field: forms.BoundField) -> str:
        code = field.name.rsplit("_", 1)[0]
        return f"{code} {field.label}"

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "item": item,
                "now": self[f"{item.code}_nu"],
                "earlier": self[f"{item.code}_tidligere"],
                "basis": self[f"{item.code}_grundlag"],
            }
            for item in self.group.items
        ]

    def answers(self) -> dict[str, AnswerInput]:
        data = self.cleaned_data
        return {
            item.code: AnswerInput(
                now=data.get(f"{item.code}_nu") or "",
                earlier=data.get(f"{item.code}_tidligere") or "",
                basis=data.get(f"{item.code}_grundlag") or "",
            )
            for item in self.group.items
        }

    @staticmethod
    def initial_for(items: tuple[Item, ...], rows: dict[str, Any]) -> dict[str, str]:
        initial: dict[str, str] = {}
        for item in items:
            answer = rows.get(item.code)
            if answer is not None:
                initial[f"{item.code}_nu"] = answer.now
                initial[f"{item.code}_tidligere"] = answer.earlier
                initial[f"{item.code}_grundlag"] = answer.basis
        return initial


class ProtectiveFactorsForm(ErrorLinksMixin, DkfdsFormMixin, forms.Form):
    factors = forms.MultipleChoiceField(
        label=_("Hvilke beskyttende faktorer er til stede?"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs=CHECKBOX),
        help_text=_("Sæt kryds ved det, der passer nu."),
    )
    note = forms.CharField(
        label=_("Noter om beskyttende faktorer"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_cpr],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Fx hvem borgeren stoler på, og hvad der kan styrke borgerens sikkerhed."),
    )

    def __init__(self, *args: Any, definition: InstrumentDefinition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["factors"].choices = [  # type: ignore[attr-defined]
            (factor.code, factor.text) for factor in definition.protective_factors
        ]


class ScenarioForm(ErrorLinksMixin, DkfdsFormMixin, forms.Form):
    what = forms.CharField(
        label=_("Hvad kan der ske?"),
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_cpr],
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    who = forms.CharField(
        label=_("Hvem kan stå bag?"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_cpr],
        help_text=_("Beskriv personernes forhold til borgeren, fx far, bror, onkel i udlandet."),
    )
    how_soon = forms.ChoiceField(
        label=_("Hvor snart kan det ske?"),
        choices=[("", _("Vælg")), *Scenario.HowSoon.choices],
    )
    severity = forms.ChoiceField(
        label=_("Hvor alvorligt kan det blive?"),
        choices=[("", _("Vælg")), *Scenario.Severity.choices],
    )

    def to_input(self) -> ScenarioInput:
        data = self.cleaned_data
        return ScenarioInput(
            what=data["what"],
            who=data.get("who", ""),
            how_soon=data["how_soon"],
            severity=data["severity"],
        )


class BaseScenarioFormSet(forms.BaseFormSet):
    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Slet dette scenarie")
            form.fields["DELETE"].widget.attrs["class"] = "form-checkbox"


ScenarioFormSet = forms.formset_factory(
    ScenarioForm, formset=BaseScenarioFormSet, extra=1, can_delete=True, max_num=20
)


class JudgementForm(ErrorLinksMixin, DkfdsFormMixin, forms.Form):
    final_level = forms.ChoiceField(
        label=_("Din samlede faglige vurdering"),
        choices=Level.choices,
        widget=forms.RadioSelect(attrs=RADIO),
    )
    justification = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_cpr],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Skal udfyldes, når din vurdering afviger fra forslaget. Skriv, hvad du lægger vægt på."
        ),
    )


class NextStepsForm(ErrorLinksMixin, DkfdsFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Aftalte næste skridt"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        validators=[validate_no_cpr],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Hvad gør du og andre nu, og hvornår laver I en ny vurdering?"),
    )
