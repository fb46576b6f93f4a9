"""Reading places (event, session, invitation, organiser) and the locking helpers.

The locking helpers expect the caller to be inside ``transaction.atomic(durable=True)``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import (
    DuoInvitation,
    Event,
    Registration,
    Round,
    SeriesInvitation,
    Session,
    SessionChoice,
)
from bijeenkomsten.services.errors import RegistrationError
from netwerkplatform.core.selectors import verified_emails

# --- Reading places -----------------------------------------------------------------


def event_places_taken(*, event: Event) -> int:
    """Confirmed people plus places held for duo partners who have not answered yet."""
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    held = DuoInvitation.objects.filter(
        registration__event=event,
        registration__status=Registration.Status.CONFIRMED,
        status=DuoInvitation.Status.PENDING,
    ).count()
    return confirmed + held


def event_places_left(*, event: Event) -> int:
    return max(event.capacity - event_places_taken(event=event), 0)


def session_places_taken(*, session: Session) -> int:
    return session.choices.filter(
        status=SessionChoice.Status.CONFIRMED,
        registration__status=Registration.Status.CONFIRMED,
    ).count()


def sessions_with_places(*, event: Event) -> dict[int, int]:
    """{session id: confirmed places taken} for the whole programme, in one query."""
    rows = (
        Session.objects.filter(round__event=event)
        .annotate(
            taken=Count(
                "choices",
                filter=Q(
                    choices__status=SessionChoice.Status.CONFIRMED,
                    choices__registration__status=Registration.Status.CONFIRMED,
                ),
            )
        )
        .values_list("pk", "taken")
    )
    return dict(rows)


def registration_is_open(*, event: Event, now: datetime.datetime | None = None) -> bool:
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED or event.starts_at <= now:
        return False
    if event.registration_opens_at and now < event.registration_opens_at:
        return False
    return not (event.registration_closes_at and now > event.registration_closes_at)


def user_is_invited(*, event: Event, user) -> bool:
    """Closed series (a leerkring) and invitation-only events admit invited people only."""
    closed = event.invitation_only or (event.series_id and event.series.is_closed)
    if not closed:
        return True
    if event.organisers.filter(pk=user.pk).exists():
        return True
    if event.series_id is None:
        return False
    # Only an address this account verified counts: anyone can sign up with any address.
    return SeriesInvitation.objects.filter(
        series_id=event.series_id, email__in=verified_emails(user)
    ).exists()


# --- Locking helpers ----------------------------------------------------------------


def lock_event(event_id: int) -> Event:
    """The event row, locked until the surrounding transaction ends.

    Refuses to run outside a transaction (as pretix's ``lock_event`` does): there the
    lock would be released at once and the check that follows would not be safe."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_event() must be called inside transaction.atomic().")
    return Event.objects.select_for_update().get(pk=event_id)


def check_window(event: Event) -> None:
    now = timezone.now()
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(_("This event has been cancelled."))
    if event.status != Event.Status.PUBLISHED:
        raise RegistrationError(_("This event is not open for registration."))
    if event.starts_at <= now:
        raise RegistrationError(_("This event has already started."))
    if event.registration_opens_at and now < event.registration_opens_at:
        when = timezone.localtime(event.registration_opens_at).strftime("%d-%m-%Y %H:%M")
        raise RegistrationError(_("Registration opens on %(when)s.") % {"when": when})
    if event.registration_closes_at and now > event.registration_closes_at:
        raise RegistrationError(_("Registration for this event has closed."))


def clean_choices(event: Event, choices: Mapping[int, int | None]) -> dict[Round, Session]:
    """Map round -> session, refusing sessions from another event or round."""
    rounds = {r.pk: r for r in event.rounds.all()}
    sessions = {s.pk: s for s in Session.objects.filter(round__event=event)}
    cleaned: dict[Round, Session] = {}
    for round_id, session_id in choices.items():
        if not session_id:
            continue
        round_ = rounds.get(int(round_id))
        session = sessions.get(int(session_id))
        if round_ is None or session is None or session.round_id != round_.pk:
            raise RegistrationError(_("That session is not part of this programme."))
        cleaned[round_] = session
    return cleaned


def place_in_session(
    registration: Registration, round_: Round, session: Session, *, join_waitlist: bool
) -> SessionChoice:
    """Confirm a session choice if it has room, else queue it (or refuse). Caller holds the lock."""
    full = (
        session.capacity is not None and session_places_taken(session=session) >= session.capacity
    )
    if registration.status != Registration.Status.CONFIRMED:
        status = SessionChoice.Status.WAITLISTED
    elif full:
        if not join_waitlist:
            raise RegistrationError(
                _("“%(session)s” is full. Pick another session or join its waiting list.")
                % {"session": session.title}
            )
        status = SessionChoice.Status.WAITLISTED
    else:
        status = SessionChoice.Status.CONFIRMED
    return SessionChoice.objects.create(
        registration=registration,
        round=round_,
        session=session,
        status=status,
        queued_at=timezone.now(),
    )
