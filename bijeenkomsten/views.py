"""Views of events: thin. Parse the form, call a service, redirect (or an htmx partial)."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bijeenkomsten import calendar, forms, services
from bijeenkomsten.models import (
    DuoInvitation,
    Event,
    Registration,
    Round,
    Series,
    Session,
    SessionChoice,
)

PUBLIC_STATUSES = [Event.Status.PUBLISHED, Event.Status.FINISHED, Event.Status.CANCELLED]


# --- Access helpers -----------------------------------------------------------------


def _get_event_for_user(request: HttpRequest, slug: str) -> Event:
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


def _get_event_for_organiser(request: HttpRequest, slug: str) -> Event:
    """403 for an event one may see but not manage; 404 for a draft one may not see."""
    event = _get_event_for_user(request, slug)
    if not services.user_is_organiser(event=event, user=request.user):
        raise PermissionDenied
    return event


def _get_registration_for_user(request: HttpRequest, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event__municipality", "user"),
        pk=pk,
        user=request.user,
    )


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- Public -------------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    form = forms.FilterForm(request.GET or None)
    now = timezone.now()
    events = Event.objects.filter(status__in=PUBLIC_STATUSES).select_related(
        "municipality__province", "host_initiative"
    )
    past = False
    if form.is_valid():
        data = form.cleaned_data
        past = data["when"] == "past"
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["province"]:
            events = events.filter(municipality__province=data["province"])
        if data["theme"]:
            events = events.filter(themes__name__iexact=data["theme"].strip()).distinct()
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at")
    else:
        events = events.filter(ends_at__gte=now).exclude(status=Event.Status.FINISHED)
        events = events.order_by("starts_at")
    events = events.prefetch_related("themes").annotate(
        confirmed=Count("registrations", filter=Q(registrations__status="confirmed"))
    )
    page = Paginator(events, 12).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
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
            "past": past,
            "query": query.urlencode(),
            "organised": organised,
        },
    )


def feed(request: HttpRequest) -> HttpResponse:
    events = (
        Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())
        .select_related("municipality")
        .order_by("starts_at")[:200]
    )
    return _ics_response(calendar.feed(events), "bijeenkomsten.ics")


def _programme(event: Event) -> list[Round]:
    return list(
        event.rounds.prefetch_related(
            Prefetch("sessions", queryset=Session.objects.prefetch_related("themes"))
        )
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
    taken = services.sessions_with_places(event=event)
    rounds = _programme(event)
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
    event = _get_event_for_user(request, slug)
    return _ics_response(calendar.feed([event]), f"{event.slug}.ics")


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_user(request, slug)
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
    if request.method == "POST" and form.is_valid():
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
            )
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
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
            "is_open": services.registration_is_open(event=event),
            "places_left": services.event_places_left(event=event),
        },
    )


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
    return render(request, "bijeenkomsten/mine.html", {"upcoming": upcoming, "past": past})


@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _get_registration_for_user(request, pk)
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
        except services.RegistrationError as error:
            form.add_error(None, error.message)
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
            "duo_invitations": registration.duo_invitations.all(),
        },
    )


@login_required
@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _get_registration_for_user(request, pk)
    services.registration_cancel(registration=registration)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("bijeenkomsten:mine")


@login_required
def registration_ics(request: HttpRequest, pk: int) -> HttpResponse:
    registration = _get_registration_for_user(request, pk)
    return _ics_response(
        calendar.personal_programme(registration), f"{registration.event.slug}-programma.ics"
    )


def cancel_by_token(request: HttpRequest, token: str) -> HttpResponse:
    """The one-click link from e-mails: no login needed, the token is the key.

    GET shows one button (mail scanners follow links; they must not cancel anything).
    """
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), cancel_token=token
    )
    if request.method == "POST":
        services.registration_cancel(registration=registration)
        registration.refresh_from_db()
    return render(request, "bijeenkomsten/cancel_token.html", {"registration": registration})


def duo_answer(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        DuoInvitation.objects.select_related("registration__event", "registration__user"),
        token=token,
    )
    error = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            if request.POST.get("answer") == "yes":
                partner = services.duo_invitation_accept(invitation=invitation, user=request.user)
                messages.success(request, _("You are registered as network duo."))
                return redirect("bijeenkomsten:registration", pk=partner.pk)
            services.duo_invitation_decline(invitation=invitation)
            messages.info(request, _("Thank you for letting us know."))
            return redirect("bijeenkomsten:detail", slug=invitation.registration.event.slug)
        except services.RegistrationError as exc:
            error = exc.message
    return render(request, "bijeenkomsten/duo.html", {"invitation": invitation, "error": error})


def evaluate(request: HttpRequest, token: str) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event"), cancel_token=token
    )
    event = registration.event
    done = hasattr(registration, "evaluation") and registration.evaluation.submitted_at
    form = forms.EvaluationForm(request.POST or None, event=event)
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.evaluation_submit(registration=registration, data=form.data_for_service())
        except services.RegistrationError as error:
            form.add_error(None, error.message)
        else:
            done = True
    return render(
        request,
        "bijeenkomsten/evaluate.html",
        {"event": event, "form": form, "done": done},
    )


# --- Organisers ---------------------------------------------------------------------


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


def _attendee_rows(event: Event, search: str = ""):
    registrations = (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .prefetch_related(
            "session_choices__session",
            "user__initiative_memberships__initiative",
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
        _("Needs"),
        _("Checked in"),
    ]
    rows = [header]
    for r in _attendee_rows(event):
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
            ]
        )
    return rows


@login_required
def attendees(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    search = request.GET.get("q", "").strip()
    rows = _attendee_rows(event, search)
    for r in rows:
        r.initiative = _initiative_of(r)
    template = (
        "bijeenkomsten/partials/attendee_rows.html"
        if _is_htmx(request)
        else "bijeenkomsten/attendees.html"
    )
    return render(request, template, {"event": event, "rows": rows, "search": search})


def _safe_cell(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: neutralise them."""
    return f"'{value}" if value and value[0] in "=+-@" else value


