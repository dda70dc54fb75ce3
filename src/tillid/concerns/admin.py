"""Administrators configure the intake unit here. Reports are not in the admin: administrators
see no report."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tillid.concerns.models import IntakeUnit
from tillid.core import audit


@admin.register(IntakeUnit)
class IntakeUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "org_unit", "directory_slug"]
    autocomplete_fields = ["org_unit"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit.record(
            actor=request.user,
            action="concerns.intakeunit.changed" if change else "concerns.intakeunit.created",
            target=obj,
            fields=sorted(form.changed_data),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.record(actor=request.user, action="concerns.intakeunit.deleted", target=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            audit.record(actor=request.user, action="concerns.intakeunit.deleted", target=obj)
        super().delete_queryset(request, queryset)
