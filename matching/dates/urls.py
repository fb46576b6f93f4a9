from django.urls import path

from matching.dates import views as v

urlpatterns = [
    path("", v.overview, name="dates"),
    path("verzoek/<int:user_id>/", v.request_new, name="dates_request"),
    path("verzoek/<int:pk>/antwoord/", v.request_respond, name="dates_respond"),
    path("verzoek/<int:pk>/annuleren/", v.request_cancel, name="dates_cancel"),
    path("beschikbaarheid/", v.blocks, name="dates_blocks"),
    path("agenda/", v.agenda, name="dates_agenda"),
    path("agenda.ics", v.agenda_ics, name="dates_agenda_ics"),
    path("terugblik/<int:pk>/", v.outcome, name="dates_outcome"),
    path("organiseren/", v.organise, name="dates_organise"),
    path("organiseren/indelen/", v.run_scheduler, name="dates_run"),
    path("organiseren/publiceren/", v.publish, name="dates_publish"),
    path("organiseren/verplaatsen/<int:pk>/", v.move, name="dates_move"),
    path("organiseren/afdrukken/", v.print_cards, name="dates_print"),
    path("organiseren/export.<str:fmt>", v.schedule_export, name="dates_export"),
    path("organiseren/per-deelnemer/", v.attendee_lists, name="dates_attendees"),
    path("profiel/", v.profile, name="dates_profile"),
]
