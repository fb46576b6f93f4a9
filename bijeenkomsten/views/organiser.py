"""Organiser pages: create and edit events, programme, dashboard, messages, series invites."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bijeenkomsten import forms, services
from bijeenkomsten.models import (
    EventMessage,
    Question,
    Registration,
    Round,
    Series,
    Session,
    SessionChoice,
)
from bijeenkomsten.views.common import event_programme, get_event_for_organiser
from netwerkplatform.core.errors import DomainError, show_domain_error


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    series = request.GET.get("series", "")
    form = forms.EventForm(
        request.POST or None,
        user=request.user,
        initial={"series": series} if series.isdigit() else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                organiser=request.user, themes=form.themes(), **form.event_fields()
            )
        except DomainError as error:
            show_domain_error(request, error, form=form)
            return render(request, "bijeenkomsten/event_form.html", {"form": form, "event": None})
        messages.success(request, _("The event is saved as a draft. Now add the programme."))
        return redirect("bijeenkomsten:programme", slug=event.slug)
    return render(request, "bijeenkomsten/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    # The form edits a copy: the page keeps showing the saved event when a change is refused.
    form = forms.EventForm(request.POST or None, instance=copy.copy(event), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=form.instance,
                themes=form.themes(),
                move_programme=form.cleaned_data.get("move_programme", True),
                by=request.user,
                **form.event_fields(),
            )
        except DomainError as error:
            show_domain_error(request, error, form=form, field="capacity")
        else:
            messages.success(request, _("The event is saved."))
            return redirect("bijeenkomsten:dashboard", slug=event.slug)
    return render(request, "bijeenkomsten/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    try:
        services.event_publish(event=event)
    except DomainError as error:
        show_domain_error(request, error)
    else:
        messages.success(request, _("The event is published: people can register now."))
    return redirect("bijeenkomsten:dashboard", slug=event.slug)


@login_required
@require_POST
def event_duplicate(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    copy = services.event_duplicate(event=event, organiser=request.user)
    messages.success(request, _("A copy is made as a draft. Check the date and the host."))
    return redirect("bijeenkomsten:edit", slug=copy.slug)


@login_required
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    if services.event_is_over(event=event):
        messages.error(request, _("This event is over; it can no longer be cancelled."))
        return redirect("bijeenkomsten:dashboard", slug=event.slug)
    form = forms.CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(event=event, reason=form.cleaned_data["reason"])
        except DomainError as error:
            show_domain_error(request, error)
        else:
            messages.success(request, _("The event is cancelled and everyone registered is told."))
        return redirect("bijeenkomsten:dashboard", slug=event.slug)
    return render(request, "bijeenkomsten/event_cancel.html", {"event": event, "form": form})


@login_required
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
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
            try:
                services.round_create(event=event, **round_form.cleaned_data)
            except DomainError as error:
                show_domain_error(request, error, form=round_form)
            else:
                messages.success(request, _("The round is added."))
                return redirect("bijeenkomsten:programme", slug=event.slug)
        if request.POST.get("add") == "session" and session_form.is_valid():
            services.session_save(session=session_form.save(), themes=session_form.themes())
            messages.success(request, _("The session is added."))
            return redirect("bijeenkomsten:programme", slug=event.slug)
    rounds = event_programme(event)
    counts = services.sessions_with_choice_counts(event=event)
    for round_ in rounds:
        for session in round_.sessions.all():
            session.chosen = counts.get(session.pk, 0)
    return render(
        request,
        "bijeenkomsten/programme.html",
        {
            "event": event,
            "rounds": rounds,
            "round_form": round_form,
            "session_form": session_form,
        },
    )


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    session = get_object_or_404(Session, pk=pk, round__event=event)
    form = forms.SessionForm(request.POST or None, instance=session, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_save(session=form.save(), themes=form.themes())
        except DomainError as error:
            show_domain_error(request, error, form=form, field="capacity")
        else:
            messages.success(request, _("The session is saved."))
            return redirect("bijeenkomsten:programme", slug=event.slug)
    return render(request, "bijeenkomsten/session_form.html", {"event": event, "form": form})


@login_required
def round_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    round_ = get_object_or_404(Round, pk=pk, event=event)
    form = forms.RoundForm(request.POST or None, instance=Round.objects.get(pk=round_.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(round_=round_, **form.cleaned_data)
        except DomainError as error:
            show_domain_error(request, error, form=form)
        else:
            messages.success(request, _("The round is saved."))
            return redirect("bijeenkomsten:programme", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/round_form.html",
        {
            "event": event,
            "round": round_,
            "form": form,
            "chosen": services.round_choice_count(round_=round_),
        },
    )


@login_required
@require_POST
def round_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    round_ = get_object_or_404(Round, pk=pk, event=event)
    told = services.round_delete(round_=round_)
    messages.success(
        request,
        ngettext(
            "The round is deleted. %(count)s person who had chosen a session in it got an e-mail.",
            "The round is deleted. %(count)s people who had chosen a session in it got an e-mail.",
            told,
        )
        % {"count": told}
        if told
        else _("The round is deleted."),
    )
    return redirect("bijeenkomsten:programme", slug=event.slug)


@login_required
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    session = get_object_or_404(Session.objects.select_related("round"), pk=pk, round__event=event)
    form = forms.DeleteSessionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.session_delete(session=session, move_to=form.cleaned_data["move_to"])
        except DomainError as error:
            show_domain_error(request, error, form=form)
        else:
            messages.success(
                request,
                _(
                    "The session is deleted. Moved: %(moved)s, on the waiting list: "
                    "%(waitlisted)s, released: %(released)s. Everyone concerned got an e-mail."
                )
                % result,
            )
            return redirect("bijeenkomsten:programme", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/session_delete.html",
        {
            "event": event,
            "session": session,
            "form": form,
            "chosen": services.session_choice_count(session=session),
        },
    )


@login_required
def questions(request: HttpRequest, slug: str) -> HttpResponse:
    """The questions people answer when they sign up."""
    event = get_event_for_organiser(request, slug)
    form = forms.QuestionForm(request.POST if request.POST.get("add") else None)
    if request.method == "POST" and request.POST.get("delete"):
        Question.objects.filter(event=event, pk=request.POST["delete"]).delete()
        messages.success(request, _("The question is removed."))
        return redirect("bijeenkomsten:questions", slug=event.slug)
    if request.method == "POST" and form.is_valid():
        question = form.save(commit=False)
        question.event = event
        question.position = event.questions.count()
        question.save()
        messages.success(request, _("The question is added to the sign-up form."))
        return redirect("bijeenkomsten:questions", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/questions.html",
        {"event": event, "form": form, "questions": event.questions.all()},
    )


def _fill(taken: int, capacity: int | None) -> dict:
    percent = min(round(100 * taken / capacity), 100) if capacity else 0
    state = "full" if capacity and taken >= capacity else ("warn" if percent >= 80 else "")
    return {"taken": taken, "capacity": capacity, "percent": percent, "state": state}


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    counts = dict(
        event.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    taken = services.sessions_with_places(event=event)
    session_waiting: dict[int, list] = {}
    for choice in (
        SessionChoice.objects.filter(
            session__round__event=event,
            status=SessionChoice.Status.WAITLISTED,
            registration__status=Registration.Status.CONFIRMED,
        )
        .select_related("registration__user")
        .order_by("queued_at", "pk")
    ):
        session_waiting.setdefault(choice.session_id, []).append(choice.registration)
    rounds = event_programme(event)
    for round_ in rounds:
        for session in round_.sessions.all():
            session.fill = _fill(taken.get(session.pk, 0), session.capacity)
            session.waiting_people = session_waiting.get(session.pk, [])
            session.waiting = len(session.waiting_people)
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
            "is_over": services.event_is_over(event=event),
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
    event = get_event_for_organiser(request, slug)
    form = forms.MessageForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        audience = form.cleaned_data["audience"] or EventMessage.Audience.CONFIRMED
        count = services.message_recipients(event=event, audience=audience).count()
        if "preview" in request.POST:
            preview = {
                "subject": " ".join(form.cleaned_data["subject"].split()),
                "body": services.message_framed_body(
                    event=event, sender=request.user, body=form.cleaned_data["body"]
                ),
                "count": count,
                "audience": EventMessage.Audience(audience).label,
                "reply_to": request.user.email,
            }
        else:
            try:
                services.event_message_create(
                    event=event, sender=request.user, **form.cleaned_data
                )
            except DomainError as error:
                show_domain_error(request, error, form=form)
            else:
                messages.success(
                    request,
                    _("Your message is being sent to %(count)s people (%(audience)s).")
                    % {"count": count, "audience": EventMessage.Audience(audience).label},
                )
                return redirect("bijeenkomsten:dashboard", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/message.html",
        {
            "event": event,
            "form": form,
            "preview": preview,
            "sent": event.messages.all()[:10],
            "confirmed": event.registrations.filter(status=Registration.Status.CONFIRMED).count(),
        },
    )


@login_required
def series_invite(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    if not services.user_organises_series(series=series, user=request.user):
        raise PermissionDenied
    form = forms.SeriesInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.series_invite(
                series=series, emails=form.cleaned_data["emails"], sender=request.user
            )
        except DomainError as error:
            show_domain_error(request, error, form=form, field="emails")
        else:
            messages.success(request, _("%(count)s people invited.") % {"count": added})
            return redirect("bijeenkomsten:series_invite", slug=series.slug)
    return render(
        request,
        "bijeenkomsten/series_invite.html",
        {"series": series, "form": form, "invited": series.invitations.all()},
    )
