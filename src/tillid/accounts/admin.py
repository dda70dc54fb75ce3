"""Administrators manage users, their roles and units here; every change is audited.

Administrators cannot become someone else (issue 17): there is no password field and no
password-setting page (an action mails the user a reset link instead, and a new user chooses
their own password the same way); case roles (``FOUR_EYES_ROLES``) wait for a second
administrator's approval in "Rolletildelinger"; two-factor devices can be seen and removed, never
added or configured (their keys are never shown). Every change is audited with before and after
values and mailed to the user; opening a user's page is audited as a read.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillid.accounts import password_reset, sso_admin  # noqa: F401  (registers its admins)
from tillid.accounts.models import OrgUnit, RoleGrant, User
from tillid.accounts.user_admin_services import (
    FOUR_EYES_ROLES,
    role_grant_decide,
    role_grant_request,
    user_change_announce,
)
from tillid.core import audit

AUDITED_FIELDS = ["email", "name", "job_title", "org_unit", "is_active"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind"]
    search_fields = ["name"]


class UserChangeForm(forms.ModelForm):
    """The user's details without any password field."""

    class Meta:
        model = User
        fields = ["email", "name", "job_title", "org_unit", "groups", "is_active"]


class UserCreationForm(forms.ModelForm):
    """A new user without a password: they choose one through the link Tillid mails them."""

    class Meta:
        model = User
        fields = ["email", "name", "job_title", "org_unit"]

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.email = user.email.lower()
        user.set_unusable_password()
        if commit:
            user.save()
        return user


def _snapshot(user: User) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(user, name) for name in AUDITED_FIELDS}
    values["org_unit"] = str(user.org_unit) if user.org_unit_id else None
    values["roles"] = sorted(user.groups.values_list("name", flat=True)) if user.pk else []
    return values


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["name"]
    list_display = ["name", "email", "job_title", "org_unit", "is_active"]
    list_filter = ["groups", "is_active", "org_unit"]
    search_fields = ["name", "email"]
    filter_horizontal = ["groups"]
    form = UserChangeForm
    add_form = UserCreationForm
    change_password_form = None
    fieldsets = (
        (None, {"fields": ("email",)}),
        (_("Person"), {"fields": ("name", "job_title", "org_unit")}),
        (
            _("Roller"),
            {
                "fields": ("groups", "is_active"),
                "description": _(
                    "Konsulent- og modtagelsesroller træder først i kraft, når en anden "
                    "administrator har godkendt dem under Rolletildelinger."
                ),
            },
        ),
        (_("Datoer"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "name", "job_title", "org_unit")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["send_password_reset"]

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Administrators never set another person's password."""
        raise PermissionDenied

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "GET":
            user = self.get_object(request, object_id)
            if user is not None:
                audit.record(actor=request.user, action="accounts.user.viewed", target=user)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = _snapshot(User.objects.get(pk=obj.pk)) if change else None
        request._tillid_user_before = before  # type: ignore[attr-defined]
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """Save the roles, holding back case roles for a second administrator; then audit."""
        user: User = form.instance
        current = set(user.groups.values_list("name", flat=True)) if change else set()
        chosen = form.cleaned_data.get("groups")
        held_back: list[str] = []
        if chosen is not None:
            held_back = sorted(
                group.name
                for group in chosen
                if group.name in FOUR_EYES_ROLES and group.name not in current
            )
            form.cleaned_data["groups"] = chosen.exclude(name__in=held_back)
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            for role in held_back:
                role_grant_request(actor=request.user, user=user, role=role)
            before = getattr(request, "_tillid_user_before", None)
            after = _snapshot(user)
            if before is None:
                audit.record(
                    actor=request.user, action="accounts.user.created", target=user, values=after
                )
                password_reset.password_reset_link_send(actor=request.user, user=user)
                return
            changes = {
                name: {"before": before[name], "after": after[name]}
                for name in after
                if before[name] != after[name]
            }
            if changes:
                audit.record(
                    actor=request.user,
                    action="accounts.user.changed",
                    target=user,
                    changes=changes,
                )
                user_change_announce(user=user, what=changes)
        if held_back:
            messages.warning(
                request,
                gettext(
                    "Rollerne %(roles)s afventer en anden administrators godkendelse under "
                    "Rolletildelinger."
                )
                % {"roles": ", ".join(held_back)},
            )

    @admin.action(description=_("Send link til ny adgangskode"))
    def send_password_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            password_reset.password_reset_link_send(actor=request.user, user=user)
        messages.success(
            request,
            gettext("Et link til at vælge en ny adgangskode er sendt til %(count)d brugere.")
            % {"count": queryset.count()},
        )


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "status", "requested_by", "requested_at", "decided_by"]
    list_filter = ["status", "role"]
    actions = ["approve", "reject"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True  # the admin site admits verified administrators only

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # grants are requested by choosing the role on the user's page

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # decided through the actions only

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _decide(self, request: HttpRequest, queryset: QuerySet[RoleGrant], approve: bool) -> None:
        done = refused = 0
        for grant in queryset.filter(status=RoleGrant.Status.PENDING):
            try:
                role_grant_decide(actor=request.user, grant=grant, approve=approve)
            except PermissionDenied:
                refused += 1
            else:
                done += 1
        if refused:
            messages.error(
                request,
                gettext(
                    "%(count)d tildelinger er ikke besluttet: du kan ikke godkende eller afvise "
                    "din egen anmodning. En anden administrator skal gøre det."
                )
                % {"count": refused},
            )
        if done:
            messages.success(
                request, gettext("%(count)d tildelinger er besluttet.") % {"count": done}
            )

    @admin.action(description=_("Godkend de valgte rolletildelinger"))
    def approve(self, request: HttpRequest, queryset: QuerySet[RoleGrant]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Afvis de valgte rolletildelinger"))
    def reject(self, request: HttpRequest, queryset: QuerySet[RoleGrant]) -> None:
        self._decide(request, queryset, approve=False)


class DeviceAdmin(admin.ModelAdmin):
    """Second-factor devices: seen and removed (the user enrols again), never added or shown.

    An administrator who could add a device or read its key could log in as its user.
    """

    list_display = ["user", "name", "confirmed"]
    fields = ["user", "name", "confirmed"]
    readonly_fields = ["user", "name", "confirmed"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True  # the admin site admits verified administrators only

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._removed(request, [obj])
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._removed(request, list(queryset.select_related("user")))
        super().delete_queryset(request, queryset)

    def _removed(self, request: HttpRequest, devices: list[Any]) -> None:
        for device in devices:
            audit.record(
                actor=request.user,
                action="accounts.two_factor.device_removed",
                target=device.user,
                device=f"{type(device).__name__} #{device.pk}",
            )
            user_change_announce(user=device.user, what=["devices"])


def register_device_admins(site: admin.AdminSite) -> None:
    """Replace django-otp's device admins (which show keys and add devices) with ``DeviceAdmin``.

    Called after admin autodiscovery (``TillidAdminConfig.ready``), when django-otp's own
    registrations exist.
    """
    for device_model in (TOTPDevice, StaticDevice):
        if site.is_registered(device_model):
            site.unregister(device_model)
        site.register(device_model, DeviceAdmin)
