"""Installs the Django admin with Tillid's site (``admin_site.TillidAdminSite``)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class TillidAdminConfig(AdminConfig):
    default_site = "tillid.accounts.admin_site.TillidAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscovers every app's admin module
        from tillid.accounts.admin import register_device_admins

        register_device_admins(admin.site)
