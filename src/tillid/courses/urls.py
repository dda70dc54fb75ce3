from django.urls import path

from tillid.courses import manage_views, views

app_name = "courses"

urlpatterns = [
    path("", views.index, name="index"),
    path("kalender.ics", views.feed, name="feed"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/afmeld/", views.mine_cancel, name="mine_cancel"),
    path("tilmelding/bekraeft/<str:token>/", views.confirm_email, name="confirm_email"),
    path("tilmelding/afmeld/<str:token>/", views.cancel_link, name="cancel_link"),
    path("evaluering/<str:token>/", views.evaluate, name="evaluate"),
    # Course administration.
    path("administration/", manage_views.manage_index, name="manage_index"),
    path("administration/kursus/nyt/", manage_views.course_create, name="manage_course_create"),
    path("administration/kursus/<int:pk>/", manage_views.course_edit, name="manage_course_edit"),
    path(
        "administration/kursus/<int:pk>/nyt-hold/",
        manage_views.session_create,
        name="manage_session_create",
    ),
    path("administration/hold/<int:pk>/", manage_views.session_detail, name="manage_session"),
    path(
        "administration/hold/<int:pk>/rediger/",
        manage_views.session_edit,
        name="manage_session_edit",
    ),
    path(
        "administration/hold/<int:pk>/fremmoede/",
        manage_views.session_attendance,
        name="manage_attendance",
    ),
    path(
        "administration/hold/<int:pk>/besked/",
        manage_views.session_message,
        name="manage_message",
    ),
    path(
        "administration/hold/<int:pk>/aflys/",
        manage_views.session_cancel,
        name="manage_session_cancel",
    ),
    path(
        "administration/hold/<int:pk>/deltagere.csv",
        manage_views.session_export_csv,
        name="manage_export_csv",
    ),
    path(
        "administration/hold/<int:pk>/deltagere.xlsx",
        manage_views.session_export_xlsx,
        name="manage_export_xlsx",
    ),
    path(
        "administration/hold/<int:pk>/evaluering/",
        manage_views.session_evaluation_invite,
        name="manage_evaluation_invite",
    ),
    path(
        "administration/tilmelding/<int:pk>/fremmoede/",
        manage_views.registration_attendance,
        name="manage_registration_attendance",
    ),
    path(
        "administration/tilmelding/<int:pk>/ryk-op/",
        manage_views.registration_promote,
        name="manage_registration_promote",
    ),
    path(
        "administration/tilmelding/<int:pk>/fjern/",
        manage_views.registration_remove,
        name="manage_registration_remove",
    ),
    # Course pages last: a slug could otherwise shadow the paths above.
    path("<slug:slug>/", views.course, name="course"),
    path("<slug:slug>/<int:session_id>/tilmelding/", views.register, name="register"),
]
