from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The administrator role keeps the team and the eligible units up to date in the Django admin.
# Neither holds case content; cases themselves are not in the admin at all.
ADMINISTRATOR_PERMISSIONS = [
    f"{action}_{model}"
    for model in ("team", "eligibleunit")
    for action in ("view", "add", "change", "delete")
]


def grant_administrator_permissions(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    from tillid.accounts.roles import Role

    group = Group.objects.filter(name=Role.ADMINISTRATOR).first()
    if group is None:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="consultations", codename__in=ADMINISTRATOR_PERMISSIONS
    )
    group.permissions.add(*permissions)


class ConsultationsConfig(AppConfig):
    name = "tillid.consultations"
    label = "consultations"
    verbose_name = _("Konsultationer")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from tillid.accounts.roles import Role
        from tillid.consultations import demo as consultations_demo
        from tillid.consultations.guidance import team_request_link
        from tillid.core import demo
        from tillid.core.navigation import register_service_link, register_task_link

        demo.register(order=60, name="consultations", load=consultations_demo.load)
        register_task_link(
            role=Role.PROFESSIONAL,
            label=_("Bed Etnisk Konsulentteam om sparring"),
            url_name="consultations:request",
        )
        register_task_link(
            role=Role.PROFESSIONAL, label=_("Mine henvendelser"), url_name="consultations:mine"
        )
        register_task_link(
            role=Role.CONSULTANT, label=_("Konsulentteamets kø"), url_name="consultations:queue"
        )
        register_service_link(team_request_link)
        # Every app's post_migrate (as accounts does), so the permissions exist by the end.
        post_migrate.connect(
            grant_administrator_permissions,
            dispatch_uid="tillid.consultations.grant_administrator_permissions",
        )
