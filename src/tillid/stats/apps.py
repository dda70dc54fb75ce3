from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "tillid.stats"
    label = "stats"
    verbose_name = _("Statistik")

    def ready(self) -> None:
        from tillid.accounts.roles import Role
        from tillid.core.navigation import register_task_link

        register_task_link(role=Role.MANAGER, label=_("Statistik"), url_name="stats:index")
