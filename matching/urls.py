from django.urls import include, path

from matching import views

app_name = "matching"

urlpatterns = [
    path("", views.index, name="index"),
    path("bijeenkomst/<slug:slug>/dates/", include("matching.dates_urls")),
]
