"""An organiser's message to the people who come: compose, claim once, send in batches.

The two Celery tasks live here with the services they run, so the services never import
``bijeenkomsten.tasks`` (which would close an import circle); ``bijeenkomsten.tasks``
re-exports them under their registered names.
"""

from __future__ import annotations

from celery import shared_task
from django.core.mail import EmailMessage as Mail
from django.core.mail import get_connection
from django.utils import timezone
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event, EventMessage, Registration
from netwerkplatform.core import outbox
from netwerkplatform.core.limits import invitations_reserve


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
    # One message to the people who come counts as one invitation-like mail.
    invitations_reserve(sender=sender, count=1, on_behalf_of=f"event:{event.pk}")
    message = EventMessage.objects.create(
        event=event,
        sender=sender,
        subject=" ".join(subject.split()),
        body=body,
        audience=audience or EventMessage.Audience.CONFIRMED,
        reply_to=getattr(sender, "email", "") or "",
    )
    outbox.enqueue(event_message_dispatch_task, message_id=message.pk)
    return message


MESSAGE_BATCH = 50


def event_message_dispatch(*, message_id: int) -> int:
    """Claim the message once, then queue its recipients in batches for the workers."""
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
        event_message_send_batch_task.delay(message_id=message_id, registration_ids=batch)
    return len(ids)


def event_message_send_batch(*, message_id: int, registration_ids: list[int]) -> int:
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


@shared_task(name="bijeenkomsten.tasks.event_message_dispatch", ignore_result=True)
def event_message_dispatch_task(*, message_id: int) -> int:
    return event_message_dispatch(message_id=message_id)


@shared_task(
    name="bijeenkomsten.tasks.event_message_send_batch",
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def event_message_send_batch_task(*, message_id: int, registration_ids: list[int]) -> int:
    return event_message_send_batch(message_id=message_id, registration_ids=registration_ids)
