from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionPlansConfig(AppConfig):
    name = "tillid.actionplans"
    label = "actionplans"
    verbose_name = _("Handleplaner")

    def ready(self) -> None:
        from tillid.accounts.roles import Role
        from tillid.core.audit_records import register_record_kind
        from tillid.core.navigation import register_task_link

        register_task_link(
            role=Role.CASE_WORKER, label=_("Handleplaner"), url_name="actionplans:index"
        )
        register_record_kind("actionplans.actionplan", _("Handleplan for en voksen"))
