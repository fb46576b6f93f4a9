"""Public event pages: the agenda, the feed, an event's page and signing up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten import calendar, forms, search, services
from bijeenkomsten.models import Event, Registration
from bijeenkomsten.views.common import (
    PUBLIC_STATUSES,
    event_programme,
    get_event_for_user,
    ics_response,
)
from netwerkplatform.core import registry
from netwerkplatform.core.errors import DomainError, show_domain_error
from netwerkplatform.core.paging import page_of, query_without_page, with_param
from netwerkplatform.core.search.suggest import retry_with_suggestion


def _listed_events(*, q: str = "", past: bool = False, kind="", province=None, theme=""):
    """The public agenda under these filters: upcoming in date order, or past, latest
    first. One function, so a "did you mean" retry filters exactly like the first try."""
    events = Event.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "municipality__province", "host_initiative"
    )
    if kind:
        events = events.filter(kind=kind)
    if province:
        events = events.filter(municipality__province=province)
    if theme:
        events = events.filter(themes__name__iexact=theme.strip()).distinct()
    if q:
        events = search.event_text_filter(events, q)
    now = timezone.now()
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        events = events.filter(ends_at__gte=now).exclude(status=Event.Status.FINISHED)
        events = events.order_by("starts_at")
    return events.prefetch_related("themes").annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )


def index(request: HttpRequest) -> HttpResponse:
    form = forms.FilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "q": data["q"],
            "past": data["when"] == "past",
            "kind": data["kind"],
            "province": data["province"],
            "theme": data["theme"],
        }
    page = page_of(request, _listed_events(**filters), 12)
    suggestion = None
    if filters.get("q") and page.paginator.count == 0:
        retried = retry_with_suggestion(_listed_events, **filters)
        if retried:
            events, suggestion = retried
            page = page_of(request, events, 12)
    organised = (
        request.user.organised_events.exclude(status=Event.Status.FINISHED).order_by("starts_at")
        if request.user.is_authenticated
        else Event.objects.none()
    )
    return render(
        request,
        "bijeenkomsten/index.html",
        {
            "form": form,
            "page": page,
            "past": filters.get("past", False),
            "query": query_without_page(request),
            "q": suggestion or filters.get("q", ""),
            "suggestion": suggestion,
            "suggestion_query": with_param(request, "q", suggestion) if suggestion else "",
            "organised": organised,
            "organised_series": (
                request.user.organised_series.order_by("name")
                if request.user.is_authenticated
                else []
            ),
        },
    )


def feed(request: HttpRequest) -> HttpResponse:
    events = (
        Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
        .select_related("municipality")
        .order_by("starts_at")[:200]
    )
    return ics_response(calendar.feed(events), "bijeenkomsten.ics")


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    taken = services.sessions_with_places(event=event)
    rounds = event_programme(event)
    for round_ in rounds:
        for session in round_.sessions.all():
            session.taken = taken.get(session.pk, 0)
            session.left = (
                None if session.capacity is None else max(session.capacity - session.taken, 0)
            )
    mine = None
    if request.user.is_authenticated:
        mine = (
            event.registrations.filter(user=request.user)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
    attendees = (
        event.registrations.filter(status=Registration.Status.CONFIRMED, show_on_attendee_list=True)
        .select_related("user")
        .order_by("user__name")
    )
    return render(
        request,
        "bijeenkomsten/detail.html",
        {
            "event": event,
            "rounds": rounds,
            "places_left": services.event_places_left(event=event),
            "is_open": services.registration_is_open(event=event),
            "mine": mine,
            "attendees": attendees,
            "is_organiser": services.user_is_organiser(event=event, user=request.user),
        },
    )


def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    return ics_response(calendar.feed([event]), f"{event.slug}.ics")


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_user(request, slug)
    existing = (
        event.registrations.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    if existing:
        messages.info(request, _("You are already registered for this event."))
        return redirect("bijeenkomsten:registration", pk=existing.pk)
    taken = services.sessions_with_places(event=event)
    form = forms.RegisterForm(request.POST or None, event=event, user=request.user, taken=taken)
    # Optional parts other apps add (the dates' matchmaking profile), via core.registry.
    extras = registry.registration_extras(request, event, request.POST or None)
    extras_valid = True
    for part in extras:  # validate every part, so each shows its own errors
        extras_valid = part["form"].is_valid() and extras_valid
    if request.method == "POST" and form.is_valid() and extras_valid:
        try:
            registration = services.registration_create(
                event=event,
                user=request.user,
                choices=form.session_choices(),
                hats_today=form.hats(),
                needs=form.cleaned_data["needs"],
                show_on_attendee_list=form.cleaned_data["show_on_attendee_list"],
                join_session_waitlist=form.cleaned_data["join_session_waitlist"],
                duo_email=form.cleaned_data.get("duo_email") or "",
                answers=form.answers(),
            )
        except DomainError as error:
            show_domain_error(request, error, form=form)
        else:
            for part in extras:
                part["extra"].save(part["form"], registration)
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, _("You are registered. We sent you an e-mail."))
            else:
                messages.warning(
                    request,
                    _("The event is full: you are on the waiting list. We will e-mail you."),
                )
            return redirect("bijeenkomsten:registration", pk=registration.pk)
    return render(
        request,
        "bijeenkomsten/register.html",
        {
            "event": event,
            "form": form,
            "extras": extras,
            "is_open": services.registration_is_open(event=event),
            "places_left": services.event_places_left(event=event),
        },
    )
