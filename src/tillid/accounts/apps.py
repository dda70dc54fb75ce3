from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "tillid.accounts"
    label = "accounts"
    verbose_name = _("Brugere og roller")

    def ready(self) -> None:
        from tillid.accounts import demo as accounts_demo
        from tillid.core import demo

        demo.register(order=10, name="accounts", load=accounts_demo.load)
