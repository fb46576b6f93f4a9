"""A person's own registrations, and the token links from e-mails (cancel, duo, evaluation)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten import calendar, forms, services
from bijeenkomsten.models import DuoInvitation, Registration
from bijeenkomsten.views.common import get_registration_for_user, ics_response
from netwerkplatform.core.errors import DomainError, show_domain_error


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    registrations = (
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event__municipality")
        .prefetch_related("session_choices__session", "session_choices__round")
        .order_by("-event__starts_at")
    )
    now = timezone.now()
    upcoming = [r for r in registrations if r.event.ends_at >= now]
    past = [r for r in registrations if r.event.ends_at < now]
    upcoming.reverse()  # soonest first
    for r in upcoming:
        r.ticket = (
            services.ticket_svg(r, scale=3)
            if r.status == Registration.Status.CONFIRMED and r.event.status == "published"
            else None
        )
    return render(request, "bijeenkomsten/mine.html", {"upcoming": upcoming, "past": past})


@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for_user(request, pk)
    event = registration.event
    current = {c.round_id: c.session_id for c in registration.session_choices.all()}
    form = forms.ChooseSessionsForm(
        request.POST or None,
        event=event,
        taken=services.sessions_with_places(event=event),
        current=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_choose_sessions(
                registration=registration,
                choices=form.session_choices(),
                join_waitlist=form.cleaned_data["join_waitlist"],
            )
        except DomainError as error:
            show_domain_error(request, error, form=form)
        else:
            messages.success(request, _("Your sessions are saved."))
            return redirect("bijeenkomsten:registration", pk=registration.pk)
    choices = registration.session_choices.select_related("session", "round")
    position = None
    if registration.status == Registration.Status.WAITLISTED:
        position = event.registrations.filter(
            status=Registration.Status.WAITLISTED, queued_at__lte=registration.queued_at
        ).count()
    return render(
        request,
        "bijeenkomsten/registration.html",
        {
            "registration": registration,
            "event": event,
            "form": form if event.rounds.exists() else None,
            "choices": choices,
            "position": position,
            "is_over": services.event_is_over(event=event),
            "ticket": (
                services.ticket_svg(registration)
                if registration.status == Registration.Status.CONFIRMED
                and event.status == event.Status.PUBLISHED
                and not services.event_is_over(event=event)
                else None
            ),
            "duo_invitations": registration.duo_invitations.all(),
        },
    )


@login_required
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks "are you sure?"; only the POST from that page cancels."""
    registration = get_registration_for_user(request, pk)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except DomainError as error:
            show_domain_error(request, error)
            return redirect("bijeenkomsten:registration", pk=registration.pk)
        messages.success(request, _("Your registration is cancelled."))
        return redirect("bijeenkomsten:mine")
    return render(
        request,
        "bijeenkomsten/registration_cancel.html",
        {"registration": registration, "event": registration.event},
    )


@login_required
def registration_ics(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_registration_for_user(request, pk)
    return ics_response(
        calendar.personal_programme(registration), f"{registration.event.slug}-programma.ics"
    )


def cancel_by_token(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click link from e-mails: no login needed, the token is the key.

    GET shows one button (mail scanners follow links; they must not cancel anything).
    """
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), cancel_token=token
    )
    refused = False
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except DomainError as error:
            show_domain_error(request, error)
            refused = True  # no second button for a cancellation already refused
        registration.refresh_from_db()
    return render(
        request,
        "bijeenkomsten/cancel_token.html",
        {"registration": registration, "refused": refused},
    )


def duo_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        DuoInvitation.objects.select_related("registration__event", "registration__user"),
        token=token,
    )
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            if request.POST.get("answer") == "yes":
                partner = services.duo_invitation_accept(invitation=invitation, user=request.user)
                messages.success(request, _("You are registered as network duo."))
                return redirect("bijeenkomsten:registration", pk=partner.pk)
            services.duo_invitation_decline(invitation=invitation, user=request.user)
            messages.info(request, _("Thank you for letting us know."))
            return redirect("bijeenkomsten:detail", slug=invitation.registration.event.slug)
        except DomainError as error:
            show_domain_error(request, error)
    return render(request, "bijeenkomsten/duo.html", {"invitation": invitation})


def evaluate(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event"), cancel_token=token
    )
    event = registration.event
    done = hasattr(registration, "evaluation") and registration.evaluation.submitted_at
    form = forms.EvaluationForm(request.POST or None, event=event, registration=registration)
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.evaluation_submit(registration=registration, data=form.data_for_service())
        except DomainError as error:
            show_domain_error(request, error, form=form)
        else:
            done = True
    return render(
        request,
        "bijeenkomsten/evaluate.html",
        {"event": event, "form": form, "done": done},
    )