@login_required
def attendees_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-deelnemers.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in _export_rows(event):
        writer.writerow([_safe_cell(str(cell)) for cell in row])
    return response


@login_required
def attendees_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    from openpyxl import Workbook

    event = _get_event_for_organiser(request, slug)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Attendees")[:31]
    for row in _export_rows(event):
        sheet.append([_safe_cell(str(cell)) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-deelnemers.xlsx"'
    return response


@login_required
def attendees_print(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    rows = _attendee_rows(event).filter(status=Registration.Status.CONFIRMED)
    for r in rows:
        r.initiative = _initiative_of(r)
    return render(request, "bijeenkomsten/attendees_print.html", {"event": event, "rows": rows})


@login_required
def badges(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    rows = _attendee_rows(event).filter(status=Registration.Status.CONFIRMED)
    for r in rows:
        r.initiative = _initiative_of(r)
    return render(request, "bijeenkomsten/badges.html", {"event": event, "rows": rows})


@login_required
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    search = request.GET.get("q", "").strip()
    rows = _attendee_rows(event, search).filter(status=Registration.Status.CONFIRMED)
    context = {
        "event": event,
        "rows": rows,
        "search": search,
        "checked_in": event.registrations.filter(checked_in_at__isnull=False).count(),
    }
    if _is_htmx(request):
        return render(request, "bijeenkomsten/partials/check_in_rows.html", context)
    return render(request, "bijeenkomsten/check_in.html", context)


@login_required
@require_POST
def check_in_toggle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    registration = get_object_or_404(
        event.registrations.select_related("user"), pk=pk, status=Registration.Status.CONFIRMED
    )
    services.registration_check_in(registration=registration, undo=request.POST.get("undo") == "1")
    if _is_htmx(request):
        return render(
            request, "bijeenkomsten/partials/check_in_row.html", {"event": event, "r": registration}
        )
    return redirect(
        f"{reverse('bijeenkomsten:check_in', args=[event.slug])}?q={request.POST.get('q', '')}"
    )


@login_required
def message(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.event_message_create(event=event, sender=request.user, **form.cleaned_data)
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
def evaluation_results(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    return render(
        request,
        "bijeenkomsten/evaluation_results.html",
        {"event": event, "results": services.evaluation_results(event=event)},
    )


@login_required
def evaluation_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _get_event_for_organiser(request, slug)
    results = services.evaluation_results(event=event)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-evaluatie.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [_("Responses"), results["responses"], _("Response rate"), f"{results['response_rate']}%"]
    )
    writer.writerow(
        [
            _("Question"),
            *[str(r.label) for r in results["questions"][0]["parts"]],
            _("Good or sufficient"),
        ]
    )
    for question in results["questions"]:
        writer.writerow(
            [
                str(question["label"]),
                *[f"{p['percent']}%" for p in question["parts"]],
                f"{question['positive_percent']}%",
            ]
        )
    writer.writerow([])
    writer.writerow([_("What was missing")])
    for text in results["missing"]:
        writer.writerow([_safe_cell(text)])
    writer.writerow([_("What people take home")])
    for text in results["takeaway"]:
        writer.writerow([_safe_cell(text)])
    return response


@login_required
def series_invite(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    if not (request.user.is_staff or series.organisers.filter(pk=request.user.pk).exists()):
        raise PermissionDenied
    form = forms.SeriesInviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        added = services.series_invite(series=series, emails=form.cleaned_data["emails"])
        messages.success(request, _("%(count)s people invited.") % {"count": added})
        return redirect("bijeenkomsten:series_invite", slug=series.slug)
    return render(
        request,
        "bijeenkomsten/series_invite.html",
        {"series": series, "form": form, "invited": series.invitations.all()},
    )


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
