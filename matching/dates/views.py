"""Pages for dates at events: thin views over ``matching.dates.services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from bijeenkomsten.models import Event
from matching.dates import export
from matching.dates import services as svc
from matching.dates.forms import (
    BlocksForm,
    DateProfileForm,
    DateSettingsForm,
    MoveForm,
    OutcomeForm,
    RequestForm,
    SlotsForm,
)
from matching.dates.models import (
    DateBlock,
    DateMatch,
    DateOutcome,
    DateProfile,
    DateRequest,
    DateSlot,
)
from matching.dates.tasks import dates_schedule_task
from matching.levels import match_level_label
from netwerkplatform.core import exports, outbox
from netwerkplatform.core.errors import DomainError, show_domain_error
from netwerkplatform.core.models import User
from netwerkplatform.core.parsing import parse_id


def _get_event_for_user(request, slug: str) -> tuple[Event, bool]:
    """The event, for its confirmed attendees and organisers; 404 for anyone else."""
    event = get_object_or_404(Event, slug=slug)
    organiser = svc.is_organiser(event=event, user=request.user)
    if not organiser and not svc.is_attendee(event=event, user=request.user):
        raise Http404
    return event, organiser


def _get_event_for_organiser(request, slug: str) -> Event:
    event, organiser = _get_event_for_user(request, slug)
    if not organiser:
        raise PermissionDenied
    return event


def _back(event, name="matching:dates"):
    return redirect(name, slug=event.slug)


@login_required
def overview(request, slug):
    event, organiser = _get_event_for_user(request, slug)
    settings_row = svc.dates_settings_get(event=event)
    attending = svc.is_attendee(event=event, user=request.user)
    mine = (
        DateRequest.objects.filter(Q(from_user=request.user) | Q(to_user=request.user), event=event)
        .select_related("from_user", "to_user", "slot", "agreed_slot")
        .prefetch_related("proposed_slots")
    )
    incoming = [r for r in mine if r.to_user_id == request.user.pk and r.status == "requested"]
    others = [r for r in mine if r not in incoming]
    asked = {r.to_user_id for r in mine if r.status in svc.OPEN} | {
        r.from_user_id for r in mine if r.status in svc.OPEN
    }
    suggestions = (
        svc.attendees_ranked(event=event, user=request.user)
        if attending and settings_row.enabled
        else []
    )
    return render(
        request,
        "matching/dates/overview.html",
        {
            "event": event,
            "settings": settings_row,
            "organiser": organiser,
            "attending": attending,
            "open": settings_row.enabled and timezone.now() < settings_row.deadline,
            "incoming": incoming,
            "others": others,
            "asked": asked,
            "suggestions": suggestions,
            "profile": DateProfile.objects.filter(event=event, user=request.user).first(),
            "date_matches": _date_matches_of(event, request.user),
        },
    )


def _date_matches_of(event, user) -> list[dict]:
    """This person's confirmed matches from dates at the event, with level and reasons."""

    rows = []
    for dm in (
        DateMatch.objects.filter(event=event)
        .filter(Q(request__from_user=user) | Q(request__to_user=user))
        .select_related("request__from_user", "request__to_user")
    ):
        other = dm.request.other(user)
        names = {user.pk: user.display_name, other.pk: other.display_name}
        rows.append(
            {
                "other": other,
                "level": match_level_label(dm.score),
                "reasons": [
                    t
                    for r in dm.reasons
                    if (t := svc.reason_text(r, viewer_id=user.pk, names=names))
                ],
            }
        )
    return rows


@login_required
def profile(request, slug):
    """The matchmaking profile, for those who signed up before dates opened or want to
    change it."""
    event, organiser = _get_event_for_user(request, slug)
    current = DateProfile.objects.filter(event=event, user=request.user).first()
    initial = (
        {
            "looking_for": current.looking_for,
            "offering": current.offering,
            "themes": current.themes,
            "about": current.about,
        }
        if current
        else None
    )
    form = DateProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        svc.date_profile_save(event=event, user=request.user, **form.cleaned_data)
        messages.success(request, _("Saved: your suggestions now take this into account."))
        return _back(event)
    return render(
        request,
        "matching/dates/profile.html",
        {"event": event, "form": form, "organiser": organiser},
    )


