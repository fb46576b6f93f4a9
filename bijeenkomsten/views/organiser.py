"""Organiser pages: create and edit events, programme, dashboard, messages, series invites."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bijeenkomsten import forms, services
from bijeenkomsten.models import Event, Registration, Series, Session, SessionChoice
from bijeenkomsten.views.common import _get_event_for_organiser, _programme


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "themes_text"}
        event = services.event_create(organiser=request.user, themes=form.themes(), **fields)
        messages.success(request, _("The event is saved as a draft. Now add the programme."))
        return redirect("bijeenkomsten:programme", slug=event.slug)
    return render(request, "bijeenkomsten/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    form = forms.EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "themes_text"}
        try:
            services.event_update(
                event=Event.objects.get(pk=event.pk), themes=form.themes(), **fields
            )
        except services.EventError as error:
            form.add_error("capacity", error.message)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("bijeenkomsten:dashboard", slug=event.slug)
    return render(request, "bijeenkomsten/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    try:
        services.event_publish(event=event)
    except services.EventError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The event is published: people can register now."))
    return redirect("bijeenkomsten:dashboard", slug=event.slug)


@login_required
@require_POST
def event_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    copy = services.event_duplicate(event=event, organiser=request.user)
    messages.success(request, _("A copy is made as a draft. Check the date and the host."))
    return redirect("bijeenkomsten:edit", slug=copy.slug)


@login_required
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    form = forms.CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.event_cancel(event=event, reason=form.cleaned_data["reason"])
        messages.success(request, _("The event is cancelled and everyone registered is told."))
        return redirect("bijeenkomsten:dashboard", slug=event.slug)
    return render(request, "bijeenkomsten/event_cancel.html", {"event": event, "form": form})


@login_required
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    round_form = forms.RoundForm(
        request.POST if request.POST.get("add") == "round" else None,
        prefix="round",
        initial={"starts_at": event.starts_at, "ends_at": event.starts_at},
    )
    session_form = forms.SessionForm(
        request.POST if request.POST.get("add") == "session" else None,
        prefix="session",
        event=event,
    )
    if request.method == "POST":
        if request.POST.get("add") == "round" and round_form.is_valid():
            services.round_create(event=event, **round_form.cleaned_data)
            messages.success(request, _("The round is added."))
            return redirect("bijeenkomsten:programme", slug=event.slug)
        if request.POST.get("add") == "session" and session_form.is_valid():
            services.session_save(session=session_form.save(), themes=session_form.themes())
            messages.success(request, _("The session is added."))
            return redirect("bijeenkomsten:programme", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/programme.html",
        {
            "event": event,
            "rounds": _programme(event),
            "round_form": round_form,
            "session_form": session_form,
        },
    )


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    session = get_object_or_404(Session, pk=pk, round__event=event)
    form = forms.SessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(session=form.save(), themes=form.themes())
        except services.EventError as error:
            form.add_error("capacity", error.message)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("bijeenkomsten:programme", slug=event.slug)
    return render(request, "bijeenkomsten/session_form.html", {"event": event, "form": form})


def _fill(taken: int, capacity: int | None) -> dict:
    percent = min(round(100 * taken / capacity), 100) if capacity else 0
    state = "full" if capacity and taken >= capacity else ("warn" if percent >= 80 else "")
    return {"taken": taken, "capacity": capacity, "percent": percent, "state": state}


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    counts = dict(
        event.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    taken = services.sessions_with_places(event=event)
    session_waiting = dict(
        SessionChoice.objects.filter(
            session__round__event=event,
            status=SessionChoice.Status.WAITLISTED,
            registration__status=Registration.Status.CONFIRMED,
        )
        .values_list("session")
        .annotate(n=Count("pk"))
        .values_list("session", "n")
    )
    rounds = _programme(event)
    for round_ in rounds:
        for session in round_.sessions.all():
            session.fill = _fill(taken.get(session.pk, 0), session.capacity)
            session.waiting = session_waiting.get(session.pk, 0)
    waiting = (
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")
    )
    return render(
        request,
        "bijeenkomsten/dashboard.html",
        {
            "event": event,
            "confirmed": counts.get("confirmed", 0),
            "waitlisted": counts.get("waitlisted", 0),
            "cancelled": counts.get("cancelled", 0),
            "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
            "fill": _fill(services.event_places_taken(event=event), event.capacity),
            "rounds": rounds,
            "waiting": waiting,
        },
    )


@login_required
def message(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_message_create(event=event, sender=request.user, **form.cleaned_data)
        except services.EventError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your message is being sent to everyone who is coming."))
            return redirect("bijeenkomsten:dashboard", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/message.html",
        {
            "event": event,
            "form": form,
            "sent": event.messages.all()[:10],
            "confirmed": event.registrations.filter(status=Registration.Status.CONFIRMED).count(),
        },
    )


@login_required
def series_invite(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    if not (request.user.is_staff or series.organisers.filter(pk=request.user.pk).exists()):
        raise PermissionDenied
    form = forms.SeriesInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.series_invite(
                series=series, emails=form.cleaned_data["emails"], sender=request.user
            )
        except services.EventError as error:
            form.add_error("emails", str(error))
        else:
            messages.success(request, _("%(count)s people invited.") % {"count": added})
            return redirect("bijeenkomsten:series_invite", slug=series.slug)
    return render(
        request,
        "bijeenkomsten/series_invite.html",
        {"series": series, "form": form, "invited": series.invitations.all()},
    )
