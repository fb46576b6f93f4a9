"""Dates at events, for attendees: requests (send, answer, cancel, expire) and the
slots you cannot use."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from matching.dates.models import DateBlock, DateRequest, DateSeat, DateSlot
from matching.dates.services.access import (
    OPEN,
    DateError,
    date_url,
    dates_settings_get,
    is_attendee,
)
from matching.dates.services.suggestions import attendees_ranked
from netwerkplatform.core.models import User
from netwerkplatform.core.services import email_send

# --- attendee: requests --------------------------------------------------------------


def _pair_score(a: User, b: User, event: Event | None = None) -> int:
    """How well two people fit: their initiatives'/organisations' best match score
    combined with their matchmaking profiles at the event."""
    ranked = attendees_ranked(event=event, user=a, among=[b])
    return ranked[0].score if ranked else 0


def _busy_at(event: Event, user, slot: DateSlot, exclude: int | None = None) -> bool:
    """Has this person blocked the slot, or already agreed a date at that time?"""
    if DateBlock.objects.filter(slot=slot, user=user).exists():
        return True
    return (
        DateRequest.objects.filter(
            Q(from_user=user) | Q(to_user=user),
            event=event,
            status=DateRequest.Status.ACCEPTED,
        )
        .filter(Q(agreed_slot=slot) | Q(slot=slot, published_at__isnull=False))
        .exclude(pk=exclude)
        .exists()
    )


def _check_may_ask(event: Event, row, sender, recipient) -> None:
    """Dates open and before the deadline, two different confirmed attendees."""
    if not row.enabled:
        raise DateError(_("Dates are not open at this event."))
    if timezone.now() >= row.deadline:
        raise DateError(_("The deadline for date requests has passed."))
    if sender.pk == recipient.pk:
        raise DateError(_("You cannot ask yourself for a date."))
    if not is_attendee(event=event, user=sender):
        raise DateError(_("Only confirmed attendees can make dates."))
    if not is_attendee(event=event, user=recipient):
        raise DateError(_("This person is not a confirmed attendee of this event."))


def _free_proposed_slots(event: Event, sender, proposed_slots) -> list[DateSlot]:
    """The proposed slots of this event, each one the sender is free at."""
    proposed = [s for s in proposed_slots if s.event_id == event.pk]
    for slot in proposed:
        if _busy_at(event, sender, slot):
            raise DateError(
                _("You are not free at %(slot)s: you blocked it or have a date then.")
                % {"slot": slot}
            )
    return proposed


def _mail_request(date_request: DateRequest, proposed: list[DateSlot]) -> None:
    """Tell the person asked, with the proposed times in order."""
    sender, event = date_request.from_user, date_request.event
    email_send(
        recipients=[date_request.to_user.email],
        subject=_("%(name)s would like a date at %(event)s")
        % {"name": sender.display_name, "event": event.title},
        template_name="matching/dates/emails/request.txt",
        context={
            "request": date_request,
            "event": event,
            "proposed": sorted(proposed, key=lambda s: s.starts_at),
            "url": date_url("dates", event, anchor=f"verzoek-{date_request.pk}"),
        },
    )


def date_request_create(
    *, event: Event, sender, recipient, message: str = "", proposed_slots=()
) -> DateRequest:
    """Send a request, optionally proposing the times the sender is free (the receiver
    accepts one). If the other already asked us, this accepts theirs (mutual)."""
    row = dates_settings_get(event=event)
    _check_may_ask(event, row, sender, recipient)
    with transaction.atomic():
        # Serialise per sender and event so the limit cannot be passed by double clicks.
        User.objects.select_for_update().filter(pk=sender.pk).first()
        mine = DateRequest.objects.filter(event=event, status__in=OPEN)
        if mine.filter(from_user=sender, to_user=recipient).exists():
            raise DateError(_("You already asked this person."))
        theirs = mine.filter(from_user=recipient, to_user=sender).first()
        if theirs is not None:
            if theirs.status == DateRequest.Status.REQUESTED:
                return date_request_respond(
                    date_request=theirs, user=sender, accept=True, mutual=True
                )
            raise DateError(_("You already have a date with this person."))
        if mine.filter(from_user=sender).count() >= row.max_dates_per_person:
            raise DateError(
                _("You can send at most %(max)s date requests at this event.")
                % {"max": row.max_dates_per_person}
            )
        proposed = _free_proposed_slots(event, sender, proposed_slots)
        try:
            with transaction.atomic():
                date_request = DateRequest.objects.create(
                    event=event,
                    from_user=sender,
                    to_user=recipient,
                    message=message.strip()[:300],
                    score=_pair_score(sender, recipient, event),
                )
        except IntegrityError as exc:
            raise DateError(_("You already asked this person.")) from exc
        if proposed:
            date_request.proposed_slots.set(proposed)
    _mail_request(date_request, proposed)
    return date_request


def date_request_respond(
    *,
    date_request: DateRequest,
    user,
    accept: bool,
    mutual: bool = False,
    slot: DateSlot | None = None,
) -> DateRequest:
    """Answer a request; accepting with one of the proposed times agrees that time,
    which the scheduler then keeps."""
    if date_request.to_user_id != user.pk:
        raise DateError(_("Only the person who was asked can answer."))
    with transaction.atomic():
        date_request = DateRequest.objects.select_for_update().get(pk=date_request.pk)
        if date_request.status != DateRequest.Status.REQUESTED:
            raise DateError(_("This request has already been answered."))
        if timezone.now() >= dates_settings_get(event=date_request.event).deadline:
            raise DateError(_("The deadline for date requests has passed."))
        if accept and slot is not None:
            if not date_request.proposed_slots.filter(pk=slot.pk).exists():
                raise DateError(_("Choose one of the proposed times."))
            for person in (date_request.from_user, date_request.to_user):
                if _busy_at(date_request.event, person, slot, exclude=date_request.pk):
                    raise DateError(
                        _("%(name)s is no longer free at %(slot)s; choose another time.")
                        % {"name": person.display_name, "slot": slot}
                    )
            date_request.agreed_slot = slot
        date_request.status = DateRequest.Status.ACCEPTED if accept else DateRequest.Status.DECLINED
        date_request.responded_at = timezone.now()
        date_request.mutual = date_request.mutual or mutual
        date_request.save(update_fields=["status", "responded_at", "mutual", "agreed_slot"])
    if accept:
        email_send(
            recipients=[date_request.from_user.email],
            subject=_("%(name)s accepted your date") % {"name": user.display_name},
            template_name="matching/dates/emails/accepted.txt",
            context={
                "request": date_request,
                "event": date_request.event,
                "url": date_url("dates", date_request.event, anchor=f"verzoek-{date_request.pk}"),
            },
        )
    return date_request


def date_request_cancel(*, date_request: DateRequest, user) -> DateRequest:
    if user.pk not in (date_request.from_user_id, date_request.to_user_id):
        raise DateError(_("This is not your date."))
    with transaction.atomic():
        date_request = DateRequest.objects.select_for_update().get(pk=date_request.pk)
        if date_request.status not in OPEN:
            raise DateError(_("This date is no longer open."))
        DateSeat.objects.filter(request=date_request).delete()
        date_request.status = DateRequest.Status.CANCELLED
        date_request.slot = None
        date_request.table = None
        date_request.agreed_slot = None
        date_request.save(update_fields=["status", "slot", "table", "agreed_slot"])
    return date_request


def date_requests_expire(*, now: datetime.datetime | None = None) -> int:
    """Unanswered requests past their event's deadline expire. Looks only at events of
    the last and next weeks, so a rerun is cheap and harmless."""
    now = now or timezone.now()
    window = Q(event__starts_at__gte=now - datetime.timedelta(days=7)) & Q(
        event__starts_at__lte=now + datetime.timedelta(days=60)
    )
    stale = DateRequest.objects.filter(window, status=DateRequest.Status.REQUESTED).filter(
        Q(event__date_settings__request_deadline__lte=now)
        | Q(event__date_settings__request_deadline__isnull=True, event__starts_at__lte=now)
    )
    return stale.update(status=DateRequest.Status.EXPIRED)


def date_blocks_set(*, event: Event, user, slot_ids: list[int]) -> None:
    """Say which slots you cannot use. Placed draft dates in them lose their place."""
    if not is_attendee(event=event, user=user):
        raise DateError(_("Only confirmed attendees can make dates."))
    slots = list(DateSlot.objects.filter(event=event, pk__in=slot_ids))
    with transaction.atomic():
        DateBlock.objects.filter(slot__event=event, user=user).exclude(slot__in=slots).delete()
        for slot in slots:
            DateBlock.objects.get_or_create(slot=slot, user=user)
        clash = DateRequest.objects.filter(
            Q(from_user=user) | Q(to_user=user),
            event=event,
            slot__in=slots,
            published_at__isnull=True,
        )
        DateSeat.objects.filter(request__in=clash).delete()
        clash.update(slot=None, table=None)
