"""Organiser pages about who comes: attendee list, exports, print, badges, check-in, evaluation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from bijeenkomsten import forms, services
from bijeenkomsten.models import Event, Registration
from bijeenkomsten.views.common import get_event_for_organiser
from netwerkplatform.core import exports
from netwerkplatform.core.errors import DomainError, show_domain_error


def _attendee_rows(event: Event, search: str = ""):
    registrations = (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .prefetch_related(
            "session_choices__session",
            "user__initiative_memberships__initiative",
            "answers",
        )
        .order_by("status", "user__name", "pk")
    )
    if search:
        registrations = registrations.filter(
            Q(user__name__icontains=search) | Q(user__email__icontains=search)
        )
    return registrations


def _initiative_of(registration: Registration) -> str:
    for membership in registration.user.initiative_memberships.all():
        return membership.initiative.name
    return ""


def _export_rows(event: Event) -> list[list[str]]:
    header = [
        _("Name"),
        _("E-mail"),
        _("Status"),
        _("Hats today"),
        _("Initiative"),
        _("Sessions"),
        pgettext("attendee", "Access or dietary needs"),
        _("Checked in"),
    ]
    questions = list(event.questions.all())
    header += [q.text for q in questions]
    rows = [header]
    for r in _attendee_rows(event):
        answered = {a.question_id: a.value for a in r.answers.all()}
        rows.append(
            [
                r.user.display_name,
                r.user.email,
                r.get_status_display(),
                ", ".join(r.hats_today),
                _initiative_of(r),
                "; ".join(c.session.title for c in r.session_choices.all()),
                r.needs,
                timezone.localtime(r.checked_in_at).strftime("%H:%M") if r.checked_in_at else "",
                *[answered.get(q.pk, "") for q in questions],
            ]
        )
    return rows


@login_required
def attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    search = request.GET.get("q", "").strip()
    rows = _attendee_rows(event, search)
    questions = {q.pk: q.text for q in event.questions.all()}
    for r in rows:
        r.initiative = _initiative_of(r)
        r.answer_list = [(questions.get(a.question_id, ""), a.value) for a in r.answers.all()]
    template = (
        "bijeenkomsten/partials/attendee_rows.html"
        if request.htmx
        else "bijeenkomsten/attendees.html"
    )
    return render(request, template, {"event": event, "rows": rows, "search": search})


@login_required
def attendees_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    return exports.csv_response(f"{event.slug}-deelnemers.csv", _export_rows(event))


@login_required
def attendees_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    return exports.xlsx_response(
        f"{event.slug}-deelnemers.xlsx", _export_rows(event), sheet_title=_("Attendees")
    )


@login_required
def attendees_print(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    rows = _attendee_rows(event).filter(status=Registration.Status.CONFIRMED)
    for r in rows:
        r.initiative = _initiative_of(r)
    return render(request, "bijeenkomsten/attendees_print.html", {"event": event, "rows": rows})


@login_required
def badges(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    rows = _attendee_rows(event).filter(status=Registration.Status.CONFIRMED)
    with_qr = request.GET.get("qr") == "1"
    for r in rows:
        r.initiative = _initiative_of(r)
        # The ticket QR on the badge lets the door scan badges handed out at arrival.
        r.ticket = services.ticket_svg(r, scale=2) if with_qr else None
    return render(
        request, "bijeenkomsten/badges.html", {"event": event, "rows": rows, "with_qr": with_qr}
    )


@login_required
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    search = request.GET.get("q", "").strip()
    rows = _attendee_rows(event, search).filter(status=Registration.Status.CONFIRMED)
    context = {
        "event": event,
        "rows": rows,
        "search": search,
        "check_in_open": services.check_in_is_open(event=event),
        "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
    }
    if request.htmx:
        return render(request, "bijeenkomsten/partials/check_in_rows.html", context)
    return render(request, "bijeenkomsten/check_in.html", context)


@login_required
@require_POST
def check_in_toggle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    registration = get_object_or_404(
        event.registrations.select_related("user"), pk=pk, status=Registration.Status.CONFIRMED
    )
    try:
        services.registration_check_in(
            registration=registration, undo=request.POST.get("undo") == "1"
        )
    except DomainError as error:
        show_domain_error(request, error)
    if request.htmx:  # the row alone replaces itself: it shows the message too
        return render(
            request,
            "bijeenkomsten/partials/check_in_row.html",
            {"event": event, "r": registration, "show_messages": True},
        )
    return redirect(
        f"{reverse('bijeenkomsten:check_in', args=[event.slug])}?q={request.POST.get('q', '')}"
    )


@login_required
@require_POST
def check_in_scan(request: HttpRequest, slug: str) -> HttpResponse:
    """A scanned (or typed) ticket code. The phone's scanner posts with fetch and shows
    the returned snippet; without JavaScript the form posts and the page shows it."""
    event = get_event_for_organiser(request, slug)
    try:
        result = services.registration_check_in_by_code(
            event=event, code=request.POST.get("code", "")
        )
    except DomainError as error:
        show_domain_error(request, error)
        result = None
    context = {"event": event, "result": result}
    if request.htmx or request.headers.get("X-Scanner") == "1":
        return render(request, "bijeenkomsten/partials/scan_result.html", context)
    return render(
        request,
        "bijeenkomsten/check_in.html",
        {
            **context,
            "rows": _attendee_rows(event).filter(status=Registration.Status.CONFIRMED),
            "search": "",
            "check_in_open": services.check_in_is_open(event=event),
            "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
        },
    )


@login_required
@require_POST
def attendee_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Add a person from the attendee list, or a walk-in from the check-in page."""
    event = get_event_for_organiser(request, slug)
    walk_in = request.POST.get("walk_in") == "1"
    form = forms.AddAttendeeForm(request.POST)
    back = "bijeenkomsten:check_in" if walk_in else "bijeenkomsten:attendees"
    if form.is_valid():
        try:
            if walk_in and not services.check_in_is_open(event=event):
                raise services.EventError(_("Check-in is only possible on the day of the event."))
            registration = services.registration_add_by_organiser(
                event=event, walk_in=walk_in, **form.cleaned_data
            )
        except DomainError as error:
            show_domain_error(request, error, form=form)
        else:
            text = (
                _("%(name)s is added and checked in.")
                if walk_in
                else _("%(name)s is added (%(status)s) and gets an e-mail.")
            )
            messages.success(
                request,
                text
                % {
                    "name": registration.user.display_name,
                    "status": registration.get_status_display(),
                },
            )
            return redirect(back, slug=event.slug)
    # Keep what was typed: show the page again with the form and its errors.
    if walk_in:
        rows = _attendee_rows(event).filter(status=Registration.Status.CONFIRMED)
        return render(
            request,
            "bijeenkomsten/check_in.html",
            {
                "event": event,
                "rows": rows,
                "search": "",
                "walk_in_form": form,
                "check_in_open": services.check_in_is_open(event=event),
                "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
            },
        )
    rows = _attendee_rows(event)
    for r in rows:
        r.initiative = _initiative_of(r)
    return render(
        request,
        "bijeenkomsten/attendees.html",
        {"event": event, "rows": rows, "search": "", "add_form": form},
    )


