"""Site-wide files outside the language prefix: sitemap.xml and robots.txt."""

from django.urls import path

from tillid.knowledge import views

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
