from django.urls import path

from bijeenkomsten import views

app_name = "bijeenkomsten"

urlpatterns = [
    path("", views.index, name="index"),
    path("agenda.ics", views.feed, name="feed"),
    path("mijn/", views.mine, name="mine"),
    path("nieuw/", views.event_create, name="create"),
    path("aanmelding/<int:pk>/", views.registration_edit, name="registration"),
    path("aanmelding/<int:pk>/annuleren/", views.registration_cancel, name="registration_cancel"),
    path("aanmelding/<int:pk>/programma.ics", views.registration_ics, name="registration_ics"),
    path("afmelden/<str:token>/", views.cancel_by_token, name="cancel_token"),
    path("duo/<str:token>/", views.duo_answer, name="duo"),
    path("evaluatie/<str:token>/", views.evaluate, name="evaluate"),
    path("reeks/<slug:slug>/uitnodigen/", views.series_invite, name="series_invite"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/aanmelden/", views.register, name="register"),
    path("<slug:slug>/bijeenkomst.ics", views.event_ics, name="event_ics"),
    path("<slug:slug>/bewerken/", views.event_edit, name="edit"),
    path("<slug:slug>/publiceren/", views.event_publish, name="publish"),
    path("<slug:slug>/dupliceren/", views.event_duplicate, name="duplicate"),
    path("<slug:slug>/annuleren/", views.event_cancel, name="cancel"),
    path("<slug:slug>/programma/", views.programme, name="programme"),
    path("<slug:slug>/programma/sessie/<int:pk>/", views.session_edit, name="session_edit"),
    path(
        "<slug:slug>/programma/sessie/<int:pk>/verwijderen/",
        views.session_delete,
        name="session_delete",
    ),
    path("<slug:slug>/programma/ronde/<int:pk>/", views.round_edit, name="round_edit"),
    path(
        "<slug:slug>/programma/ronde/<int:pk>/verwijderen/",
        views.round_delete,
        name="round_delete",
    ),
    path("<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("<slug:slug>/deelnemers/", views.attendees, name="attendees"),
    path("<slug:slug>/deelnemers.csv", views.attendees_csv, name="attendees_csv"),
    path("<slug:slug>/deelnemers.xlsx", views.attendees_xlsx, name="attendees_xlsx"),
    path("<slug:slug>/deelnemerslijst/", views.attendees_print, name="attendees_print"),
    path("<slug:slug>/badges/", views.badges, name="badges"),
    path("<slug:slug>/inchecken/", views.check_in, name="check_in"),
    path("<slug:slug>/inchecken/<int:pk>/", views.check_in_toggle, name="check_in_toggle"),
    path("<slug:slug>/bericht/", views.message, name="message"),
    path("<slug:slug>/evaluatie/", views.evaluation_results, name="evaluation_results"),
    path("<slug:slug>/evaluatie.csv", views.evaluation_csv, name="evaluation_csv"),
]
