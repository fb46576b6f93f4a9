"""An organiser's work: capacities, creating and editing events, programme, messages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, Registration, Round, Session
from bijeenkomsten.selectors import check_in_is_open, event_is_over
from bijeenkomsten.services.errors import EventError
from bijeenkomsten.services.places import event_places_taken, lock_event, session_places_taken
from bijeenkomsten.services.programme import event_reschedule, local_shift, shift_local
from bijeenkomsten.services.registrations import promote_session_waiting, promote_waiting
from bijeenkomsten.services.series import event_fields_need_consent
from netwerkplatform.core.services import email_send


def event_set_capacity(*, event: Event, capacity: int) -> Event:
    """Raise (promoting the waiting list) or lower a capacity; never below who is coming."""
    with transaction.atomic(durable=True):
        locked = lock_event(event.pk)
        _event_capacity_apply(locked, capacity)
    return locked


def _event_capacity_check(event: Event, capacity: int) -> None:
    """Inside the event lock: refuse a capacity below the places already taken."""
    taken = event_places_taken(event=event)
    if capacity < taken:
        raise EventError(
            _("%(taken)s people are already coming; the capacity cannot be lower than that.")
            % {"taken": taken},
            field="capacity",
        )


def _event_capacity_apply(event: Event, capacity: int) -> None:
    """Inside the event lock: check, save and promote the waiting list."""
    _event_capacity_check(event, capacity)
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    promote_waiting(event)


def session_set_capacity(*, session: Session, capacity: int | None) -> Session:
    with transaction.atomic(durable=True):
        lock_event(session.round.event_id)
        session = Session.objects.get(pk=session.pk)
        _session_capacity_apply(session, capacity)
    return session


def _session_capacity_apply(session: Session, capacity: int | None) -> None:
    """Inside the event lock: refuse a capacity below the places taken, else save and
    promote the session's waiting list."""
    taken = session_places_taken(session=session)
    if capacity is not None and capacity < taken:
        raise EventError(
            _(
                "%(taken)s people already have a place in this session; "
                "the capacity cannot be lower than that."
            )
            % {"taken": taken},
            field="capacity",
        )
    session.capacity = capacity
    session.save(update_fields=["capacity"])
    promote_session_waiting(session)


def unique_event_slug(title: str, starts_at: datetime.datetime) -> str:
    base = slugify(f"{title}-{timezone.localtime(starts_at):%Y-%m-%d}")[:200] or "bijeenkomst"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def event_create(*, organiser, themes: Iterable[str] = (), **fields: Any) -> Event:
    event_fields_need_consent(event=None, user=organiser, fields=fields)
    with transaction.atomic():
        event = Event(**fields)
        event.slug = unique_event_slug(event.title, event.starts_at)
        event.save()
        event.organisers.add(organiser)
        if themes:
            event.themes.set(list(themes))
    return event


def event_update(
    *,
    event: Event,
    themes: Iterable[str] | None = None,
    move_programme: bool = True,
    by=None,
    **fields: Any,
) -> Event:
    """Save an organiser's edit: the programme moves with the event (or the edit is
    refused when rounds would fall outside it), people are told about a new date, time
    or place, and a changed capacity goes through the locked path."""

    if by is not None:
        event_fields_need_consent(event=event, user=by, fields=fields)
    capacity = fields.pop("capacity", None)
    # One locked transaction: a refused part (capacity, programme) changes nothing.
    with transaction.atomic(durable=True):
        locked = lock_event(event.pk)
        if capacity is not None and capacity != locked.capacity:
            _event_capacity_check(locked, capacity)
        event, _notified = event_reschedule(event=event, move_programme=move_programme, **fields)
        if themes is not None:
            event.themes.set(list(themes))
        if capacity is not None and capacity != locked.capacity:
            _event_capacity_apply(event, capacity)
    return event


def event_publish(*, event: Event) -> Event:
    if event.status not in (Event.Status.DRAFT,):
        raise EventError(_("Only a draft can be published."))
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    return event


def event_duplicate(
    *, event: Event, organiser, starts_at: datetime.datetime | None = None
) -> Event:
    """The next meeting of a series: same format and programme, new date, a draft.

    The shift is in wall-clock time (Europe/Amsterdam), so 13:00 stays 13:00 when the
    copy lands on the other side of a daylight-saving change."""
    shift = local_shift(event.starts_at, starts_at) if starts_at else datetime.timedelta(weeks=8)
    with transaction.atomic():
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.id = None
        copy.status = Event.Status.DRAFT
        copy.ical_sequence = 0
        copy.starts_at = shift_local(event.starts_at, shift)
        copy.ends_at = shift_local(event.ends_at, shift)
        copy.registration_opens_at = None
        copy.registration_closes_at = None
        copy.fill_level_notified = 0
        copy.created_at = timezone.now()
        copy.slug = unique_event_slug(event.title, copy.starts_at)
        copy.save()
        copy.organisers.set(event.organisers.all())
        copy.organisers.add(organiser)
        copy.themes.set([t.name for t in event.themes.all()])
        for round_ in event.rounds.prefetch_related("sessions"):
            new_round = Round.objects.create(
                event=copy,
                title=round_.title,
                starts_at=shift_local(round_.starts_at, shift),
                ends_at=shift_local(round_.ends_at, shift),
            )
            for session in round_.sessions.all():
                themes = [t.name for t in session.themes.all()]
                new_session = Session.objects.create(
                    round=new_round,
                    kind=session.kind,
                    title=session.title,
                    hosts=session.hosts,
                    description=session.description,
                    room=session.room,
                    capacity=session.capacity,
                    building_blocks=list(session.building_blocks),
                )
                if themes:
                    new_session.themes.set(themes)
    return copy


def event_cancel(*, event: Event, reason: str = "") -> Event:
    """Cancel the event and tell everyone who registered (confirmed and waiting)."""
    with transaction.atomic():
        event = lock_event(event.pk)
        if event.status == Event.Status.CANCELLED:
            return event
        if event_is_over(event=event):
            raise EventError(_("This event is over; it can no longer be cancelled."))
        event.status = Event.Status.CANCELLED
        event.save(update_fields=["status", "updated_at"])
        people = list(
            event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("user")
        )
        for registration in people:
            email_send(
                recipients=[registration.user.email],
                subject=_("%(event)s is cancelled") % {"event": event.title},
                template_name="bijeenkomsten/emails/event_cancelled.txt",
                context={"event": event, "registration": registration, "reason": reason},
            )
    return event


def session_save(*, session: Session, themes: Iterable[str] | None = None) -> Session:
    """Create or edit a session in one locked transaction: a refused capacity changes
    nothing (not the title either)."""
    new_capacity = session.capacity
    with transaction.atomic(durable=True):
        lock_event(session.round.event_id)
        if session.pk:
            session.capacity = Session.objects.values_list("capacity", flat=True).get(pk=session.pk)
        session.save()
        if themes is not None:
            session.themes.set(list(themes))
        if session.capacity != new_capacity:
            _session_capacity_apply(session, new_capacity)
    return session


def registration_check_in(*, registration: Registration, undo: bool = False) -> Registration:
    if not check_in_is_open(event=registration.event):
        raise EventError(_("Check-in is only possible on the day of the event."))
    registration.checked_in_at = None if undo else timezone.now()
    registration.save(update_fields=["checked_in_at"])
    return registration
