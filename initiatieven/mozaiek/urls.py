from django.urls import path

from initiatieven.mozaiek import views

app_name = "mozaiek"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.assessment_open, name="open"),
    path("ronde/<int:pk>/", views.assessment_detail, name="round"),
    path("ronde/<int:pk>/uitnodigen/", views.assessment_invite, name="invite"),
    path("ronde/<int:pk>/sluiten/", views.assessment_close, name="close"),
    path("ronde/<int:pk>/profiel/", views.assessment_profile, name="profile"),
    path("ronde/<int:pk>/invullen/", views.assessment_answer_as_member, name="answer_member"),
    path("ronde/<int:pk>/resultaten/", views.assessment_results, name="results"),
    path("ronde/<int:pk>/rapport/", views.assessment_report, name="report"),
    path("ronde/<int:pk>/export.csv", views.assessment_export, name="export"),
    path("scan/<str:token>/", views.answer_start, name="answer"),
    path("scan/<str:token>/bouwsteen/<slug:block_key>/", views.answer_block, name="answer_block"),
    path("scan/<str:token>/versturen/", views.answer_submit, name="answer_submit"),
]
