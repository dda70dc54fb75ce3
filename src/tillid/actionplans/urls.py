"""Action plans for adults under /handleplaner/ (Serviceloven § 12 a)."""

from django.urls import path

from tillid.actionplans.views import handover, plans, versions

app_name = "actionplans"

urlpatterns = [
    path("", plans.index, name="index"),
    path("ny/", plans.start, name="start"),
    path("<int:pk>/", plans.detail, name="detail"),
    path("<int:pk>/del/<slug:part>/", plans.edit, name="edit"),
    path("<int:pk>/del/<slug:part>/<int:index>/fjern/", plans.remove_item, name="remove_item"),
    path("<int:pk>/handling/<int:index>/status/", plans.action_status, name="action_status"),
    path("<int:pk>/afslut/", plans.finalise, name="finalise"),
    path("<int:pk>/revider/", plans.revise, name="revise"),
    path("<int:pk>/luk/", plans.close, name="close"),
    path("<int:pk>/frakobl/", plans.unlink, name="unlink"),
    path("<int:pk>/sammenlign/", versions.compare_versions, name="compare"),
    path("<int:pk>/version/<int:number>/", versions.version, name="version"),
    path("<int:pk>/version/<int:number>/pdf/", versions.pdf, name="pdf"),
    path("<int:pk>/version/<int:number>/borger/", versions.summary, name="summary"),
    path("fra-konsultation/<int:pk>/", handover.handover, name="handover"),
]
