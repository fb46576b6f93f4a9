"""An organisation's shortlist of initiatives, and its CSV export."""

from __future__ import annotations

import io

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from initiatieven.models import (
    Initiative,
    Need,
    Organisation,
    ShortlistEntry,
)
from initiatieven.services.common import (
    InitiativeError,
    can_act_for,
)
from netwerkplatform.core import exports
from netwerkplatform.core.models import User


def shortlist_add(
    *, user: User, organisation: Organisation, initiative: Initiative
) -> ShortlistEntry:
    if not can_act_for(user, organisation):
        raise InitiativeError(_("Only members of an approved organisation keep a shortlist."))
    if not initiative.is_public:
        raise InitiativeError(_("Only public initiatives can be shortlisted."))
    entry, _created = ShortlistEntry.objects.get_or_create(
        organisation=organisation, initiative=initiative, defaults={"added_by": user}
    )
    return entry


def shortlist_update_note(*, user: User, entry: ShortlistEntry, note: str) -> ShortlistEntry:
    if not can_act_for(user, entry.organisation):
        raise InitiativeError(_("Only members of this organisation can change its shortlist."))
    entry.note = note.strip()
    entry.save(update_fields=["note"])
    return entry


def shortlist_remove(*, user: User, entry: ShortlistEntry) -> None:
    if not can_act_for(user, entry.organisation):
        raise InitiativeError(_("Only members of this organisation can change its shortlist."))
    entry.delete()


def shortlist_csv(*, organisation: Organisation) -> str:
    """The shortlist as CSV (semicolons, for Dutch Excel). Never the contact e-mail."""
    buffer = io.StringIO()
    writer = exports.csv_writer(buffer)
    writer.writerow(
        [
            _("Initiative"),
            _("Municipality"),
            _("Stage"),
            _("Themes"),
            _("Open needs"),
            _("Note"),
            _("Added"),
            _("Link"),
        ]
    )
    entries = (
        ShortlistEntry.objects.filter(organisation=organisation)
        .select_related("initiative__municipality")
        .prefetch_related("initiative__themes", "initiative__needs")
    )
    for entry in entries:
        initiative = entry.initiative
        needs = ", ".join(
            need.get_kind_display() + (f" (€{need.amount:.0f})" if need.amount else "")
            for need in initiative.needs.all()
            if need.status == Need.Status.OPEN
        )
        writer.writerow(
            [
                initiative.name,
                initiative.municipality.name,
                initiative.get_stage_display(),
                ", ".join(sorted(tag.name for tag in initiative.themes.all())),
                needs,
                entry.note,
                timezone.localtime(entry.created_at).date().isoformat(),
                settings.SITE_URL + reverse("initiatieven:detail", args=[initiative.slug]),
            ]
        )
    return buffer.getvalue()
