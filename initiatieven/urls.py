from django.urls import path

from initiatieven import views

app_name = "initiatieven"

urlpatterns = [
    path("initiatieven/", views.index, name="index"),
    path("initiatieven/nieuw/", views.create, name="create"),
    path("initiatieven/uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("initiatieven/<slug:slug>/", views.detail, name="detail"),
    path("initiatieven/<slug:slug>/bewerken/", views.edit, name="edit"),
    path("initiatieven/<slug:slug>/zichtbaarheid/", views.set_visibility, name="visibility"),
    path("initiatieven/<slug:slug>/team/", views.team, name="team"),
    path(
        "initiatieven/<slug:slug>/team/<int:membership_id>/", views.team_action, name="team_action"
    ),
    path("initiatieven/<slug:slug>/shortlist/", views.shortlist_add, name="shortlist_add"),
    path("fondsen/", views.funds, name="funds"),
    path("fondsen/<slug:slug>/regelingen/nieuw/", views.scheme_create, name="scheme_create"),
    path("fondsen/<slug:slug>/regelingen/telling/", views.scheme_count, name="scheme_count"),
    path("fondsen/<slug:slug>/regelingen/<int:scheme_id>/", views.scheme_edit, name="scheme_edit"),
    path("partners/", views.partners, name="partners"),
    path("partners/aanmelden/", views.organisation_request, name="organisation_request"),
    path("partners/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("partners/<slug:slug>/bewerken/", views.organisation_edit, name="organisation_edit"),
    path("partners/<slug:slug>/leden/", views.organisation_members, name="organisation_members"),
    path("partners/<slug:slug>/shortlist/", views.shortlist, name="shortlist"),
    path(
        "partners/<slug:slug>/shortlist/export.csv", views.shortlist_export, name="shortlist_export"
    ),
    path(
        "partners/<slug:slug>/shortlist/<int:entry_id>/",
        views.shortlist_entry,
        name="shortlist_entry",
    ),
]
