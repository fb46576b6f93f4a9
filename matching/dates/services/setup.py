"""Dates at events, for organisers: the settings and the slots."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, Round
from matching.dates.models import DateRequest, DateSettings, DateSlot
from matching.dates.services.access import DateError, locked_settings, require_organiser

# --- organiser: settings and slots ---------------------------------------------------


def dates_settings_update(
    *,
    event: Event,
    actor,
    enabled: bool,
    tables: int,
    request_deadline: datetime.datetime | None,
    max_dates_per_person: int,
) -> DateSettings:
    require_organiser(event, actor)
    with transaction.atomic():
        row = locked_settings(event)
        row.enabled = enabled
        row.tables = tables
        row.request_deadline = request_deadline
        row.max_dates_per_person = max_dates_per_person
        row.save(update_fields=["enabled", "tables", "request_deadline", "max_dates_per_person"])
    return row


def date_slots_add(
    *,
    event: Event,
    actor,
    first_start: datetime.datetime,
    length_minutes: int,
    count: int,
    round: Round | None = None,
) -> list[DateSlot]:
    """Add ``count`` back-to-back slots; a slot that already starts at that time is kept."""
    require_organiser(event, actor)
    if count < 1 or length_minutes < 1:
        raise DateError(_("Give at least one slot of at least one minute."))
    if round is not None and round.event_id != event.pk:
        raise DateError(_("That round belongs to another event."))
    created = []
    with transaction.atomic():
        locked_settings(event)
        for i in range(count):
            slot, _new = DateSlot.objects.get_or_create(
                event=event,
                starts_at=first_start + datetime.timedelta(minutes=i * length_minutes),
                defaults={"length_minutes": length_minutes, "round": round},
            )
            created.append(slot)
    return created


def date_slot_delete(*, slot: DateSlot, actor) -> None:
    require_organiser(slot.event, actor)
    with transaction.atomic():
        locked_settings(slot.event)
        if DateRequest.objects.filter(slot=slot, published_at__isnull=False).exists():
            raise DateError(_("This slot has published dates; move them first."))
        DateRequest.objects.filter(slot=slot).update(slot=None, table=None)
        slot.delete()
