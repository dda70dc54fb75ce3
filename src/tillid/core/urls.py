from django.urls import path
from wagtail.views import serve as wagtail_serve

from tillid.core import audit_views, privacy_views
from tillid.core.page_cache import cached_for_visitors

page = cached_for_visitors(wagtail_serve)

app_name = "core"

# The home page and the two statements every public site must link are Wagtail pages (the
# knowledge app); these names pin their addresses for the layout, whatever editors rename.
urlpatterns = [
    path("", page, {"path": ""}, name="home"),
    path("tilgaengelighed/", page, {"path": "tilgaengelighed/"}, name="accessibility"),
    path("privatliv/", page, {"path": "privatliv/"}, name="privacy"),
    path("databeskyttelse/", privacy_views.data_protection, name="data_protection"),
    path("revisionsspor/", audit_views.audit_log, name="audit_log"),
    path("revisionsspor/adgang/", audit_views.record_accesses, name="audit_record_accesses"),
    path("revisionsspor/eksport.csv", audit_views.audit_log_export, name="audit_log_export"),
]
