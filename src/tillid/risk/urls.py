"""Risk assessments under /risikovurdering/ (ARCHITECTURE.md, URL map)."""

from django.urls import path

from tillid.risk import step_views, views

app_name = "risk"

urlpatterns = [
    path("risikovurdering/", views.index, name="index"),
    path("risikovurdering/ny/", step_views.new, name="new"),
    path("risikovurdering/<int:pk>/", views.detail, name="detail"),
    path("risikovurdering/<int:pk>/trin/<slug:step>/", step_views.step, name="step"),
    path("risikovurdering/<int:pk>/pdf/", views.pdf, name="pdf"),
    path("risikovurdering/<int:pk>/slet/", views.delete_draft, name="delete"),
    path("risikovurdering/personer/<int:pk>/", views.history, name="history"),
    path("risikovurdering/personer/<int:pk>/ny/", views.reassess, name="reassess"),
]
