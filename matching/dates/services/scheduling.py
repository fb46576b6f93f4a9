"""Dates at events, for organisers: place the accepted dates (the scheduler), move one
by hand, publish the schedule, and each person's agenda."""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from matching.dates.models import DateBlock, DateRequest, DateSeat, DateSettings, DateSlot
from matching.dates.pinning import pin_agreed
from matching.dates.scheduler import DateSpec, FixedAssignment, SlotSpec, schedule
from matching.dates.services.access import (
    DateError,
    date_url,
    locked_settings,
    require_organiser,
)
from matching.dates.value import value_of
from netwerkplatform.core.models import User
from netwerkplatform.core.services import email_send

# --- organiser: schedule, move, publish ----------------------------------------------


def _blocked_slots(event: Event, people: set[int]) -> dict[int, set[int]]:
    """Per person, the slots they blocked (the scheduler keeps them free)."""
    blocked: dict[int, set[int]] = defaultdict(set)
    for user_id, slot_id in DateBlock.objects.filter(
        slot__event=event, user_id__in=people
    ).values_list("user_id", "slot_id"):
        blocked[user_id].add(slot_id)
    return blocked


def _save_placements(drafts: list[DateRequest], placed: dict[int, tuple[int, int]]) -> None:
    """Redo the draft dates: clear their old slot, table and seats, then write the new
    ones (seats make the database refuse a person twice in one slot)."""
    draft_ids = [r.pk for r in drafts]
    DateSeat.objects.filter(request_id__in=draft_ids).delete()
    DateRequest.objects.filter(pk__in=draft_ids).update(slot=None, table=None)
    seats = []
    for r in drafts:
        if r.pk in placed:
            r.slot_id, r.table = placed[r.pk]
            seats += [
                DateSeat(request=r, slot_id=r.slot_id, user_id=r.from_user_id),
                DateSeat(request=r, slot_id=r.slot_id, user_id=r.to_user_id),
            ]
    DateRequest.objects.bulk_update([r for r in drafts if r.slot_id], ["slot", "table"])
    DateSeat.objects.bulk_create(seats)


def dates_schedule(*, event: Event, actor=None) -> dict:
    """Place accepted dates: published ones stay, drafts are redone from scratch."""
    if actor is not None:
        require_organiser(event, actor)
    with transaction.atomic(durable=True):
        row = locked_settings(event)
        slots = list(DateSlot.objects.filter(event=event))
        accepted = list(DateRequest.objects.filter(event=event, status=DateRequest.Status.ACCEPTED))
        fixed = [
            FixedAssignment(
                id=r.pk, a=r.from_user_id, b=r.to_user_id, slot=r.slot_id, table=r.table
            )
            for r in accepted
            if r.published_at is not None and r.slot_id is not None
        ]
        todo = [r for r in accepted if r.published_at is None]
        people = {r.from_user_id for r in accepted} | {r.to_user_id for r in accepted}
        blocked = _blocked_slots(event, people)
        specs = [
            DateSpec(
                id=r.pk,
                a=r.from_user_id,
                b=r.to_user_id,
                value=value_of(mutual=r.mutual, score=r.score),
            )
            for r in todo
        ]
        slot_specs = [SlotSpec(id=s.pk, tables=row.tables) for s in slots]
        # Times the two people agreed bind: placed first, then fixed for the scheduler.
        pinned, specs = pin_agreed(
            slots=slot_specs,
            dates=specs,
            agreed={r.pk: r.agreed_slot_id for r in todo if r.agreed_slot_id},
            fixed=fixed,
            blocked=blocked,
            max_per_person=row.max_dates_per_person,
        )
        result = schedule(
            slots=slot_specs,
            dates=specs,
            fixed=fixed + pinned,
            blocked=blocked,
            max_per_person=row.max_dates_per_person,
        )
        for p in pinned:
            result.placed[p.id] = (p.slot, p.table)
        _save_placements(todo, result.placed)
        row.scheduled_at = timezone.now()
        row.save(update_fields=["scheduled_at"])
    return {
        "placed": result.count,
        "agreed": len(pinned),
        "unplaced": len(result.unplaced),
        "kept": len(fixed),
        "method": result.method,
    }


def date_move(
    *, date_request: DateRequest, actor, slot: DateSlot | None, table: int | None
) -> None:
    """Put a date at another slot and table by hand (or take it off the schedule)."""
    event = date_request.event
    require_organiser(event, actor)
    try:
        with transaction.atomic(durable=True):
            row = locked_settings(event)
            date_request = DateRequest.objects.select_for_update().get(pk=date_request.pk)
            if date_request.status != DateRequest.Status.ACCEPTED:
                raise DateError(_("Only accepted dates can be placed."))
            DateSeat.objects.filter(request=date_request).delete()
            if slot is None:
                date_request.slot, date_request.table, date_request.published_at = None, None, None
                date_request.save(update_fields=["slot", "table", "published_at"])
                return
            if slot.event_id != event.pk:
                raise DateError(_("That slot belongs to another event."))
            if not table or not 1 <= table <= row.tables:
                raise DateError(_("Choose a table from 1 to %(tables)s.") % {"tables": row.tables})
            taken = DateRequest.objects.filter(slot=slot, table=table).exclude(pk=date_request.pk)
            if taken.exists():
                raise DateError(_("Another date already has that table in that slot."))
            busy = DateSeat.objects.filter(
                slot=slot, user_id__in=[date_request.from_user_id, date_request.to_user_id]
            ).select_related("user")
            for seat in busy:
                raise DateError(
                    _("%(name)s already has a date in that slot.")
                    % {"name": seat.user.display_name}
                )
            if DateBlock.objects.filter(
                slot=slot, user_id__in=[date_request.from_user_id, date_request.to_user_id]
            ).exists():
                raise DateError(_("One of the two blocked that slot."))
            date_request.slot, date_request.table = slot, table
            date_request.save(update_fields=["slot", "table"])
            DateSeat.objects.bulk_create(
                [
                    DateSeat(request=date_request, slot=slot, user_id=date_request.from_user_id),
                    DateSeat(request=date_request, slot=slot, user_id=date_request.to_user_id),
                ]
            )
    except IntegrityError as exc:
        raise DateError(_("Someone else just took that place; try again.")) from exc


def dates_publish(*, event: Event, actor) -> int:
    """Publish the placed drafts and send each person involved their agenda."""
    require_organiser(event, actor)
    with transaction.atomic(durable=True):
        locked_settings(event)
        now = timezone.now()
        fresh = DateRequest.objects.filter(
            event=event, slot__isnull=False, published_at__isnull=True
        )
        people = set(fresh.values_list("from_user_id", flat=True)) | set(
            fresh.values_list("to_user_id", flat=True)
        )
        count = fresh.update(published_at=now)
        DateSettings.objects.filter(event=event).update(published_at=now)
        for person in User.objects.filter(pk__in=people):
            email_send(
                recipients=[person.email],
                subject=_("Your dates at %(event)s") % {"event": event.title},
                template_name="matching/dates/emails/agenda.txt",
                context={
                    "event": event,
                    "person": person,
                    "dates": agenda_for(event, person),
                    "url": date_url("dates_agenda", event),
                    "site": settings.SITE_URL,
                },
            )
    return count


def agenda_for(event: Event, user) -> list[DateRequest]:
    return list(
        DateRequest.objects.filter(
            Q(from_user=user) | Q(to_user=user),
            event=event,
            status=DateRequest.Status.ACCEPTED,
            published_at__isnull=False,
        )
        .select_related("slot", "from_user", "to_user")
        .order_by("slot__starts_at")
    )
