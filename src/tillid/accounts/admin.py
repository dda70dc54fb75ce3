"""Administrators manage users, their roles and units here; every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tillid.accounts.models import OrgUnit, User
from tillid.core import audit


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "job_title", "org_unit", "is_active"]
    list_filter = ["groups", "is_active", "org_unit"]
    search_fields = ["name", "email"]
    filter_horizontal = ["groups"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "job_title", "org_unit")}),
        (_("Roller"), {"fields": ("groups", "is_active")}),
        (_("Datoer"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "password1", "password2")}),
    )
    readonly_fields = ["last_login", "date_joined"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        verb = "changed" if change else "created"
        audit.record(
            actor=request.user,
            action=f"accounts.user.{verb}",
            target=obj,
            fields=sorted(form.changed_data),
        )
