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
from bijeenkomsten.services.places import event_places_taken, lock_event, session_places_taken
from bijeenkomsten.services.programme import event_reschedule, local_shift, shift_local
from bijeenkomsten.services.registrations import promote_session_waiting, promote_waiting
from netwerkplatform.core import outbox
from netwerkplatform.core.limits import InvitationLimitError, invitations_reserve
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
    from bijeenkomsten.services.series import event_fields_need_consent

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
    from bijeenkomsten.services.series import event_fields_need_consent

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


def event_is_over(*, event: Event) -> bool:
    return event.ends_at <= timezone.now()


def check_in_is_open(*, event: Event) -> bool:
    """Check-in happens on the day(s) of the event itself (Amsterdam dates), not before
    (a mis-tap weeks ahead would mark someone present) and not on a later day."""
    today = timezone.localdate()
    return event.status == Event.Status.PUBLISHED and timezone.localdate(
        event.starts_at
    ) <= today <= timezone.localdate(event.ends_at)


def registration_check_in(*, registration: Registration, undo: bool = False) -> Registration:
    if not check_in_is_open(event=registration.event):
        raise EventError(_("Check-in is only possible on the day of the event."))
    registration.checked_in_at = None if undo else timezone.now()
    registration.save(update_fields=["checked_in_at"])
    return registration


def message_recipients(*, event: Event, audience: str = EventMessage.Audience.CONFIRMED):
    """The registrations a message to ``audience`` goes to (also counted in the preview)."""
    people = event.registrations.all()
    if audience == EventMessage.Audience.WAITLISTED:
        return people.filter(status=Registration.Status.WAITLISTED)
    people = people.filter(status=Registration.Status.CONFIRMED)
    if audience == EventMessage.Audience.CHECKED_IN:
        return people.filter(checked_in_at__isnull=False)
    if audience == EventMessage.Audience.NOT_CHECKED_IN:
        return people.filter(checked_in_at__isnull=True)
    return people


def message_footer(event: Event) -> str:
    return "\n\n-- \n" + _("You receive this because you registered for %(event)s.") % {
        "event": event.title
    }


def message_framed_body(*, event: Event, sender, body: str) -> str:
    """What attendees receive: a fixed frame in which the platform says who wrote it and
    the organiser's own words are quoted, so a message cannot pass itself off as one from
    the platform (shown as such in the preview too)."""
    intro = _("%(name)s, organiser of %(event)s, writes:") % {
        "name": sender.display_name if sender else _("An organiser"),
        "event": event.title,
    }
    quoted = "\n".join("> " + line for line in body.splitlines())
    return f"{intro}\n\n{quoted}{message_footer(event)}"


def event_message_create(
    *,
    event: Event,
    sender,
    subject: str,
    body: str,
    audience: str = "",
) -> EventMessage:
    from bijeenkomsten import tasks

    try:  # one message to the people who come counts as one invitation-like mail
        invitations_reserve(sender=sender, count=1, on_behalf_of=f"event:{event.pk}")
    except InvitationLimitError as error:
        raise EventError(str(error)) from error
    message = EventMessage.objects.create(
        event=event,
        sender=sender,
        subject=" ".join(subject.split()),
        body=body,
        audience=audience or EventMessage.Audience.CONFIRMED,
        reply_to=getattr(sender, "email", "") or "",
    )
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
        message_recipients(event=message.event, audience=message.audience)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    EventMessage.objects.filter(pk=message_id).update(recipient_count=len(ids))
    for start in range(0, len(ids), MESSAGE_BATCH):
        batch = ids[start : start + MESSAGE_BATCH]
        tasks.event_message_send_batch.delay(message_id=message_id, registration_ids=batch)
    return len(ids)


def event_message_send_batch(*, message_id: int, registration_ids: list[int]) -> int:
    from django.core.mail import EmailMessage as Mail
    from django.core.mail import get_connection

    message = EventMessage.objects.select_related("event", "sender").get(pk=message_id)
    # Re-checked at sending time: someone who cancelled meanwhile gets nothing.
    people = (
        message_recipients(event=message.event, audience=message.audience)
        .filter(pk__in=registration_ids)
        .select_related("user")
    )
    body = message_framed_body(event=message.event, sender=message.sender, body=message.body)
    subject = " ".join(message.subject.split())
    reply_to = [message.reply_to] if message.reply_to else None
    mails = [Mail(subject, body, None, [r.user.email], reply_to=reply_to) for r in people]
    return get_connection().send_messages(mails) or 0
