from django.urls import path

from initiatieven.mozaiek import views

app_name = "mozaiek"

urlpatterns = [
    path("", views.index, name="index"),
]
