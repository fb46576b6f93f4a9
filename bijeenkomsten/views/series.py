"""Series pages: organisers create and edit a series, its page lists past and coming
meetings with their host networks (with an iCal feed), and the organiser invites the
next host. The answer page serves host and series invitations alike."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bijeenkomsten import calendar, forms
from bijeenkomsten.models import Event, NamingInvitation, Series
from bijeenkomsten.services import series as series_services
from bijeenkomsten.views.common import PUBLIC_STATUSES, get_event_for_organiser, ics_response
from netwerkplatform.core.errors import DomainError, show_domain_error


def _get_series_for_organiser(request: HttpRequest, slug: str) -> Series:
    series = get_object_or_404(Series, slug=slug)
    if not series_services.user_organises_series(series=series, user=request.user):
        raise PermissionDenied
    return series


@login_required
def series_create(request: HttpRequest) -> HttpResponse:
    form = forms.SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        series = series_services.series_save(series=form.save(commit=False), organiser=request.user)
        messages.success(request, _("The series is saved."))
        return redirect("bijeenkomsten:series", slug=series.slug)
    return render(request, "bijeenkomsten/series_form.html", {"form": form, "series": None})


@login_required
def series_edit(request: HttpRequest, slug: str) -> HttpResponse:
    series = _get_series_for_organiser(request, slug)
    form = forms.SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        series_services.series_save(series=form.save(commit=False))
        messages.success(request, _("The series is saved."))
        return redirect("bijeenkomsten:series", slug=series.slug)
    return render(request, "bijeenkomsten/series_form.html", {"form": form, "series": series})


def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    is_organiser = series_services.user_organises_series(series=series, user=request.user)
    context = {
        "series": series,
        "is_organiser": is_organiser,
        **series_services.series_events(series=series, user=request.user),
    }
    if is_organiser:
        coming = series.events.exclude(status=Event.Status.CANCELLED).filter(
            pk__in=[e.pk for e in context["coming"]]
        )
        form = forms.HostInviteForm(request.POST or None, events=coming)
        if request.method == "POST" and form.is_valid():
            try:
                invitation = series_services.naming_invite(
                    event=form.cleaned_data["event"],
                    by=request.user,
                    initiative=form.cleaned_data["initiative"],
                    message=form.cleaned_data["message"],
                )
            except DomainError as error:
                show_domain_error(request, error, form=form)
            else:
                if invitation.status == NamingInvitation.Status.ACCEPTED:
                    messages.success(request, _("Your initiative is now the host."))
                else:
                    messages.success(
                        request,
                        _("The invitation is sent. The host is named once their team accepts."),
                    )
                return redirect("bijeenkomsten:series", slug=series.slug)
        context["invite_form"] = form
        context["invitations"] = NamingInvitation.objects.filter(
            event__series=series, kind=NamingInvitation.Kind.HOST
        ).select_related("event", "initiative")[:20]
    return render(request, "bijeenkomsten/series_detail.html", context)


def series_ics(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    events = series.events.filter(status__in=PUBLIC_STATUSES).select_related("municipality")
    return ics_response(calendar.feed(events), f"{series.slug}.ics")


@login_required
def naming_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        NamingInvitation.objects.select_related("event", "initiative", "series", "invited_by"),
        token=token,
    )
    may_answer = series_services.user_may_answer(invitation=invitation, user=request.user)
    if request.method == "POST":
        try:
            series_services.naming_answer(
                invitation=invitation,
                user=request.user,
                accept=request.POST.get("answer") == "yes",
            )
        except DomainError as error:
            show_domain_error(request, error)
        else:
            messages.success(request, _("Thank you, your answer is passed on."))
            return redirect(reverse("bijeenkomsten:naming_answer", args=[token]))
    return render(
        request,
        "bijeenkomsten/naming_answer.html",
        {"invitation": invitation, "may_answer": may_answer},
    )


@login_required
def event_naming(request: HttpRequest, slug: str) -> HttpResponse:
    """From the event's dashboard: invite a host, or ask a series to take the event in."""

    event = get_event_for_organiser(request, slug)
    host_form = forms.HostInviteForm(
        request.POST if request.POST.get("kind") == "host" else None,
        events=Event.objects.filter(pk=event.pk),
        prefix="host",
    )
    series_form = forms.SeriesJoinForm(
        request.POST if request.POST.get("kind") == "series" else None, prefix="series"
    )
    if request.method == "POST":
        form = host_form if request.POST.get("kind") == "host" else series_form
        if form.is_valid():
            target = (
                {
                    "initiative": form.cleaned_data["initiative"],
                    "message": form.cleaned_data["message"],
                }
                if form is host_form
                else {"series": form.cleaned_data["series"]}
            )
            try:
                invitation = series_services.naming_invite(event=event, by=request.user, **target)
            except DomainError as error:
                show_domain_error(request, error, form=form)
            else:
                if invitation.status == NamingInvitation.Status.ACCEPTED:
                    messages.success(request, _("Done: you answer for that side yourself."))
                else:
                    messages.success(
                        request, _("The invitation is sent. It takes effect once they accept.")
                    )
                return redirect("bijeenkomsten:naming", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/event_naming.html",
        {
            "event": event,
            "host_form": host_form,
            "series_form": series_form,
            "invitations": event.naming_invitations.select_related("initiative", "series"),
        },
    )
