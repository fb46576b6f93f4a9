"""Business logic of events: sign-ups, waiting lists, duos, programme and organiser work.

Anything that takes a scarce place (an event place, a session place, a duo's two places)
runs in ``transaction.atomic(durable=True)``, locks the event row with
``select_for_update`` and re-checks availability inside the lock (DESIGN.md, convention
6). Because every place-taking path locks the same event row, session places are safe
under that one lock too, and the waiting list order is the order in which people got
the lock.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from bijeenkomsten.models import (
    DuoInvitation,
    Evaluation,
    Event,
    EventMessage,
    Registration,
    Round,
    Series,
    SeriesInvitation,
    Session,
    SessionChoice,
)
from netwerkplatform.core.services import email_send

FILL_THRESHOLDS = (50, 80, 100)


class RegistrationError(Exception):
    """A sign-up or change that cannot happen; ``message`` is translated for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class EventError(RegistrationError):
    """An organiser's change that cannot happen (for example a capacity too low)."""


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


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
    return SeriesInvitation.objects.filter(
        series_id=event.series_id, email__iexact=user.email
    ).exists()


def user_is_organiser(*, event: Event, user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return event.organisers.filter(pk=user.pk).exists()


# --- Locking helpers ----------------------------------------------------------------


def _lock_event(event_id: int) -> Event:
    return Event.objects.select_for_update().get(pk=event_id)


def _check_window(event: Event) -> None:
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


def _clean_choices(event: Event, choices: Mapping[int, int | None]) -> dict[Round, Session]:
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


def _place_in_session(
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


# --- Signing up ---------------------------------------------------------------------


def registration_create(
    *,
    event: Event,
    user,
    choices: Mapping[int, int | None] | None = None,
    hats_today: Iterable[str] | None = None,
    needs: str = "",
    show_on_attendee_list: bool = False,
    join_session_waitlist: bool = False,
    duo_email: str = "",
) -> Registration:
    """Take a place, or a place on the waiting list in arrival order.

    With ``duo_email`` the partner's place is held in the same transaction: both places
    or neither. A duo is never put on the waiting list half.
    """
    duo_email = (duo_email or "").strip()
    if duo_email and duo_email.lower() == user.email.lower():
        raise RegistrationError(_("You cannot be your own network duo partner."))
    with transaction.atomic(durable=True):
        event = _lock_event(event.pk)
        _check_window(event)
        if not user_is_invited(event=event, user=user):
            raise RegistrationError(_("This event is by invitation only."))
        if (
            event.registrations.filter(user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise RegistrationError(_("You are already registered for this event."))
        cleaned = _clean_choices(event, choices or {})
        left = event.capacity - event_places_taken(event=event)
        if duo_email:
            if not event.duos_welcome:
                raise RegistrationError(_("This event does not take network duo registrations."))
            if left == 1:
                raise RegistrationError(
                    _(
                        "Only one place is left, so there is no room for a duo. "
                        "Register alone, or join the waiting list without a partner."
                    )
                )
            if left < 1:
                raise RegistrationError(
                    _("The event is full. Register alone to join the waiting list.")
                )
        now = timezone.now()
        registration = Registration.objects.create(
            event=event,
            user=user,
            status=(Registration.Status.CONFIRMED if left > 0 else Registration.Status.WAITLISTED),
            hats_today=[h.strip() for h in (hats_today or []) if h and h.strip()],
            needs=needs.strip(),
            show_on_attendee_list=show_on_attendee_list,
            queued_at=now,
        )
        for round_, session in cleaned.items():
            _place_in_session(registration, round_, session, join_waitlist=join_session_waitlist)
        invitation = None
        if duo_email:
            invitation = DuoInvitation.objects.create(registration=registration, email=duo_email)
        _notify_fill_level(event)
    _send_registration_mail(registration)
    if invitation is not None:
        _send_duo_invitation(invitation)
    return registration


def duo_invitation_accept(*, invitation: DuoInvitation, user, hats_today=None) -> Registration:
    """The partner says yes: their held place becomes their own confirmed registration."""
    with transaction.atomic(durable=True):
        event = _lock_event(invitation.registration.event_id)
        invitation = DuoInvitation.objects.select_related("registration").get(pk=invitation.pk)
        inviter = invitation.registration
        if invitation.status != DuoInvitation.Status.PENDING:
            raise RegistrationError(_("This invitation has already been answered."))
        if inviter.status != Registration.Status.CONFIRMED:
            raise RegistrationError(_("Your partner's registration was cancelled."))
        if inviter.user_id == user.pk:
            raise RegistrationError(_("You cannot be your own network duo partner."))
        if (
            event.registrations.filter(user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise RegistrationError(_("You are already registered for this event."))
        invitation.status = DuoInvitation.Status.ACCEPTED
        invitation.answered_at = timezone.now()
        invitation.save(update_fields=["status", "answered_at"])
        partner = Registration.objects.create(
            event=event,
            user=user,
            status=Registration.Status.CONFIRMED,
            hats_today=list(hats_today if hats_today is not None else user.hats),
            duo_partner=inviter,
            queued_at=inviter.queued_at,
        )
        inviter.duo_partner = partner
        inviter.save(update_fields=["duo_partner"])
    _send_registration_mail(partner)
    return partner


def duo_invitation_decline(*, invitation: DuoInvitation) -> None:
    with transaction.atomic(durable=True):
        event = _lock_event(invitation.registration.event_id)
        updated = DuoInvitation.objects.filter(
            pk=invitation.pk, status=DuoInvitation.Status.PENDING
        ).update(status=DuoInvitation.Status.DECLINED, answered_at=timezone.now())
        if updated:
            _promote_waiting(event)


def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel (by the person, their one-click link, or the organiser) and promote the next."""
    with transaction.atomic(durable=True):
        event = _lock_event(registration.event_id)
        registration = Registration.objects.select_related("user").get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        freed_sessions = list(
            registration.session_choices.filter(status=SessionChoice.Status.CONFIRMED).values_list(
                "session_id", flat=True
            )
        )
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        registration.session_choices.all().delete()
        registration.duo_invitations.filter(status=DuoInvitation.Status.PENDING).update(
            status=DuoInvitation.Status.WITHDRAWN
        )
        if was_confirmed:
            for session in Session.objects.filter(pk__in=freed_sessions):
                _promote_session_waiting(session)
            _promote_waiting(event)
    email_send(
        recipients=[registration.user.email],
        subject=_("Your registration for %(event)s is cancelled") % {"event": event.title},
        template_name="bijeenkomsten/emails/cancelled.txt",
        context={"registration": registration, "event": event, "event_url": _event_url(event)},
    )
    return registration


def registration_choose_sessions(
    *, registration: Registration, choices: Mapping[int, int | None], join_waitlist: bool = False
) -> Registration:
    """Change the session per round; a freed session place goes to its waiting list."""
    with transaction.atomic(durable=True):
        event = _lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise RegistrationError(_("This registration has been cancelled."))
        if event.starts_at <= timezone.now():
            raise RegistrationError(_("This event has already started."))
        cleaned = _clean_choices(event, choices)
        current = {c.round_id: c for c in registration.session_choices.select_related("session")}
        freed: list[Session] = []
        for round_ in event.rounds.all():
            session = cleaned.get(round_)
            existing = current.get(round_.pk)
            if existing and session and existing.session_id == session.pk:
                continue
            if existing:
                if existing.status == SessionChoice.Status.CONFIRMED:
                    freed.append(existing.session)
                existing.delete()
            if session:
                _place_in_session(registration, round_, session, join_waitlist=join_waitlist)
        for session in freed:
            _promote_session_waiting(session)
    return registration


# --- Promotion ----------------------------------------------------------------------


def _promote_waiting(event: Event) -> list[Registration]:
    """Give free places to the waiting list, first come first served. Caller holds the lock."""
    promoted = []
    left = event.capacity - event_places_taken(event=event)
    if left <= 0:
        return promoted
    waiting = list(
        event.registrations.filter(status=Registration.Status.WAITLISTED)
        .select_related("user")
        .order_by("queued_at", "pk")[:left]
    )
    now = timezone.now()
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        for choice in registration.session_choices.select_related("session"):
            session = choice.session
            if session.capacity is None or session_places_taken(session=session) < session.capacity:
                choice.status = SessionChoice.Status.CONFIRMED
                choice.save(update_fields=["status"])
        promoted.append(registration)
        email_send(
            recipients=[registration.user.email],
            subject=_("A place came free: you are coming to %(event)s") % {"event": event.title},
            template_name="bijeenkomsten/emails/promoted.txt",
            context=_mail_context(registration),
        )
    if promoted:
        _notify_fill_level(event)
    return promoted


def _promote_session_waiting(session: Session) -> None:
    if session.capacity is None:
        waiting = session.choices.filter(
            status=SessionChoice.Status.WAITLISTED,
            registration__status=Registration.Status.CONFIRMED,
        )
    else:
        left = session.capacity - session_places_taken(session=session)
        if left <= 0:
            return
        waiting = session.choices.filter(
            status=SessionChoice.Status.WAITLISTED,
            registration__status=Registration.Status.CONFIRMED,
        ).order_by("queued_at", "pk")[:left]
    for choice in list(waiting.select_related("registration__user", "registration__event")):
        choice.status = SessionChoice.Status.CONFIRMED
        choice.save(update_fields=["status"])
        email_send(
            recipients=[choice.registration.user.email],
            subject=_("You have a place in “%(session)s”") % {"session": session.title},
            template_name="bijeenkomsten/emails/session_promoted.txt",
            context={**_mail_context(choice.registration), "session": session},
        )


def _notify_fill_level(event: Event) -> None:
    """Tell organisers once when the event passes 50%, 80% and 100%. Caller holds the lock."""
    if not event.capacity:
        return
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    level = confirmed * 100 // event.capacity
    crossed = [t for t in FILL_THRESHOLDS if event.fill_level_notified < t <= level]
    if not crossed:
        return
    threshold = crossed[-1]
    Event.objects.filter(pk=event.pk).update(fill_level_notified=threshold)
    event.fill_level_notified = threshold
    email_send(
        recipients=list(event.organisers.values_list("email", flat=True)),
        subject=_("%(event)s is %(percent)s%% full") % {"event": event.title, "percent": threshold},
        template_name="bijeenkomsten/emails/fill_level.txt",
        context={
            "event": event,
            "percent": threshold,
            "confirmed": confirmed,
            "dashboard_url": absolute_url(reverse("bijeenkomsten:dashboard", args=[event.slug])),
        },
    )


# --- Organisers ---------------------------------------------------------------------


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
    transaction.on_commit(lambda: tasks.event_message_dispatch.delay(message_id=message.pk))
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


# --- Periodic work ------------------------------------------------------------------


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The day-before reminder for events starting within the next 24–48 hours window."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    sent = 0
    registrations = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__starts_at__date=tomorrow,
    ).select_related("user", "event")
    for registration in registrations:
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        email_send(
            recipients=[registration.user.email],
            subject=_("Tomorrow: %(event)s") % {"event": registration.event.title},
            template_name="bijeenkomsten/emails/reminder.txt",
            context=_mail_context(registration),
        )
        sent += 1
    return sent


def evaluations_invite(*, now: datetime.datetime | None = None) -> int:
    """After an event ended (within the last week), invite everyone who came, once."""
    now = now or timezone.now()
    ended = Event.objects.filter(
        status__in=[Event.Status.PUBLISHED, Event.Status.FINISHED],
        ends_at__lte=now,
        ends_at__gte=now - datetime.timedelta(days=7),
    )
    invited = 0
    for event in ended:
        if event.status == Event.Status.PUBLISHED:
            Event.objects.filter(pk=event.pk, status=Event.Status.PUBLISHED).update(
                status=Event.Status.FINISHED
            )
        people = event.registrations.filter(
            status=Registration.Status.CONFIRMED, evaluation__isnull=True
        ).select_related("user")
        for registration in people:
            try:
                with transaction.atomic():
                    Evaluation.objects.create(registration=registration, invited_at=now)
            except IntegrityError:
                continue
            email_send(
                recipients=[registration.user.email],
                subject=_("How was %(event)s?") % {"event": event.title},
                template_name="bijeenkomsten/emails/evaluation_invite.txt",
                context={
                    **_mail_context(registration),
                    "evaluation_url": absolute_url(
                        reverse("bijeenkomsten:evaluate", args=[registration.cancel_token])
                    ),
                },
            )
            invited += 1
    return invited


def evaluation_submit(*, registration: Registration, data: Mapping[str, Any]) -> Evaluation:
    evaluation, _created = Evaluation.objects.get_or_create(registration=registration)
    if evaluation.submitted_at:
        raise RegistrationError(_("You already sent your evaluation. Thank you!"))
    evaluation.information_beforehand = data.get("information_beforehand", "")
    evaluation.plenary = data.get("plenary", "")
    evaluation.round_ratings = {
        str(k): v for k, v in (data.get("round_ratings") or {}).items() if v
    }
    evaluation.missing = data.get("missing", "")
    evaluation.takeaway = data.get("takeaway", "")
    evaluation.submitted_at = timezone.now()
    evaluation.save()
    return evaluation


def evaluation_results(*, event: Event) -> dict[str, Any]:
    """Results the way seed 001 reports them: % per answer per question, response rate."""
    evaluations = list(
        Evaluation.objects.filter(registration__event=event, submitted_at__isnull=False)
    )
    attendees = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    responses = len(evaluations)
    ratings = list(Evaluation.Rating)

    def summarise(label: str, values: list[str]) -> dict[str, Any]:
        answered = [v for v in values if v]
        total = len(answered)
        parts = [
            {
                "rating": rating,
                "label": rating.label,
                "count": answered.count(rating.value),
                "percent": round(100 * answered.count(rating.value) / total) if total else 0,
            }
            for rating in ratings
        ]
        positive = sum(p["count"] for p in parts[:2])
        return {
            "label": label,
            "answered": total,
            "parts": parts,
            "positive_percent": round(100 * positive / total) if total else 0,
        }

    questions = [
        summarise(_("Information beforehand"), [e.information_beforehand for e in evaluations]),
        summarise(_("Plenary part"), [e.plenary for e in evaluations]),
    ]
    for round_ in event.rounds.all():
        questions.append(
            summarise(round_.title, [e.round_ratings.get(str(round_.pk), "") for e in evaluations])
        )
    return {
        "attendees": attendees,
        "responses": responses,
        "response_rate": round(100 * responses / attendees) if attendees else 0,
        "questions": questions,
        "missing": [e.missing for e in evaluations if e.missing.strip()],
        "takeaway": [e.takeaway for e in evaluations if e.takeaway.strip()],
    }


def series_invite(*, series: Series, emails: Iterable[str]) -> int:
    added = 0
    for email in {e.strip().lower() for e in emails if e and e.strip()}:
        _obj, created = SeriesInvitation.objects.get_or_create(series=series, email=email)
        if created:
            added += 1
            email_send(
                recipients=[email],
                subject=_("You are invited to %(series)s") % {"series": series.name},
                template_name="bijeenkomsten/emails/series_invitation.txt",
                context={"series": series, "url": absolute_url(reverse("bijeenkomsten:index"))},
            )
    return added


# --- Mails --------------------------------------------------------------------------


def _event_url(event: Event) -> str:
    return absolute_url(reverse("bijeenkomsten:detail", args=[event.slug]))


def _mail_context(registration: Registration) -> dict[str, Any]:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "event_url": _event_url(event),
        "cancel_url": absolute_url(
            reverse("bijeenkomsten:cancel_token", args=[registration.cancel_token])
        ),
        "mine_url": absolute_url(reverse("bijeenkomsten:mine")),
    }


def _send_registration_mail(registration: Registration) -> None:
    event = registration.event
    if registration.status == Registration.Status.CONFIRMED:
        subject = _("You are registered for %(event)s") % {"event": event.title}
    else:
        subject = _("You are on the waiting list for %(event)s") % {"event": event.title}
    email_send(
        recipients=[registration.user.email],
        subject=subject,
        template_name="bijeenkomsten/emails/registered.txt",
        context={
            **_mail_context(registration),
            "choices": list(registration.session_choices.select_related("session", "round")),
        },
    )


def _send_duo_invitation(invitation: DuoInvitation) -> None:
    registration = invitation.registration
    email_send(
        recipients=[invitation.email],
        subject=_("%(name)s invites you as network duo for %(event)s")
        % {"name": registration.user.display_name, "event": registration.event.title},
        template_name="bijeenkomsten/emails/duo_invitation.txt",
        context={
            "invitation": invitation,
            "registration": registration,
            "event": registration.event,
            "url": absolute_url(reverse("bijeenkomsten:duo", args=[invitation.token])),
        },
    )
