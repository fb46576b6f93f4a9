from django.urls import path

from netwerkplatform.core import views
from netwerkplatform.core.search import views as search_views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("mijn/", views.mijn, name="mijn"),
    path("mijn/account/", views.account_profile, name="account"),
    path("mijn/account/gegevens.json", views.account_export, name="account_export"),
    path("mijn/account/verwijderen/", views.account_delete, name="account_delete"),
    path("health/", views.health_view, name="health"),
    path("zoeken/", search_views.search, name="search"),
]
