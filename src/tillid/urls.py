"""Danish URLs without a prefix; English under /en/ (ARCHITECTURE.md, URL map)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from tillid.accounts import views as accounts_views
from tillid.core import views as core_views

handler400 = "tillid.core.views.bad_request"
handler403 = "tillid.core.views.permission_denied"
handler404 = "tillid.core.views.page_not_found"
handler500 = "tillid.core.views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("konto/", include("tillid.accounts.urls")),
    path("mit-arbejde/", accounts_views.my_work, name="my_work"),
    path("admin/", admin.site.urls),
    path("", include("tillid.core.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
