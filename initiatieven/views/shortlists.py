"""An organisation's shortlist: adding, notes, removing and the CSV export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from initiatieven import services
from initiatieven.forms import (
    NoteForm,
)
from initiatieven.models import (
    Organisation,
    ShortlistEntry,
)
from initiatieven.views.common import (
    get_initiative_for_user,
    get_organisation_for_user,
)
from netwerkplatform.core.errors import DomainError, Refused
from netwerkplatform.core.parsing import parse_id


def _get_acting_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation, member = get_organisation_for_user(request, slug)
    if member is None or not organisation.is_approved:
        raise PermissionDenied
    return organisation


@login_required
def shortlist(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get_acting_organisation(request, slug)
    entries = (
        organisation.shortlist.select_related("initiative__municipality", "added_by")
        .prefetch_related(
            "initiative__themes",
            Prefetch("initiative__needs", to_attr="all_needs"),
        )
        .order_by("-created_at")
    )
    return render(
        request,
        "initiatieven/shortlist.html",
        {"organisation": organisation, "entries": entries},
    )


@login_required
@require_POST
def shortlist_add(request: HttpRequest, slug: str) -> HttpResponse:
    initiative, _membership = get_initiative_for_user(request, slug)
    organisation = get_object_or_404(Organisation, pk=parse_id(request.POST.get("organisation")))
    try:
        services.shortlist_add(user=request.user, organisation=organisation, initiative=initiative)
        messages.success(
            request,
            _("%(initiative)s is on the shortlist of %(organisation)s.")
            % {"initiative": initiative.name, "organisation": organisation.name},
        )
    except DomainError as error:
        # Not show_domain_error: a refusal here means this person may not act for the
        # organisation (or the initiative is not public to shortlist), an access
        # failure like any other, so the 403 page, which shows this message (``Refused``).
        raise Refused(error.message) from error
    if request.htmx:
        return HttpResponse(f'<span class="badge badge--ok">{_("On the shortlist")}</span>')
    next_url = request.POST.get("next")
    if next_url and next_url.startswith("/") and not next_url.startswith("//"):
        return redirect(next_url)
    return redirect("initiatieven:detail", slug=slug)


def _get_entry(request: HttpRequest, slug: str, entry_id: int) -> ShortlistEntry:
    organisation = _get_acting_organisation(request, slug)
    return get_object_or_404(
        ShortlistEntry.objects.select_related("organisation"),
        pk=entry_id,
        organisation=organisation,
    )


@login_required
@require_POST
def shortlist_entry(request: HttpRequest, slug: str, entry_id: int) -> HttpResponse:
    entry = _get_entry(request, slug, entry_id)
    if request.POST.get("action") == "remove":
        services.shortlist_remove(user=request.user, entry=entry)
        messages.success(request, _("Removed from the shortlist."))
    else:
        form = NoteForm(request.POST)
        if form.is_valid():
            services.shortlist_update_note(
                user=request.user, entry=entry, note=form.cleaned_data["note"]
            )
            messages.success(request, _("The note has been saved."))
        else:
            messages.error(request, _("The note is too long; keep it under 2000 characters."))
    return redirect(reverse("initiatieven:shortlist", args=[slug]) + f"#entry-{entry_id}")


@login_required
@require_GET
def shortlist_export(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _get_acting_organisation(request, slug)
    response = HttpResponse(
        "\ufeff" + services.shortlist_csv(organisation=organisation),
        content_type="text/csv; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="shortlist-{organisation.slug}-{stamp}.csv"'
    )
    return response
