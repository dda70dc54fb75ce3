"""Forms of the public directory pages. All are plain GET forms: they work without JavaScript."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tillid.core import age_groups
from tillid.core.age_groups import AGE_BANDS
from tillid.core.forms import DkfdsFormMixin
from tillid.directory.guide import NEED_CITIZEN, NEED_SELF, GuideAnswers
from tillid.directory.selectors import ServiceFilters, referral_choices, service_types

AUDIENCES = {"fagpersoner": "professionals", "borgere": "citizens"}
# The shared age bands (legal line at 18); the URL parameter is the band's code.
AGE_GROUP_PARAMETERS = {code: code for code in AGE_BANDS}
AGE_GROUP_CHOICES = age_groups.CHOICES
YES_NO = [("ja", pgettext_lazy("answer", "Ja")), ("nej", pgettext_lazy("answer", "Nej"))]
# A referral slip stays one folded page: at most this many services.
MAX_REFERRAL_SERVICES = 4


class ServiceFilterForm(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg"), required=False, max_length=100)
    hvem = forms.ChoiceField(
        label=_("Hvem er tilbuddet for?"),
        required=False,
        choices=[("", _("Alle")), ("fagpersoner", _("Fagpersoner")), ("borgere", _("Borgere"))],
    )
    alder = forms.ChoiceField(
        label=_("Borgerens alder"),
        required=False,
        choices=[("", _("Alle aldre")), *AGE_GROUP_CHOICES],
    )
    type = forms.ChoiceField(label=_("Type hjælp"), required=False)
    aaben = forms.BooleanField(label=_("Kun tilbud, der har åbent nu"), required=False)
    gratis = forms.BooleanField(label=_("Kun gratis tilbud"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        english = (get_language() or "").startswith("en")
        self.fields["type"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle typer")),
            *[
                (term.code, term.name_en if english and term.name_en else term.name)
                for term in service_types()
            ],
        ]

    def filters(self) -> ServiceFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return ServiceFilters(
            audience=AUDIENCES.get(data.get("hvem", ""), ""),
            age_group=AGE_GROUP_PARAMETERS.get(data.get("alder", ""), ""),
            type_code=data.get("type", ""),
            open_now=bool(data.get("aaben")),
            free=bool(data.get("gratis")),
            query=(data.get("q") or "").strip(),
        )


class GuideForm(DkfdsFormMixin, forms.Form):
    akut = forms.ChoiceField(
        label=_("Er nogen i akut fare lige nu?"), choices=YES_NO, widget=forms.RadioSelect
    )
    ansat = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )
    alder = forms.ChoiceField(
        label=_("Hvor gammel er borgeren?"),
        choices=AGE_GROUP_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    behov = forms.ChoiceField(
        label=_("Hvad har du brug for?"),
        choices=[
            ("sparring", _("Råd og sparring til mig selv som fagperson")),
            ("borger", _("Hjælp, som borgeren selv kan bruge")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ansat"].label = gettext("Er du ansat i %(municipality)s?") % {
            "municipality": settings.TILLID_MUNICIPALITY
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("akut") == "nej":
            for name in ("ansat", "alder", "behov"):
                if not data.get(name):
                    self.add_error(name, _("Vælg et svar."))
        return data

    def answers(self) -> GuideAnswers:
        data = self.cleaned_data
        return GuideAnswers(
            acute=data["akut"] == "ja",
            employed_by_municipality={"ja": True, "nej": False}.get(data.get("ansat") or ""),
            age_group=AGE_GROUP_PARAMETERS.get(data.get("alder") or ""),
            need={"sparring": NEED_SELF, "borger": NEED_CITIZEN}.get(data.get("behov") or ""),
        )


class ReferralForm(DkfdsFormMixin, forms.Form):
    tilbud = forms.TypedMultipleChoiceField(
        label=_("Vælg de tilbud, der skal stå på sedlen"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    sprog = forms.ChoiceField(
        label=_("Sedlens sprog"),
        choices=[("da", "Dansk"), ("en", "English")],
        initial="da",
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tilbud"].choices = referral_choices()  # type: ignore[attr-defined]
        self.fields["tilbud"].help_text = gettext(
            "Højst %(count)s, så sedlen kan foldes til lommeformat."
        ) % {"count": MAX_REFERRAL_SERVICES}

    def clean_tilbud(self) -> list[int]:
        chosen: list[int] = self.cleaned_data["tilbud"]
        if len(chosen) > MAX_REFERRAL_SERVICES:
            raise forms.ValidationError(
                _("Vælg højst %(count)s tilbud, så sedlen kan være på én side."),
                params={"count": MAX_REFERRAL_SERVICES},
            )
        return chosen

    def language(self) -> str:
        return self.cleaned_data.get("sprog") or "da"
