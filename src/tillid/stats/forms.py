"""The filters of the statistics page: year, quarter and area (one of the reader's units)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tillid.core.forms import DkfdsFormMixin
from tillid.stats.areas import Tree
from tillid.stats.periods import Period

YEARS_BACK = 5


class FilterForm(DkfdsFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("År"), coerce=int)
    quarter = forms.TypedChoiceField(
        label=_("Kvartal"), coerce=int, required=False, empty_value=None
    )
    area = forms.TypedChoiceField(label=_("Område"), coerce=int)

    def __init__(
        self, data: Any, *, tree: Tree, areas: list[int], current_year: int, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self._choice_field("year").choices = [
            (year, str(year)) for year in range(current_year, current_year - YEARS_BACK, -1)
        ]
        self._choice_field("quarter").choices = [("", _("Hele året"))] + [
            (quarter, _("%(quarter)s. kvartal") % {"quarter": quarter}) for quarter in range(1, 5)
        ]
        top = tree.units[areas[0]].depth
        self._choice_field("area").choices = [
            (pk, "– " * (tree.units[pk].depth - top) + tree.units[pk].name) for pk in areas
        ]
        self.fields["area"].help_text = _("Tallene for en enhed omfatter enhederne under den.")

    def _choice_field(self, name: str) -> forms.ChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        return field

    def period(self) -> Period:
        return Period(year=self.cleaned_data["year"], quarter=self.cleaned_data["quarter"])
