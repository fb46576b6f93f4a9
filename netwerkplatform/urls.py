"""Top-level URLs. Paths are Dutch (DESIGN.md, convention 1); each app owns its urls.py."""

from django.contrib import admin
from django.urls import include, path

from netwerkplatform.core import views as core_views

urlpatterns = [
    path("", include("netwerkplatform.core.urls")),
    path("account/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("", include("initiatieven.urls")),
    path("mozaiek/", include("initiatieven.mozaiek.urls")),
    path("bijeenkomsten/", include("bijeenkomsten.urls")),
    path("matches/", include("matching.urls")),
]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
