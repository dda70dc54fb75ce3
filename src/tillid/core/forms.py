"""Form helpers that give every form DKFDS classes and accessible error wiring."""

from __future__ import annotations

from typing import Any

from django import forms

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
