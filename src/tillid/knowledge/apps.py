from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_site_and_permissions(sender: AppConfig, **kwargs: Any) -> None:
    """After migrate (and after a test flush): the standing pages and the editors' rights."""
    state_apps = kwargs.get("apps") or apps
    try:
        state_apps.get_model("knowledge", "HomePage")
    except LookupError:  # migrated backwards past the knowledge tables
        return
    from tillid.knowledge import services

    services.site_ensure()
    services.cms_permissions_ensure()


class KnowledgeConfig(AppConfig):
    name = "tillid.knowledge"
    label = "knowledge"
    verbose_name = _("Viden")

    def ready(self) -> None:
        from tillid.accounts.roles import Role
        from tillid.core import demo, search
        from tillid.core.navigation import register_task_link
        from tillid.knowledge import demo as knowledge_demo
        from tillid.knowledge.site_search import SOURCE

        search.register(SOURCE)
        register_task_link(
            role=Role.EDITOR, label=_("Redigér indhold"), url_name="wagtailadmin_home"
        )
        demo.register(order=35, name="knowledge", load=knowledge_demo.load)
        post_migrate.connect(
            _ensure_site_and_permissions, sender=self, dispatch_uid="knowledge.site_ensure"
        )
