"""Filter and search forms (GET). Bad values are ignored, never an error page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tillid.core.forms import DkfdsFormMixin
from tillid.knowledge.site_search import MAX_QUERY_LENGTH, clean_query
from tillid.taxonomy.selectors import audience_list, topic_list


class _TaxonomyChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, to_field_name="slug", required=False, **kwargs)


class ToolboxFilterForm(DkfdsFormMixin, forms.Form):
    audience = _TaxonomyChoiceField(audience_list(), label=_("Målgruppe"), empty_label=_("Alle"))
    topic = _TaxonomyChoiceField(topic_list(), label=_("Emne"), empty_label=_("Alle emner"))


class ResearchFilterForm(DkfdsFormMixin, forms.Form):
    topic = _TaxonomyChoiceField(topic_list(), label=_("Emne"), empty_label=_("Alle emner"))
    year = forms.TypedChoiceField(label=_("År"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [("", _("Alle år")), *((y, str(y)) for y in years)]


class SearchForm(DkfdsFormMixin, forms.Form):
    q = forms.CharField(label=_("Søg i Tillid"), required=False)
    audience = _TaxonomyChoiceField(audience_list(), label=_("Målgruppe"), empty_label=_("Alle"))
    topic = _TaxonomyChoiceField(topic_list(), label=_("Emne"), empty_label=_("Alle emner"))

    def clean_q(self) -> str:
        # Long or odd input is trimmed, not refused: a search always answers.
        return clean_query(self.cleaned_data.get("q"))[:MAX_QUERY_LENGTH]
