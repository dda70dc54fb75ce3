"""The Wagtail chooser for directory services, used by the contact-card blocks.

A chooser over the directory's model (rather than a snippet chooser) leaves the directory free
to present its services in the admin as it likes; this only picks one.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class ServiceChooserViewSet(ChooserViewSet):
    model = "directory.Service"
    icon = "user"
    choose_one_text = _("Vælg et tilbud fra vejviseren")
    choose_another_text = _("Vælg et andet tilbud")
    edit_item_text = _("Ret tilbuddet")
    register_widget = False  # other forms keep the directory's own widget


service_chooser_viewset = ServiceChooserViewSet(
    "tillid_service_chooser", url_prefix="vejviser-tilbud"
)
ServiceChooserBlock = service_chooser_viewset.get_block_class(
    name="ServiceChooserBlock", module_path="tillid.knowledge.choosers"
)