@login_required
def request_new(request, slug, user_id):
    event, _organiser = _get_event_for_user(request, slug)
    recipient = get_object_or_404(User, pk=user_id)
    # Only people at this event: otherwise the page shows anyone's name by their id.
    if not (
        svc.is_attendee(event=event, user=recipient)
        or svc.is_organiser(event=event, user=recipient)
    ):
        raise Http404
    blocked = DateBlock.objects.filter(slot__event=event, user=request.user).values("slot_id")
    form = RequestForm(
        request.POST or None,
        event=event,
        free_slots=DateSlot.objects.filter(event=event).exclude(pk__in=blocked).values("pk"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.date_request_create(
                event=event,
                sender=request.user,
                recipient=recipient,
                message=form.cleaned_data["message"],
                proposed_slots=list(form.cleaned_data.get("proposed_slots") or []),
            )
        except DomainError as exc:
            show_domain_error(request, exc, form=form)
        else:
            messages.success(request, _("Your request was sent."))
            return _back(event)
    return render(
        request,
        "matching/dates/request.html",
        {"event": event, "recipient": recipient, "form": form},
    )


def _own_request(request, event, pk) -> DateRequest:
    date = get_object_or_404(DateRequest, pk=pk, event=event)
    if request.user.pk not in (date.from_user_id, date.to_user_id):
        raise Http404
    return date


@login_required
@require_POST
def request_respond(request, slug, pk):
    event, _organiser = _get_event_for_user(request, slug)
    date = _own_request(request, event, pk)
    accept = request.POST.get("answer") == "accept"
    slot = None
    if accept and request.POST.get("slot"):
        slot = DateSlot.objects.filter(event=event, pk=request.POST["slot"]).first()
        if slot is None:
            messages.error(request, _("Choose one of the proposed times."))
            return _back(event)
    try:
        svc.date_request_respond(date_request=date, user=request.user, accept=accept, slot=slot)
    except DomainError as exc:
        show_domain_error(request, exc)
    else:
        messages.success(
            request, _("You accepted the date.") if accept else _("You declined the date.")
        )
    return _back(event)


@login_required
@require_POST
def request_cancel(request, slug, pk):
    event, _organiser = _get_event_for_user(request, slug)
    date = _own_request(request, event, pk)
    try:
        svc.date_request_cancel(date_request=date, user=request.user)
    except DomainError as exc:
        show_domain_error(request, exc)
    else:
        messages.success(request, _("The date was cancelled."))
    return _back(event)


@login_required
def blocks(request, slug):
    event, organiser = _get_event_for_user(request, slug)
    current = DateSlot.objects.filter(event=event, blocks__user=request.user)
    form = BlocksForm(request.POST or None, event=event, initial={"slots": current})
    if request.method == "POST" and form.is_valid():
        try:
            svc.date_blocks_set(
                event=event,
                user=request.user,
                slot_ids=[s.pk for s in form.cleaned_data["slots"]],
            )
        except DomainError as exc:
            show_domain_error(request, exc, form=form)
        else:
            messages.success(request, _("Your availability was saved."))
            return _back(event)
    return render(
        request,
        "matching/dates/blocks.html",
        {"event": event, "form": form, "organiser": organiser},
    )


@login_required
def agenda(request, slug):
    event, organiser = _get_event_for_user(request, slug)
    dates = svc.agenda_for(event, request.user)
    answered = set(
        DateOutcome.objects.filter(request__in=dates, user=request.user).values_list(
            "request_id", flat=True
        )
    )
    for d in dates:
        d.answered = d.pk in answered
    return render(
        request,
        "matching/dates/agenda.html",
        {
            "event": event,
            "dates": dates,
            "now": timezone.now(),
            "organiser": organiser,
            "date_matches": _date_matches_of(event, request.user),
        },
    )


@login_required
def agenda_ics(request, slug):
    from icalendar import Calendar
    from icalendar import Event as IcsEvent

    event, _organiser = _get_event_for_user(request, slug)
    cal = Calendar()
    cal.add("prodid", "-//Netwerkplatform//dates//NL")
    cal.add("version", "2.0")
    for date in svc.agenda_for(event, request.user):
        other = date.other(request.user)
        item = IcsEvent()
        item.add("uid", f"date-{date.pk}@netwerkplatform")
        item.add("summary", _("Date with %(name)s") % {"name": other.display_name})
        item.add("dtstart", date.slot.starts_at)
        item.add("dtend", date.slot.ends_at)
        item.add("dtstamp", timezone.now())
        item.add(
            "location",
            _("Table %(table)s, %(venue)s") % {"table": date.table, "venue": event.venue},
        )
        cal.add_component(item)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="dates-{event.slug}.ics"'
    return response


@login_required
def outcome(request, slug, pk):
    event, _organiser = _get_event_for_user(request, slug)
    date = _own_request(request, event, pk)
    opens = svc.outcome_opens_at(date) if date.published_at else None
    is_open = opens is not None and timezone.now() >= opens
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and not is_open:
        form.is_valid()
        form.add_error(None, _("You can look back on this date once it is over."))
    elif request.method == "POST" and form.is_valid():
        try:
            svc.date_outcome_record(
                date_request=date,
                user=request.user,
                happened=form.cleaned_data["happened"],
                useful=bool(form.cleaned_data.get("useful")),
                note=form.cleaned_data["note"],
                public=form.cleaned_data["public"],
            )
        except DomainError as exc:
            show_domain_error(request, exc, form=form)
        else:
            messages.success(request, _("Thank you, we saved your answer."))
            return _back(event, "matching:dates_agenda")
    return render(
        request,
        "matching/dates/outcome.html",
        {
            "event": event,
            "date": date,
            "other": date.other(request.user),
            "form": form,
            "is_open": is_open,
            "opens": opens,
        },
    )


# --- organiser ------------------------------------------------------------------------


def _grid(event, tables: int):
    """Rows = slots, columns = tables; each cell the date there (or None)."""
    slots = list(DateSlot.objects.filter(event=event))
    placed = DateRequest.objects.filter(event=event, slot__isnull=False).select_related(
        "from_user", "to_user"
    )
    cells = {(d.slot_id, d.table): d for d in placed}
    width = max([tables, *[t for _s, t in cells]]) if cells else tables
    return [(slot, [cells.get((slot.pk, t)) for t in range(1, width + 1)]) for slot in slots], list(
        range(1, width + 1)
    )


@login_required
def organise(request, slug):
    event = _get_event_for_organiser(request, slug)
    settings_row = svc.dates_settings_get(event=event)
    settings_form = DateSettingsForm(instance=settings_row, prefix="settings")
    slots_form = SlotsForm(event=event, prefix="slots")
    if request.method == "POST":
        try:
            if "save_settings" in request.POST:
                settings_form = DateSettingsForm(
                    request.POST, instance=settings_row, prefix="settings"
                )
                if settings_form.is_valid():
                    data = settings_form.cleaned_data
                    svc.dates_settings_update(event=event, actor=request.user, **data)
                    messages.success(request, _("The date settings were saved."))
                    return _back(event, "matching:dates_organise")
            elif "add_slots" in request.POST:
                slots_form = SlotsForm(request.POST, event=event, prefix="slots")
                if slots_form.is_valid():
                    svc.date_slots_add(event=event, actor=request.user, **slots_form.cleaned_data)
                    messages.success(request, _("The slots were added."))
                    return _back(event, "matching:dates_organise")
            elif "delete_slot" in request.POST:
                slot_id = parse_id(request.POST["delete_slot"])
                slot = get_object_or_404(DateSlot, event=event, pk=slot_id)
                svc.date_slot_delete(slot=slot, actor=request.user)
                messages.success(request, _("The slot was removed."))
                return _back(event, "matching:dates_organise")
        except DomainError as exc:
            show_domain_error(request, exc)
    grid, tables = _grid(event, settings_row.tables)
    requests = DateRequest.objects.filter(event=event).select_related("from_user", "to_user")
    unplaced = [r for r in requests if r.status == "accepted" and r.slot_id is None]
    return render(
        request,
        "matching/dates/organise.html",
        {
            "event": event,
            "settings": settings_row,
            "settings_form": settings_form,
            "slots_form": slots_form,
            "grid": grid,
            "tables": tables,
            "pending": [r for r in requests if r.status == "requested"][:50],
            "unplaced": unplaced,
            "drafts": sum(1 for r in requests if r.slot_id and not r.published_at),
            "stats": svc.dates_stats(event=event),
            "per_slot": svc.dates_stats_per_slot(event=event),
            "blocked": DateBlock.objects.filter(slot__event=event).count(),
        },
    )


@login_required
@require_POST
def run_scheduler(request, slug):
    event = _get_event_for_organiser(request, slug)
    outbox.enqueue(dates_schedule_task, event.pk)
    messages.success(
        request, _("The scheduler is running; refresh this page in a moment to see the result.")
    )
    return _back(event, "matching:dates_organise")


@login_required
@require_POST
def publish(request, slug):
    event = _get_event_for_organiser(request, slug)
    try:
        count = svc.dates_publish(event=event, actor=request.user)
    except DomainError as exc:
        show_domain_error(request, exc)
    else:
        messages.success(request, _("%(count)s dates were published.") % {"count": count})
    return _back(event, "matching:dates_organise")


@login_required
def move(request, slug, pk):
    event = _get_event_for_organiser(request, slug)
    date = get_object_or_404(DateRequest, pk=pk, event=event)
    form = MoveForm(
        request.POST or None, event=event, initial={"slot": date.slot, "table": date.table}
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.date_move(
                date_request=date,
                actor=request.user,
                slot=form.cleaned_data["slot"],
                table=form.cleaned_data["table"],
            )
        except DomainError as exc:
            show_domain_error(request, exc, form=form)
        else:
            messages.success(request, _("The date was moved."))
            return _back(event, "matching:dates_organise")
    return render(request, "matching/dates/move.html", {"event": event, "date": date, "form": form})


@login_required
def print_cards(request, slug):
    event = _get_event_for_organiser(request, slug)
    settings_row = svc.dates_settings_get(event=event)
    grid, tables = _grid(event, settings_row.tables)
    return render(
        request,
        "matching/dates/print.html",
        {"event": event, "grid": grid, "tables": tables},
    )


@login_required
def schedule_export(request, slug, fmt):
    """The schedule (per date) or the per-attendee lists, as CSV or XLSX."""
    event = _get_event_for_organiser(request, slug)
    per_attendee = request.GET.get("per") == "deelnemer"
    rows = export.attendee_rows(event) if per_attendee else export.schedule_rows(event)
    name = f"{event.slug}-dates{'-per-deelnemer' if per_attendee else ''}"
    if fmt == "xlsx":
        title = pgettext("meetings", "Dates")
        return exports.xlsx_response(f"{name}.xlsx", rows, sheet_title=title)
    return exports.csv_response(f"{name}.csv", rows)


@login_required
def attendee_lists(request, slug):
    event = _get_event_for_organiser(request, slug)
    return render(
        request,
        "matching/dates/attendees.html",
        {"event": event, "lists": export.attendee_lists(event), "organiser": True},
    )
