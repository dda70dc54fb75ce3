"""The Wagtail edit form of a service: opening hours must be neither inverted nor overlapping,
hours may only be tied to the service's own phone numbers, and an active acute service needs a
phone number."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from tillid.directory.models import Phone
from tillid.directory.services import validate_acute_service_phone, validate_opening_hours

HOURS_FORMSETS = {"schedules": "weekday", "schedule_exceptions": "date"}


class ServiceAdminForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phones = (
            Phone.objects.filter(service=self.instance)
            if self.instance.pk
            else Phone.objects.none()
        )
        for name in HOURS_FORMSETS:
            formset = self.formsets.get(name)
            if formset is None:
                continue
            original = formset.add_fields

            # add_fields runs for every child form, the blank template one included.
            def add_fields(form: Any, index: Any, original: Any = original) -> None:
                original(form, index)
                if "phone" in form.fields:
                    form.fields["phone"].queryset = phones
                    form.fields["phone"].help_text = _(
                        "Tom: tilbuddets egne tider. Nye numre kan vælges, når tilbuddet er gemt."
                    )

            formset.add_fields = add_fields

    def _live_rows(self, name: str) -> list[dict[str, Any]]:
        formset = self.formsets.get(name)
        if formset is None:
            return []
        rows = []
        for form in formset.forms:
            form.is_valid()  # the parent form is cleaned before its formsets
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            rows.append(data)
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        intervals = []
        for name, day_field in HOURS_FORMSETS.items():
            for row in self._live_rows(name):
                if name == "schedule_exceptions" and row.get("is_closed"):
                    continue
                phone = row.get("phone")
                intervals.append(
                    (
                        phone.pk if phone else None,
                        row.get(day_field),
                        row.get("opens_at"),
                        row.get("closes_at"),
                    )
                )
        try:
            validate_opening_hours(intervals)
        except ValidationError as error:
            for message in error.messages:
                self.add_error(None, message)
        try:
            validate_acute_service_phone(
                status=data.get("status") or "",
                type_codes=[term.code for term in data.get("service_types") or []],
                phone_types=[
                    row.get("type") or "" for row in self._live_rows("phones") if row.get("number")
                ],
            )
        except ValidationError as error:
            self.add_error("status", error)
        return data
