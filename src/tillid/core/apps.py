from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tillid.core"
    label = "core"
    verbose_name = _("Fælles")

    def ready(self) -> None:
        from tillid.core import checks  # noqa: F401  (registers the access-policy check)
