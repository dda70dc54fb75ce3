from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The administrator role configures the intake unit in the Django admin; it holds no report.
ADMINISTRATOR_PERMISSIONS = [
    f"{action}_intakeunit" for action in ("view", "add", "change", "delete")
]


def grant_administrator_permissions(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    from tillid.accounts.roles import Role

    group = Group.objects.filter(name=Role.ADMINISTRATOR).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="concerns", codename__in=ADMINISTRATOR_PERMISSIONS
    )
    group.permissions.add(*permissions)


class ConcernsConfig(AppConfig):
    name = "tillid.concerns"
    label = "concerns"
    verbose_name = _("Underretninger")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from tillid.accounts.roles import Role
        from tillid.concerns import demo as concerns_demo
        from tillid.core import demo
        from tillid.core.audit_records import register_record_kind
        from tillid.core.navigation import register_task_link

        demo.register(order=70, name="concerns", load=concerns_demo.load)
        register_record_kind("concerns.report", _("Underretning om et barn"))
        register_task_link(
            role=Role.PROFESSIONAL, label=_("Underret om et barn"), url_name="concerns:start"
        )
        register_task_link(
            role=Role.INTAKE_WORKER, label=_("Modtagne underretninger"), url_name="concerns:queue"
        )
        post_migrate.connect(
            grant_administrator_permissions,
            dispatch_uid="tillid.concerns.grant_administrator_permissions",
        )
