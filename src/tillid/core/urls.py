from django.urls import path

from tillid.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("privatliv/", views.privacy, name="privacy"),
    path("mit-arbejde/", views.my_work, name="my_work"),
]
