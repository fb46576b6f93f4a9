"""Signing up, cancelling, duos, session choices, and promotion from the waiting lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Answer, DuoInvitation, Event, Registration, Session, SessionChoice
from bijeenkomsten.services.errors import RegistrationError
from bijeenkomsten.services.mails import (
    absolute_url,
    event_absolute_url,
    mail_context,
    send_duo_invitation,
    send_registration_mail,
    ticket_attachments,
)
from bijeenkomsten.services.places import (
    check_window,
    clean_choices,
    event_places_taken,
    lock_event,
    place_in_session,
    session_places_taken,
    user_is_invited,
)
from netwerkplatform.core.limits import invitations_reserve
from netwerkplatform.core.selectors import user_owns_address
from netwerkplatform.core.services import email_send

FILL_THRESHOLDS = (50, 80, 100)


# --- Signing up ---------------------------------------------------------------------


def _check_may_register(event: Event, user) -> None:
    """Registration open, the person invited (for an invitation-only event) and not
    registered already. Call with the event locked."""
    check_window(event)
    if not user_is_invited(event=event, user=user):
        raise RegistrationError(_("This event is by invitation only."))
    if event.registrations.filter(user=user).exclude(status=Registration.Status.CANCELLED).exists():
        raise RegistrationError(_("You are already registered for this event."))


def _check_room_for_duo(event: Event, left: int) -> None:
    """A duo takes two places at once and never waits half: refuse when fewer are left."""
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
        raise RegistrationError(_("The event is full. Register alone to join the waiting list."))


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
    answers: Mapping[int, str] | None = None,
) -> Registration:
    """Take a place, or a place on the waiting list in arrival order.

    With ``duo_email`` the partner's place is held in the same transaction: both places
    or neither. A duo is never put on the waiting list half.
    """
    duo_email = (duo_email or "").strip()
    if duo_email and duo_email.lower() == user.email.lower():
        raise RegistrationError(_("You cannot be your own network duo partner."))
    if duo_email:  # an invitation by mail: verified sender, daily caps
        invitations_reserve(sender=user, count=1, on_behalf_of=f"event:{event.pk}")
    with transaction.atomic(durable=True):
        event = lock_event(event.pk)
        _check_may_register(event, user)
        cleaned = clean_choices(event, choices or {})
        left = event.capacity - event_places_taken(event=event)
        if duo_email:
            _check_room_for_duo(event, left)
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
            place_in_session(registration, round_, session, join_waitlist=join_session_waitlist)
        if answers:
            _save_answers(event, registration, answers)
        invitation = None
        if duo_email:
            invitation = DuoInvitation.objects.create(registration=registration, email=duo_email)
        _notify_fill_level(event)
    send_registration_mail(registration)
    if invitation is not None:
        send_duo_invitation(invitation)
    return registration


def duo_invitation_accept(*, invitation: DuoInvitation, user, hats_today=None) -> Registration:
    """The partner says yes: their held place becomes their own confirmed registration."""
    with transaction.atomic(durable=True):
        event = lock_event(invitation.registration.event_id)
        invitation = DuoInvitation.objects.select_related("registration").get(pk=invitation.pk)
        inviter = invitation.registration
        if invitation.status != DuoInvitation.Status.PENDING:
            raise RegistrationError(_("This invitation has already been answered."))
        if inviter.status != Registration.Status.CONFIRMED:
            raise RegistrationError(_("Your partner's registration was cancelled."))
        if inviter.user_id == user.pk:
            raise RegistrationError(_("You cannot be your own network duo partner."))
        if not user_owns_address(user, invitation.email):
            # The link was mailed to one address; only the account that verified that
            # address takes the held place (anyone can sign up with any address).
            raise RegistrationError(
                _(
                    "This invitation was sent to another e-mail address. Log in with the "
                    "account of that address, or confirm that address in your account first."
                )
            )
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
    send_registration_mail(partner)
    _tell_duo_inviter(invitation, partner_name=user.display_name, accepted=True)
    return partner


def _save_answers(event: Event, registration: Registration, answers: Mapping[int, str]) -> None:
    questions = {q.pk: q for q in event.questions.all()}
    missing = [q.text for q in questions.values() if q.required and not answers.get(q.pk)]
    if missing:
        raise RegistrationError(
            _("Please answer: %(questions)s") % {"questions": "; ".join(missing)}
        )
    Answer.objects.bulk_create(
        [
            Answer(registration=registration, question=questions[pk], value=str(value))
            for pk, value in answers.items()
            if pk in questions and value
        ]
    )


def _tell_duo_inviter(invitation: DuoInvitation, *, partner_name: str, accepted: bool) -> None:
    inviter = invitation.registration
    email_send(
        recipients=[inviter.user.email],
        subject=(
            _("%(partner)s comes along as your network duo") % {"partner": partner_name}
            if accepted
            else _("%(partner)s cannot come as your network duo") % {"partner": partner_name}
        ),
        template_name="bijeenkomsten/emails/duo_answered.txt",
        context={
            **mail_context(inviter),
            "partner_name": partner_name,
            "accepted": accepted,
            "url": absolute_url(reverse("bijeenkomsten:registration", args=[inviter.pk])),
        },
    )


def duo_invitation_decline(*, invitation: DuoInvitation, user=None) -> None:
    with transaction.atomic(durable=True):
        event = lock_event(invitation.registration.event_id)
        updated = DuoInvitation.objects.filter(
            pk=invitation.pk, status=DuoInvitation.Status.PENDING
        ).update(status=DuoInvitation.Status.DECLINED, answered_at=timezone.now())
        if updated:
            promote_waiting(event)
    if updated:
        invitation = DuoInvitation.objects.select_related(
            "registration__user", "registration__event"
        ).get(pk=invitation.pk)
        name = user.display_name if user is not None else invitation.email
        _tell_duo_inviter(invitation, partner_name=name, accepted=False)


def registration_cancel(*, registration: Registration) -> Registration:
    """Cancel (by the person, their one-click link, or the organiser) and promote the next."""
    with transaction.atomic(durable=True):
        event = lock_event(registration.event_id)
        registration = Registration.objects.select_related("user").get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return registration
        if event.ends_at <= timezone.now():
            raise RegistrationError(_("This event is over; the registration stays as it was."))
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
                promote_session_waiting(session)
            promote_waiting(event)
    email_send(
        recipients=[registration.user.email],
        subject=_("Your registration for %(event)s is cancelled") % {"event": event.title},
        template_name="bijeenkomsten/emails/cancelled.txt",
        context={
            "registration": registration,
            "event": event,
            "event_url": event_absolute_url(event),
        },
    )
    return registration


def registration_choose_sessions(
    *, registration: Registration, choices: Mapping[int, int | None], join_waitlist: bool = False
) -> Registration:
    """Change the session per round; a freed session place goes to its waiting list."""
    with transaction.atomic(durable=True):
        event = lock_event(registration.event_id)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise RegistrationError(_("This registration has been cancelled."))
        if event.starts_at <= timezone.now():
            raise RegistrationError(_("This event has already started."))
        cleaned = clean_choices(event, choices)
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
                place_in_session(registration, round_, session, join_waitlist=join_waitlist)
        for session in freed:
            promote_session_waiting(session)
    return registration


# --- Promotion ----------------------------------------------------------------------


def promote_waiting(event: Event) -> list[Registration]:
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
            context=mail_context(registration),
            attachments=ticket_attachments(registration),
        )
    if promoted:
        _notify_fill_level(event)
    return promoted


def promote_session_waiting(session: Session) -> None:
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
            context={**mail_context(choice.registration), "session": session},
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
