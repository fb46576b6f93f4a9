"""Organiser pages about who comes: attendee list, exports, print, badges, check-in, evaluation."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from bijeenkomsten import services
from bijeenkomsten.models import Event, Registration
from bijeenkomsten.views.common import _get_event_for_organiser, _is_htmx


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
        pgettext("attendee", "Access or dietary needs"),
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
            *[str(part["label"]) for part in results["questions"][0]["parts"]],
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
