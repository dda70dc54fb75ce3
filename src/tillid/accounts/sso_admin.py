"""The Django admin pages of the municipality's login (issue 18): which groups of the identity
provider give which roles (four eyes for case roles), and who is linked to which identity."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tillid.accounts.models import GroupMapping, ProviderIdentity
from tillid.accounts.user_admin_services import (
    group_mapping_decide,
    group_mapping_delete,
    group_mapping_is_live,
    group_mapping_request,
)
from tillid.core.refusals import ActionRefusedError, NotPermittedError


class GroupMappingForm(forms.ModelForm):
    class Meta:
        model = GroupMapping
        fields = ["group", "role", "org_unit"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        group, role = (cleaned.get("group") or "").strip(), cleaned.get("role")
        if group and role and group_mapping_is_live(group=group, role=role):
            self.add_error(
                "group", _("Gruppen giver allerede denne rolle, eller den afventer godkendelse.")
            )
        return cleaned


@admin.register(GroupMapping)
class GroupMappingAdmin(admin.ModelAdmin):
    """Which groups of the municipality's login give which roles (issue 18).

    Asking for a mapping to a case role creates it pending: it gives nothing until a *second*
    administrator approves it with the action, like a ``RoleGrant``. Mappings are not edited;
    delete one and ask for a new one. Changes take effect at each member's next login.
    """

    form = GroupMappingForm
    list_display = ["group", "role", "org_unit", "status", "requested_by", "decided_by"]
    list_filter = ["status", "role"]
    search_fields = ["group"]
    actions = ["approve", "reject"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True  # the admin site admits verified administrators only

    def has_add_permission(self, request: HttpRequest) -> bool:
        return True

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # decided through the actions; never edited

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, through the service
        return actions

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        try:
            mapping = group_mapping_request(
                actor=request.user,
                group=form.cleaned_data["group"],
                role=form.cleaned_data["role"],
                org_unit=form.cleaned_data.get("org_unit"),
            )
        except ActionRefusedError as refused:
            messages.error(request, refused.message)
            raise PermissionDenied from refused
        form.instance = mapping
        obj.pk = mapping.pk
        if mapping.status == GroupMapping.Status.PENDING:
            messages.warning(
                request,
                gettext(
                    "Gruppen giver en rolle med adgang til sager. Den virker først, når en anden "
                    "administrator har godkendt den."
                ),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        group_mapping_delete(actor=request.user, mapping=obj)

    def _decide(
        self, request: HttpRequest, queryset: QuerySet[GroupMapping], approve: bool
    ) -> None:
        done = refused = 0
        for mapping in queryset.filter(status=GroupMapping.Status.PENDING):
            try:
                group_mapping_decide(actor=request.user, mapping=mapping, approve=approve)
            except NotPermittedError:
                refused += 1
            else:
                done += 1
        if refused:
            messages.error(
                request,
                gettext(
                    "%(count)d grupper er ikke besluttet: du kan ikke godkende eller afvise din "
                    "egen anmodning. En anden administrator skal gøre det."
                )
                % {"count": refused},
            )
        if done:
            messages.success(request, gettext("%(count)d grupper er besluttet.") % {"count": done})

    @admin.action(description=_("Godkend de valgte grupper"))
    def approve(self, request: HttpRequest, queryset: QuerySet[GroupMapping]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description=_("Afvis de valgte grupper"))
    def reject(self, request: HttpRequest, queryset: QuerySet[GroupMapping]) -> None:
        self._decide(request, queryset, approve=False)


@admin.register(ProviderIdentity)
class ProviderIdentityAdmin(admin.ModelAdmin):
    """Who is linked to which identity in the municipality's login; read only."""

    list_display = ["user", "subject", "issuer", "roles", "last_login_at"]
    search_fields = ["user__name", "user__email", "subject"]
    readonly_fields = ["user", "issuer", "subject", "roles", "last_login_at"]

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return True  # the admin site admits verified administrators only

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
