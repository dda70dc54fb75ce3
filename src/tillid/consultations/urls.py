"""Consultations: /konsultation/ for professionals, /konsulent/ for the consultant team."""

from django.urls import path

from tillid.consultations.views import professional, workspace

app_name = "consultations"

urlpatterns = [
    path("konsultation/", professional.request_form, name="request"),
    path("konsultation/mine/", professional.mine, name="mine"),
    path("konsultation/mine/<int:pk>/", professional.mine_detail, name="mine_detail"),
    path("konsultation/mine/<int:pk>/besked/", professional.mine_message, name="mine_message"),
    path("konsultation/mine/<int:pk>/vurdering/", professional.mine_rating, name="mine_rating"),
    path("konsulent/", workspace.queue, name="queue"),
    path("konsulent/eksport.csv", workspace.export, name="export"),
    path("konsulent/sager/<int:pk>/", workspace.case, name="case"),
    path("konsulent/sager/<int:pk>/tildel/", workspace.case_assign, name="case_assign"),
    path("konsulent/sager/<int:pk>/status/", workspace.case_status, name="case_status"),
    path("konsulent/sager/<int:pk>/notat/", workspace.case_note, name="case_note"),
    path("konsulent/sager/<int:pk>/besked/", workspace.case_message, name="case_message"),
    path("konsulent/sager/<int:pk>/moede/", workspace.case_meeting, name="case_meeting"),
    path("konsulent/sager/<int:pk>/afslut/", workspace.case_close, name="case_close"),
    path(
        "konsulent/sager/<int:pk>/risikovurdering/",
        workspace.case_risk_start,
        name="case_risk_start",
    ),
    path(
        "konsulent/sager/<int:pk>/risikovurdering/deling/",
        workspace.case_risk_share,
        name="case_risk_share",
    ),
]
