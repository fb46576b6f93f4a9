from django.urls import path

from initiatieven import views

app_name = "initiatieven"

urlpatterns = [
    path("initiatieven/", views.index, name="index"),
    path("fondsen/", views.funds, name="funds"),
]
