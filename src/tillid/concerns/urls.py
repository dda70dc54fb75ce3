"""Concern reports: /underretning/ for notifiers, /modtagelse/ for the intake."""

from django.urls import path

from tillid.concerns.views import intake, notifier

app_name = "concerns"

urlpatterns = [
    path("underretning/", notifier.start, name="start"),
    path("underretning/ny/", notifier.new, name="new"),
    path("underretning/voksen/", notifier.adult, name="adult"),
    path("underretning/<int:pk>/", notifier.resume, name="resume"),
    path("underretning/<int:pk>/trin/<slug:step>/", notifier.step, name="step"),
    path("underretning/<int:pk>/status/", notifier.status, name="status"),
    path("underretning/<int:pk>/kopi.pdf", notifier.copy_pdf, name="copy_pdf"),
    path("modtagelse/", intake.queue, name="queue"),
    path("modtagelse/<int:pk>/", intake.report, name="report"),
    path("modtagelse/<int:pk>/tildel/", intake.assign, name="assign"),
    path("modtagelse/<int:pk>/vurdering/", intake.assess, name="assess"),
    path("modtagelse/<int:pk>/kvittering/", intake.receipt, name="receipt"),
    path("modtagelse/<int:pk>/tilbagemelding/", intake.feedback, name="feedback"),
    path("modtagelse/<int:pk>/familie/", intake.family_flag, name="family_flag"),
    path("modtagelse/<int:pk>/eksport.json", intake.export_json, name="export_json"),
    path("modtagelse/<int:pk>/eksport.pdf", intake.export_pdf, name="export_pdf"),
]
