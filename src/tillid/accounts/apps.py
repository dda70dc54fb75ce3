from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tillid.accounts"
    label = "accounts"
    verbose_name = _("Brugere og roller")

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        from tillid.accounts import demo as accounts_demo
        from tillid.accounts import signals  # noqa: F401  (audit receivers)
        from tillid.accounts.checks import check_password_login_roles
        from tillid.accounts.permissions import ensure_role_groups
        from tillid.accounts.roles import Role
        from tillid.core import demo
        from tillid.core.navigation import register_task_link

        checks.register(check_password_login_roles)
        # Every app's post_migrate, so the permissions of apps migrated later exist by the end.
        post_migrate.connect(ensure_role_groups, dispatch_uid="tillid.ensure_role_groups")
        demo.register(order=10, name="accounts", load=accounts_demo.load)
        register_task_link(
            role=Role.ADMINISTRATOR, label=_("Brugere og roller"), url_name="admin:index"
        )
