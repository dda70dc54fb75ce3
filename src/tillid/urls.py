"""Danish URLs without a prefix; English under /en/ (ARCHITECTURE.md, URL map)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from tillid.accounts import sso_views
from tillid.accounts import views as accounts_views
from tillid.core import views as core_views

handler400 = "tillid.core.views.bad_request"
handler403 = "tillid.core.views.permission_denied"
handler404 = "tillid.core.views.page_not_found"
handler500 = "tillid.core.views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", core_views.healthz, name="healthz"),
    path("cms/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("", include("tillid.knowledge.site_urls")),  # sitemap.xml, robots.txt
    path("api/v1/", include("tillid.api.urls")),  # public HSDS API; no language prefix
    # The municipality's login (OpenID Connect): no language prefix, so the callback address
    # registered at the identity provider is one fixed address.
    path("konto/kommunelogin/", sso_views.ProviderLoginView.as_view(), name="sso_login"),
    path("konto/kommunelogin/svar/", sso_views.ProviderCallbackView.as_view(), name="sso_callback"),
]

urlpatterns += i18n_patterns(
    path("konto/", include("tillid.accounts.urls")),
    path("mit-arbejde/", accounts_views.my_work, name="my_work"),
    path("admin/", admin.site.urls),
    path("", include("tillid.core.urls")),
    path("", include("tillid.knowledge.urls")),
    path("", include("tillid.directory.urls")),
    path("", include("tillid.risk.urls")),
    path("kurser/", include("tillid.courses.urls")),
    path("", include("tillid.consultations.urls")),
    # Wagtail's page tree catches every remaining path: it must stay last.
    path("", include("tillid.knowledge.page_urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)  # image uploads
elif settings.TILLID_ENV == "local":
    # scripts/run's production path on one machine: WhiteNoise serves the static files; uploaded
    # images are served here (in production the reverse proxy or object storage serves them).
    from django.urls import re_path
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(
        0, re_path(rf"^{media_prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )
