"""The organiser's hand on the attendee list: add someone (also a walk-in at the door),
promote from the waiting list, move someone to another session. Cancelling someone is
``registration_cancel`` (the same path as the person's own cancel)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, Registration, Session, SessionChoice
from bijeenkomsten.services.errors import EventError
from bijeenkomsten.services.mails import mail_context, send_registration_mail, ticket_attachments
from bijeenkomsten.services.places import event_places_taken, lock_event, session_places_taken
from bijeenkomsten.services.registrations import promote_session_waiting
from netwerkplatform.core.services import email_send


def registration_add_by_organiser(
    *, event: Event, name: str, email: str, walk_in: bool = False
) -> Registration:
    """Add a person by name and e-mail. Beforehand they get a place while there is one
    (the waiting list after that); a walk-in at the door is there already, so they get a
    place and are checked in at once. Someone new gets an account without a password
    (they can log in with a code sent by e-mail)."""
    email = (email or "").strip().lower()
    if not email:
        raise EventError(_("Fill in an e-mail address."), field="email")
    User = get_user_model()
    with transaction.atomic(durable=True):
        event = lock_event(event.pk)
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None, name=name.strip())
        elif (
            event.registrations.filter(user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        ):
            raise EventError(
                _("%(email)s is already on the list.") % {"email": email}, field="email"
            )
        has_place = walk_in or event_places_taken(event=event) < event.capacity
        registration = Registration.objects.create(
            event=event,
            user=user,
            status=Registration.Status.CONFIRMED if has_place else Registration.Status.WAITLISTED,
            hats_today=list(user.hats),
            checked_in_at=timezone.now() if walk_in else None,
        )
    if not walk_in:
        send_registration_mail(registration)
    return registration


def registration_promote(*, registration: Registration) -> Registration:
    """The organiser gives a waiting person a place by hand (also beyond the capacity:
    their call, for example for a speaker's partner)."""
    with transaction.atomic(durable=True):
        lock_event(registration.event_id)
        registration = Registration.objects.select_related("user", "event").get(pk=registration.pk)
        if registration.status != Registration.Status.WAITLISTED:
            raise EventError(_("Only someone on the waiting list can be given a place."))
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        email_send(
            recipients=[registration.user.email],
            subject=_("A place came free: you are coming to %(event)s")
            % {"event": registration.event.title},
            template_name="bijeenkomsten/emails/promoted.txt",
            context=mail_context(registration),
            attachments=ticket_attachments(registration),
        )
    return registration


def registration_move_session(*, registration: Registration, session: Session) -> SessionChoice:
    """Put someone in another session of a round (the organiser's decision, so also
    into a full one); the place they leave goes to that session's waiting list."""
    with transaction.atomic(durable=True):
        lock_event(registration.event_id)
        session = Session.objects.select_related("round").get(pk=session.pk)
        if session.round.event_id != registration.event_id:
            raise EventError(_("That session belongs to another event."), field="session")
        choice = SessionChoice.objects.filter(
            registration=registration, round=session.round
        ).first()
        left = choice.session if choice and choice.session_id != session.pk else None
        if choice is None:
            choice = SessionChoice(registration=registration, round=session.round)
        choice.session = session
        choice.status = SessionChoice.Status.CONFIRMED
        choice.save()
        if (
            left is not None
            and left.capacity
            and session_places_taken(session=left) < left.capacity
        ):
            promote_session_waiting(left)
    return choice
