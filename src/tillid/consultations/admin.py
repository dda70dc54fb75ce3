"""Administrators keep the consultant team and the eligible units here. Cases are not in the
admin: administrators see no case content."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tillid.consultations.models import EligibleUnit, Team
from tillid.core import audit


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        verb = "changed" if change else "created"
        audit.record(
            actor=request.user,
            action=f"consultations.{obj._meta.model_name}.{verb}",
            target=obj,
            fields=sorted(form.changed_data),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        audit.record(
            actor=request.user, action=f"consultations.{obj._meta.model_name}.deleted", target=obj
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            audit.record(
                actor=request.user,
                action=f"consultations.{obj._meta.model_name}.deleted",
                target=obj,
            )
        super().delete_queryset(request, queryset)


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "org_unit", "lead"]
    autocomplete_fields = ["org_unit", "lead"]


@admin.register(EligibleUnit)
class EligibleUnitAdmin(AuditedAdmin):
    list_display = ["org_unit"]
    autocomplete_fields = ["org_unit"]
