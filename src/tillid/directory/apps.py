from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# Editors manage the directory in Wagtail (snippets): these model permissions, on their role group.
EDITOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("service", "organization", "taxonomyterm")
    for action in ("add", "change", "delete", "view")
]


def _grant_editor_permissions(sender: AppConfig, **kwargs: Any) -> None:
    """After migrate (and a test's flush): the editor role may edit the directory. Runs before
    Django's own handler for this app, so it creates the permissions first (idempotent)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from tillid.accounts.roles import Role

    state_apps = kwargs.get("apps") or apps
    try:
        state_apps.get_model("directory", "Service")
    except LookupError:  # migrated backwards past the directory tables
        return
    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))
    editor, _created = Group.objects.get_or_create(name=Role.EDITOR)
    editor.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="directory", codename__in=EDITOR_PERMISSIONS
        )
    )


class DirectoryConfig(AppConfig):
    name = "tillid.directory"
    label = "directory"
    verbose_name = _("Find hjælp")

    def ready(self) -> None:
        from tillid.core import demo, page_cache, search
        from tillid.directory import demo as directory_demo
        from tillid.directory import selectors
        from tillid.directory.site_search import SOURCE

        demo.register(order=30, name="directory", load=directory_demo.load)
        page_cache.register_expiry("directory", lambda now: selectors.next_hours_change(now=now))
        search.register(SOURCE)
        post_migrate.connect(
            _grant_editor_permissions, sender=self, dispatch_uid="directory.editor_permissions"
        )
