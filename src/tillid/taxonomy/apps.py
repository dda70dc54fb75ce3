from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """Topics and audiences, shared by the knowledge portal and the courses (both depend on it;
    it depends on neither)."""

    name = "tillid.taxonomy"
    label = "taxonomy"
    verbose_name = _("Emner og målgrupper")
