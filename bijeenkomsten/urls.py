from django.urls import path

from bijeenkomsten import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("", views.index, name="index"),
]
