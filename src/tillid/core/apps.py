from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tillid.core"
    label = "core"
    verbose_name = _("Fælles")

    def ready(self) -> None:
        from tillid.core import (
            audit_actions,
            checks,  # noqa: F401  (registers the access-policy check)
            page_cache,
            retention,
            retention_rules,  # noqa: F401  (the core app's own retention rules)
        )
        from tillid.core.navigation import register_task_link

        register_task_link(
            role="administrator", label=_("Revisionsspor"), url_name="core:audit_log"
        )
        audit_actions.discover()
        retention.discover()
        page_cache.connect_invalidation()