@login_required
def attendee_manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One person on the list: cancel them, give them a place, move their sessions."""
    event = get_event_for_organiser(request, slug)
    registration = get_object_or_404(
        event.registrations.select_related("user").exclude(status=Registration.Status.CANCELLED),
        pk=pk,
    )
    action = request.POST.get("action")
    if request.method == "POST":
        try:
            if action == "cancel":
                services.registration_cancel(registration=registration)
                messages.success(
                    request,
                    _("The registration of %(name)s is cancelled; they got an e-mail.")
                    % {"name": registration.user.display_name},
                )
                return redirect("bijeenkomsten:attendees", slug=event.slug)
            if action == "promote":
                services.registration_promote(registration=registration)
                messages.success(
                    request,
                    _("%(name)s has a place now and got an e-mail.")
                    % {"name": registration.user.display_name},
                )
            if action == "move":
                round_ = get_object_or_404(event.rounds, pk=request.POST.get("round"))
                form = forms.MoveSessionForm(request.POST, round_=round_)
                if form.is_valid():
                    services.registration_move_session(
                        registration=registration, session=form.cleaned_data["session"]
                    )
                    messages.success(request, _("The session is changed."))
        except DomainError as error:
            show_domain_error(request, error)
        return redirect("bijeenkomsten:attendee", slug=event.slug, pk=registration.pk)
    current = {c.round_id: c for c in registration.session_choices.select_related("session")}
    rounds = []
    for round_ in event.rounds.prefetch_related("sessions"):
        if not round_.sessions.all():
            continue
        choice = current.get(round_.pk)
        rounds.append(
            {
                "round": round_,
                "choice": choice,
                "form": forms.MoveSessionForm(
                    round_=round_, initial={"session": choice.session_id if choice else None}
                ),
            }
        )
    return render(
        request,
        "bijeenkomsten/attendee_manage.html",
        {"event": event, "registration": registration, "rounds": rounds},
    )


@login_required
def evaluation_results(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    if request.method == "POST":
        try:
            sent = services.evaluations_send(event=event, resend=request.POST.get("resend") == "1")
        except DomainError as error:
            show_domain_error(request, error)
        else:
            messages.success(
                request,
                _("%(count)s invitations to evaluate are sent.") % {"count": sent}
                if sent
                else _("Nobody left to invite."),
            )
        return redirect("bijeenkomsten:evaluation_results", slug=event.slug)
    return render(
        request,
        "bijeenkomsten/evaluation_results.html",
        {
            "event": event,
            "results": services.evaluation_results(event=event),
            "is_over": services.event_is_over(event=event),
        },
    )


@login_required
def evaluation_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_event_for_organiser(request, slug)
    results = services.evaluation_results(event=event)
    response = exports.csv_response(f"{event.slug}-evaluatie.csv")
    writer = exports.csv_writer(response)
    writer.writerow(
        [_("Responses"), results["responses"], _("Response rate"), f"{results['response_rate']}%"]
    )
    writer.writerow(
        [
            _("Question"),
            *[str(part["label"]) for part in results["questions"][0]["parts"]],
            _("Good or sufficient"),
        ]
    )
    for question in results["questions"]:
        label = str(question["label"])
        if question["group"]:
            label = f"{question['group']}: {label}"
        if not question["answered"]:
            writer.writerow([label, _("no answers")])
            continue
        writer.writerow(
            [
                label,
                *[f"{p['percent']}%" for p in question["parts"]],
                f"{question['positive_percent']}%",
            ]
        )
    writer.writerow([])
    writer.writerow([_("What was missing")])
    for text in results["missing"]:
        writer.writerow([text])
    writer.writerow([_("What people take home")])
    for text in results["takeaway"]:
        writer.writerow([text])
    return response
