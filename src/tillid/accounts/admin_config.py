"""Installs the Django admin with Tillid's site (``admin_site.TillidAdminSite``)."""

from django.contrib.admin.apps import AdminConfig


class TillidAdminConfig(AdminConfig):
    default_site = "tillid.accounts.admin_site.TillidAdminSite"
