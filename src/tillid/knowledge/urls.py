from django.urls import path

from tillid.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("soeg/", views.search, name="search"),
    path("forskning/atom.xml", views.research_feed, name="research_feed"),
]
