from django.urls import include, path

from matching import views

app_name = "matching"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reageer/", views.respond, name="respond"),
    path("<int:pk>/waarom-niet/", views.decline_reason, name="decline_reason"),
    path("nieuw/<slug:slug>/", views.manual, name="manual"),
    path("instellingen/", views.preferences, name="preferences"),
    path("bijeenkomst/<slug:slug>/", views.event_page, name="event"),
    path("bijeenkomst/<slug:slug>/beheer/", views.event_manage, name="event_manage"),
    path("bijeenkomst/<slug:slug>/dates/", include("matching.dates.urls")),
]
