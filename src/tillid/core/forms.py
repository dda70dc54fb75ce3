"""Form helpers that give every form DKFDS classes and accessible error wiring."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_INPUT_CLASS: dict[type[forms.Widget], str] = {
    forms.Textarea: "form-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
}


class DkfdsFormMixin:
    """Adds DKFDS input classes, and links each field's errors to it for screen readers."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                continue
            css = _INPUT_CLASS.get(type(widget), "form-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors = getattr(self, "_errors", None) or {}
        for name, field_errors in errors.items():
            if name not in self.fields:
                continue
            bound = self[name]  # type: ignore[index]
            ids = [f"{bound.auto_id}_error_{index}" for index in range(1, len(field_errors) + 1)]
            if self.fields[name].help_text:
                ids.insert(0, f"{bound.auto_id}_hint")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class AuditFilterForm(DkfdsFormMixin, forms.Form):
    actor = forms.CharField(
        label=_("Person"),
        required=False,
        max_length=200,
        help_text=_("E-mail eller navn på den, der handlede."),
    )
    action = forms.CharField(
        label=_("Handling"),
        required=False,
        max_length=100,
        help_text=_("F.eks. accounts.user.login eller accounts."),
    )
    target_type = forms.CharField(
        label=_("Posttype"), required=False, max_length=100, help_text=_("F.eks. accounts.user")
    )
    target_id = forms.CharField(label=_("Post-id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("Fra dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Til dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise forms.ValidationError(_("Fra-datoen skal ligge før til-datoen."))
        return data


class RecordAccessForm(DkfdsFormMixin, forms.Form):
    target_type = forms.ChoiceField(label=_("Posttype"), choices=())
    target_id = forms.CharField(label=_("Post-id"), max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from tillid.core.audit_records import RECORD_KINDS

        super().__init__(*args, **kwargs)
        self.fields["target_type"].choices = [  # type: ignore[attr-defined]
            (kind.target_type, kind.label) for kind in RECORD_KINDS.values()
        ]
