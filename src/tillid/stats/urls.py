from django.urls import path

from tillid.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.index, name="index"),
    path("statistik.csv", views.export_csv, name="export_csv"),
    path("statistik.xlsx", views.export_xlsx, name="export_xlsx"),
]
