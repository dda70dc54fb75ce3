from django.urls import path

from tillid.core import audit_views, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("revisionsspor/", audit_views.audit_log, name="audit_log"),
    path("revisionsspor/eksport.csv", audit_views.audit_log_export, name="audit_log_export"),
]
