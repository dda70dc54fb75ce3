"""Find hjælp (ARCHITECTURE.md, URL map). Fixed pages come before ``<slug>/``; a service can
never take one of their addresses (``models.RESERVED_SLUGS``)."""

from django.urls import path

from tillid.directory import views

app_name = "directory"

urlpatterns = [
    path("find-hjaelp/", views.index, name="index"),
    path("find-hjaelp/hvem-skal-jeg-ringe-til/", views.guide, name="guide"),
    path("find-hjaelp/henvisning/", views.referral, name="referral"),
    path("find-hjaelp/henvisning/pdf/", views.referral_pdf, name="referral_pdf"),
    path("find-hjaelp/organisation/<slug:slug>/", views.organization, name="organization"),
    path("find-hjaelp/<slug:slug>/", views.service, name="service"),
    path("hjaelp/", views.citizen_help, name="citizen_help"),
]
