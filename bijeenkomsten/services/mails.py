"""Links and the mails sent to people who register."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from bijeenkomsten.models import DuoInvitation, Event, Registration
from bijeenkomsten.services.tickets import ticket_png_base64
from netwerkplatform.core.services import email_send


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


# --- Mails --------------------------------------------------------------------------


def event_absolute_url(event: Event) -> str:
    return absolute_url(reverse("bijeenkomsten:detail", args=[event.slug]))


def mail_context(registration: Registration) -> dict[str, Any]:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "event_url": event_absolute_url(event),
        "cancel_url": absolute_url(
            reverse("bijeenkomsten:cancel_token", args=[registration.cancel_token])
        ),
        "mine_url": absolute_url(reverse("bijeenkomsten:mine")),
    }


def send_registration_mail(registration: Registration) -> None:
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
            **mail_context(registration),
            "choices": list(registration.session_choices.select_related("session", "round")),
        },
        attachments=ticket_attachments(registration),
    )


def ticket_attachments(registration: Registration) -> list[list[str]] | None:
    """The QR ticket as a PNG attachment, for a confirmed place only."""

    if registration.status != Registration.Status.CONFIRMED:
        return None
    return [["ticket.png", ticket_png_base64(registration), "image/png"]]


def send_duo_invitation(invitation: DuoInvitation) -> None:
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
