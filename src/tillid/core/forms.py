"""Form helpers that give every form DKFDS classes and accessible error wiring."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.utils.translation import gettext_lazy as _

_INPUT_CLASS: dict[type[forms.Widget], str] = {
    forms.Textarea: "form-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
}


# Dates every form accepts: far enough for any course, meeting or deadline, and far from the
# edges where Python's datetime arithmetic and the databases overflow (0001-01-01 gave a 500).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_OUT_OF_RANGE = _("Angiv en dato mellem 1900 og 2100.")
# Whole numbers every form accepts unless the field says less: a 32-bit database integer.
INTEGER_RANGE = (-(2**31), 2**31 - 1)


def _date_in_range(value: date) -> None:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise forms.ValidationError(DATE_OUT_OF_RANGE, code="date_out_of_range")


def _guard_keys(field: forms.ModelChoiceField) -> None:
    """Refuse a chosen key the database cannot even compare (a huge number crashed SQLite and
    PostgreSQL with an overflow) before the field looks it up."""
    if field.queryset is None:
        return
    meta = field.queryset.model._meta
    key_field = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    if key_field is None:
        return
    internal = key_field.get_internal_type()
    if not internal.endswith(("AutoField", "IntegerField")):
        return
    low, high = connection.ops.integer_field_range(internal)
    low = -(2**63) if low is None else low
    high = 2**63 - 1 if high is None else high
    original_clean = field.clean

    def clean(value: Any) -> Any:
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item in field.empty_values or isinstance(item, models.Model):
                continue
            text = str(item).strip()
            if not (text.lstrip("-").isdigit() and len(text) < 25 and low <= int(text) <= high):
                raise forms.ValidationError(
                    field.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": str(item)[:50]},
                )
        return original_clean(value)

    field.clean = clean  # type: ignore[method-assign]


def harden_field(field: forms.Field) -> None:
    """Bound what a field accepts so that hostile input is a form error, never a server error."""
    if isinstance(field, forms.DateField | forms.DateTimeField):
        field.validators.append(_date_in_range)
    elif isinstance(field, forms.IntegerField):
        low, high = INTEGER_RANGE
        if field.min_value is None:
            field.validators.append(MinValueValidator(low))
        if field.max_value is None:
            field.validators.append(MaxValueValidator(high))
    elif isinstance(field, forms.ModelChoiceField):
        _guard_keys(field)


class DkfdsFormMixin:
    """Adds DKFDS input classes, and links each field's errors to it for screen readers; bounds
    dates, whole numbers and chosen keys (``harden_field``)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            harden_field(field)
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
            ):
                continue
            css = _INPUT_CLASS.get(type(widget), "form-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def __getitem__(self, name: str) -> forms.BoundField:
        """Our templates give a hint the id "<field id>_hint"; without this Django would point
        the field at "<field id>_helptext", an element no template renders. Done when the field
        is rendered, so fields a form adds after ``__init__`` are covered too."""
        bound: forms.BoundField = super().__getitem__(name)  # type: ignore[misc]
        widget = self.fields[name].widget
        if self.fields[name].help_text and "aria-describedby" not in widget.attrs:
            widget.attrs["aria-describedby"] = f"{bound.auto_id}_hint"
        return bound

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        errors = getattr(self, "_errors", None) or {}
        for name, field_errors in errors.items():
            if name not in self.fields:
                continue
            bound = self[name]
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
