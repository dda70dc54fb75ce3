from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "tillid.risk"
    label = "risk"
    verbose_name = _("Risikovurdering")

    def ready(self) -> None:
        from tillid.accounts.roles import Role
        from tillid.core import demo
        from tillid.core.navigation import register_task_link
        from tillid.risk import demo as risk_demo

        demo.register(order=50, name="risk", load=risk_demo.load)
        for role in (Role.PROFESSIONAL, Role.CONSULTANT, Role.CASE_WORKER):
            register_task_link(role=role, label=_("Risikovurderinger"), url_name="risk:index")
