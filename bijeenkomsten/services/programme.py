"""The programme in time: duplicating and moving events, editing and deleting rounds and
sessions, and telling people when something they rely on changes.

Times are shifted in wall-clock time in Europe/Amsterdam: a RollingStone at 13:00 in
March is at 13:00 in April too, even though daylight-saving time began in between (UTC
arithmetic would make it 14:00).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bijeenkomsten import calendar
from bijeenkomsten.models import Event, Registration, Round, Session, SessionChoice
from bijeenkomsten.services.errors import EventError
from bijeenkomsten.services.mails import absolute_url
from bijeenkomsten.services.places import lock_event, session_places_taken
from netwerkplatform.core import registry
from netwerkplatform.core.services import email_send

# Fields whose change people must hear about (with a new .ics).
NOTIFY_FIELDS = ("starts_at", "ends_at", "venue", "address", "municipality")


def _zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def _wall(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(_zone()).replace(tzinfo=None)


def local_shift(old: datetime.datetime, new: datetime.datetime) -> datetime.timedelta:
    """How far ``new`` lies from ``old`` on the wall clock in Amsterdam."""
    return _wall(new) - _wall(old)


def shift_local(moment: datetime.datetime, shift: datetime.timedelta) -> datetime.datetime:
    """``moment`` moved by ``shift`` on the wall clock (13:00 stays 13:00 across DST)."""
    return timezone.make_aware(_wall(moment) + shift, _zone())


def _local_text(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y H:i")


def rounds_outside(
    *, rounds: Iterable[Round], starts_at: datetime.datetime, ends_at: datetime.datetime
) -> list[Round]:
    return [r for r in rounds if r.starts_at < starts_at or r.ends_at > ends_at]


def _check_round_inside(event: Event, starts_at, ends_at) -> None:
    if ends_at <= starts_at:
        raise EventError(_("A round must end after it starts."), field="ends_at")
    if starts_at < event.starts_at:
        raise EventError(
            _("The round starts before the event (%(start)s).")
            % {"start": _local_text(event.starts_at)},
            field="starts_at",
        )
    if ends_at > event.ends_at:
        raise EventError(
            _("The round ends after the event (%(end)s).") % {"end": _local_text(event.ends_at)},
            field="ends_at",
        )


# --- Moving an event ----------------------------------------------------------------


def event_move_preview(*, event: Event, starts_at: datetime.datetime) -> dict[str, object]:
    """What moves with the event if the organiser says so: the rounds, and what other
    apps keep at the event's time (the dates' slots) through ``core.registry``."""
    shift = local_shift(event.starts_at, starts_at)
    items = [{"label": _("rounds"), "count": event.rounds.count()}]
    for hook in registry.event_move_hooks():
        items.append({"label": hook.label, "count": hook.count(event)})
    return {"shift": shift, "items": [i for i in items if i["count"]]}


def _move_programme(event: Event, shift: datetime.timedelta) -> int:
    moved = 0
    for round_ in event.rounds.all():
        round_.starts_at = shift_local(round_.starts_at, shift)
        round_.ends_at = shift_local(round_.ends_at, shift)
        round_.save(update_fields=["starts_at", "ends_at"])
        moved += 1
    for hook in registry.event_move_hooks():
        moved += hook.move(event, shift)
    return moved


def _value(event: Event, field: str):
    return event.municipality_id if field == "municipality" else getattr(event, field)


def event_reschedule(*, event: Event, move_programme: bool = True, **fields) -> tuple[Event, bool]:
    """Apply an organiser's edit of the event's own fields.

    When the start moves, the programme moves with it by the same wall-clock shift (if
    the organiser agrees); either way the rounds must lie inside the event afterwards, or
    nothing is saved. Returns the event and whether people must be told (date, time or
    place changed on a published event).
    """
    with transaction.atomic():
        old = Event.objects.select_for_update().get(pk=event.pk)
        for name, value in fields.items():
            setattr(event, name, value)
        changed = any(_value(old, f) != _value(event, f) for f in NOTIFY_FIELDS)
        notify = changed and event.status == Event.Status.PUBLISHED
        if notify:
            event.ical_sequence = old.ical_sequence + 1
        event.save()
        if move_programme and old.starts_at != event.starts_at:
            _move_programme(event, local_shift(old.starts_at, event.starts_at))
        outside = rounds_outside(
            rounds=event.rounds.all(), starts_at=event.starts_at, ends_at=event.ends_at
        )
        if outside:
            raise EventError(
                ngettext(
                    "%(count)s round would fall outside the event (%(names)s). Move the "
                    "programme along, or change the round first.",
                    "%(count)s rounds would fall outside the event (%(names)s). Move the "
                    "programme along, or change the rounds first.",
                    len(outside),
                )
                % {
                    "count": len(outside),
                    "names": ", ".join(f"{r.title} {_local_text(r.starts_at)}" for r in outside),
                },
                field="starts_at",
            )
        if notify:
            event_change_notify(event=event)
    return event, notify


def event_change_notify(*, event: Event) -> int:
    """Tell everyone registered what changed, with the new .ics attached (same UID,
    higher SEQUENCE, so their calendar updates the entry it already has)."""

    people = list(
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user", "event__municipality")
        .prefetch_related("session_choices__session", "session_choices__round")
    )
    for registration in people:
        registration.event = event
        email_send(
            recipients=[registration.user.email],
            subject=_("Changed: %(event)s") % {"event": event.title},
            template_name="bijeenkomsten/emails/event_changed.txt",
            context={
                "event": event,
                "registration": registration,
                "event_url": absolute_url(reverse("bijeenkomsten:detail", args=[event.slug])),
            },
            attachments=[
                [
                    f"{event.slug}.ics",
                    calendar.personal_programme(registration).decode(),
                    "text/calendar",
                ]
            ],
        )
    return len(people)


# --- Rounds -------------------------------------------------------------------------


def round_create(*, event: Event, title: str, starts_at, ends_at) -> Round:
    _check_round_inside(event, starts_at, ends_at)
    return Round.objects.create(event=event, title=title, starts_at=starts_at, ends_at=ends_at)


def round_update(*, round_: Round, title: str, starts_at, ends_at) -> Round:
    _check_round_inside(round_.event, starts_at, ends_at)
    round_.title, round_.starts_at, round_.ends_at = title, starts_at, ends_at
    round_.save(update_fields=["title", "starts_at", "ends_at"])
    return round_


def round_choice_count(*, round_: Round) -> int:
    return SessionChoice.objects.filter(round=round_, registration__status__in=_ACTIVE).count()


def round_delete(*, round_: Round) -> int:
    """Delete a round with its sessions; people who chose one of them are told.
    Returns how many people that were."""
    event = round_.event
    with transaction.atomic():
        lock_event(event.pk)
        choices = list(
            SessionChoice.objects.filter(
                round=round_, registration__status__in=_ACTIVE
            ).select_related("registration__user", "session")
        )
        for choice in choices:
            _tell_session_gone(choice, event, round_title=round_.title)
        round_.delete()
    return len(choices)


# --- Sessions -----------------------------------------------------------------------

_ACTIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


def session_choice_count(*, session: Session) -> int:
    return session.choices.filter(registration__status__in=_ACTIVE).count()


def session_delete(*, session: Session, move_to: Session | None = None) -> dict[str, int]:
    """Delete a session. Its choices move to ``move_to`` (same round; a place while there
    is one, the session's waiting list after that, in the order people chose) or are
    released; everyone concerned gets an e-mail."""
    round_ = session.round
    event = round_.event
    if move_to is not None and (move_to.round_id != round_.pk or move_to.pk == session.pk):
        raise EventError(_("Choose another session in the same round."), field="move_to")
    moved = waitlisted = released = 0
    with transaction.atomic():
        lock_event(event.pk)
        choices = list(
            session.choices.filter(registration__status__in=_ACTIVE)
            .select_related("registration__user")
            .order_by("queued_at", "pk")
        )
        if move_to is not None:
            taken = session_places_taken(session=move_to)
            for choice in choices:
                has_place = move_to.capacity is None or taken < move_to.capacity
                choice.session = move_to
                if choice.registration.status == Registration.Status.CONFIRMED and has_place:
                    choice.status = SessionChoice.Status.CONFIRMED
                    taken += 1
                    moved += 1
                else:
                    choice.status = SessionChoice.Status.WAITLISTED
                    waitlisted += 1
                choice.save(update_fields=["session", "status"])
                _tell_session_moved(choice, event, old_title=session.title)
        else:
            for choice in choices:
                _tell_session_gone(choice, event, session_title=session.title)
            released = len(choices)
        session.delete()
    return {"moved": moved, "waitlisted": waitlisted, "released": released}


def _tell_programme_change(choice: SessionChoice, event: Event, template: str, **context) -> None:
    """Mail one person whose chosen session was moved or removed, with a link to their
    registration (the template says which)."""
    registration = choice.registration
    email_send(
        recipients=[registration.user.email],
        subject=_("Programme change: %(event)s") % {"event": event.title},
        template_name=f"bijeenkomsten/emails/{template}.txt",
        context={
            "event": event,
            "registration": registration,
            "url": absolute_url(reverse("bijeenkomsten:registration", args=[registration.pk])),
            **context,
        },
    )


def _tell_session_gone(choice: SessionChoice, event: Event, **context) -> None:
    title = context.get("session_title") or choice.session.title
    _tell_programme_change(choice, event, "session_removed", title=title)


def _tell_session_moved(choice: SessionChoice, event: Event, *, old_title: str) -> None:
    _tell_programme_change(
        choice,
        event,
        "session_moved",
        old_title=old_title,
        new_title=choice.session.title,
        waitlisted=choice.status == SessionChoice.Status.WAITLISTED,
    )


def sessions_with_choice_counts(*, event: Event) -> dict[int, int]:
    return dict(
        Session.objects.filter(round__event=event)
        .annotate(n=Count("choices", filter=_active_choice_q()))
        .values_list("pk", "n")
    )


def _active_choice_q():
    from django.db.models import Q

    return Q(choices__registration__status__in=_ACTIVE)
