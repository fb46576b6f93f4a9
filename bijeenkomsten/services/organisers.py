"""An organiser's work: capacities, creating and editing events, programme, messages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, EventMessage, Registration, Round, Session
from bijeenkomsten.services.errors import EventError
from bijeenkomsten.services.places import _lock_event, event_places_taken, session_places_taken
from bijeenkomsten.services.registrations import _promote_session_waiting, _promote_waiting
from netwerkplatform.core import outbox
from netwerkplatform.core.services import email_send


def event_set_capacity(*, event: Event, capacity: int) -> Event:
    """Raise (promoting the waiting list) or lower a capacity; never below who is coming."""
    with transaction.atomic(durable=True):
        locked = _lock_event(event.pk)
        taken = event_places_taken(event=locked)
        if capacity < taken:
            raise EventError(
                _("%(taken)s people are already coming; the capacity cannot be lower than that.")
                % {"taken": taken}
            )
        locked.capacity = capacity
        locked.save(update_fields=["capacity", "updated_at"])
        _promote_waiting(locked)
    return locked


def session_set_capacity(*, session: Session, capacity: int | None) -> Session:
    with transaction.atomic(durable=True):
        _lock_event(session.round.event_id)
        session = Session.objects.get(pk=session.pk)
        taken = session_places_taken(session=session)
        if capacity is not None and capacity < taken:
            raise EventError(
                _(
                    "%(taken)s people already have a place in this session; "
                    "the capacity cannot be lower than that."
                )
                % {"taken": taken}
            )
        session.capacity = capacity
        session.save(update_fields=["capacity"])
        _promote_session_waiting(session)
    return session


def unique_event_slug(title: str, starts_at: datetime.datetime) -> str:
    base = slugify(f"{title}-{timezone.localtime(starts_at):%Y-%m-%d}")[:200] or "bijeenkomst"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def event_create(*, organiser, themes: Iterable[str] = (), **fields: Any) -> Event:
    with transaction.atomic():
        event = Event(**fields)
        event.slug = unique_event_slug(event.title, event.starts_at)
        event.save()
        event.organisers.add(organiser)
        if themes:
            event.themes.set(list(themes))
    return event


def event_update(*, event: Event, themes: Iterable[str] | None = None, **fields: Any) -> Event:
    """Save an organiser's edit; a changed capacity goes through the locked path."""
    capacity = fields.pop("capacity", None)
    with transaction.atomic():
        for name, value in fields.items():
            setattr(event, name, value)
        event.save()
        if themes is not None:
            event.themes.set(list(themes))
    if capacity is not None and capacity != Event.objects.get(pk=event.pk).capacity:
        event = event_set_capacity(event=event, capacity=capacity)
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
    """The next meeting of a series: same format and programme, new date, a draft."""
    shift = (starts_at - event.starts_at) if starts_at else datetime.timedelta(weeks=8)
    with transaction.atomic():
        copy = Event.objects.get(pk=event.pk)
        copy.pk = None
        copy.id = None
        copy.status = Event.Status.DRAFT
        copy.starts_at = event.starts_at + shift
        copy.ends_at = event.ends_at + shift
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
                starts_at=round_.starts_at + shift,
                ends_at=round_.ends_at + shift,
            )
            for session in round_.sessions.all():
                themes = [t.name for t in session.themes.all()]
                Session.objects.filter(pk=session.pk)
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
        event = _lock_event(event.pk)
        if event.status == Event.Status.CANCELLED:
            return event
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


def round_create(*, event: Event, title: str, starts_at, ends_at) -> Round:
    if ends_at <= starts_at:
        raise EventError(_("A round must end after it starts."))
    return Round.objects.create(event=event, title=title, starts_at=starts_at, ends_at=ends_at)


def session_save(*, session: Session, themes: Iterable[str] | None = None) -> Session:
    """Create or edit a session; a changed capacity goes through the locked path."""
    new_capacity = session.capacity
    if session.pk:
        old = Session.objects.get(pk=session.pk)
        session.capacity = old.capacity
    with transaction.atomic():
        session.save()
        if themes is not None:
            session.themes.set(list(themes))
    if session.capacity != new_capacity:
        session = session_set_capacity(session=session, capacity=new_capacity)
    return session


def registration_check_in(*, registration: Registration, undo: bool = False) -> Registration:
    registration.checked_in_at = None if undo else timezone.now()
    registration.save(update_fields=["checked_in_at"])
    return registration


def event_message_create(*, event: Event, sender, subject: str, body: str) -> EventMessage:
    from bijeenkomsten import tasks

    message = EventMessage.objects.create(event=event, sender=sender, subject=subject, body=body)
    outbox.enqueue(tasks.event_message_dispatch, message_id=message.pk)
    return message


MESSAGE_BATCH = 50


def event_message_dispatch(*, message_id: int) -> int:
    """Claim the message once, then queue its recipients in batches for the workers."""
    from bijeenkomsten import tasks

    claimed = EventMessage.objects.filter(pk=message_id, dispatched_at__isnull=True).update(
        dispatched_at=timezone.now()
    )
    if not claimed:
        return 0
    message = EventMessage.objects.get(pk=message_id)
    ids = list(
        message.event.registrations.filter(status=Registration.Status.CONFIRMED)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    EventMessage.objects.filter(pk=message_id).update(recipient_count=len(ids))
    for start in range(0, len(ids), MESSAGE_BATCH):
        batch = ids[start : start + MESSAGE_BATCH]
        tasks.event_message_send_batch.delay(message_id=message_id, registration_ids=batch)
    return len(ids)


def event_message_send_batch(*, message_id: int, registration_ids: list[int]) -> int:
    from django.core.mail import get_connection, send_mass_mail

    message = EventMessage.objects.select_related("event").get(pk=message_id)
    people = Registration.objects.filter(
        pk__in=registration_ids, status=Registration.Status.CONFIRMED
    ).select_related("user")
    footer = "\n\n-- \n" + _("You receive this because you registered for %(event)s.") % {
        "event": message.event.title
    }
    mails = [(message.subject, message.body + footer, None, [r.user.email]) for r in people]
    return send_mass_mail(mails, connection=get_connection())
