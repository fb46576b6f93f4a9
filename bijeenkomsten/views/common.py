"""Helpers the event views share: access checks (404/403), htmx, programme, .ics."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from bijeenkomsten import services
from bijeenkomsten.models import Event, Registration, Round, Session
from bijeenkomsten.selectors import PUBLIC_STATUSES

# --- Access helpers -----------------------------------------------------------------


def get_event_for_user(request: HttpRequest, slug: str) -> Event:
    """Drafts are only visible to their organisers (and staff): 404 for everyone else."""
    event = get_object_or_404(
        Event.objects.select_related("municipality__province", "host_initiative", "series"),
        slug=slug,
    )
    if event.status in PUBLIC_STATUSES:
        return event
    if services.user_is_organiser(event=event, user=request.user):
        return event
    raise Http404


def get_event_for_organiser(request: HttpRequest, slug: str) -> Event:
    """403 for an event one may see but not manage; 404 for a draft one may not see."""
    event = get_event_for_user(request, slug)
    if not services.user_is_organiser(event=event, user=request.user):
        raise PermissionDenied
    return event


def get_registration_for_user(request: HttpRequest, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event__municipality", "user"),
        pk=pk,
        user=request.user,
    )


# --- Shared by several pages ------------------------------------------------------


def event_programme(event: Event) -> list[Round]:
    return list(
        event.rounds.prefetch_related(
            Prefetch("sessions", queryset=Session.objects.prefetch_related("themes"))
        )
    )


def ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
