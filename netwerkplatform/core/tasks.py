"""Celery tasks of core. Thin: they take plain values and call one thing."""

import base64

from celery import shared_task
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage, send_mail
from django.utils import timezone

from netwerkplatform.core import outbox


@shared_task(
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def send_email(
    *,
    recipients: list[str],
    subject: str,
    body: str,
    attachments: list[list[str]] | None = None,
) -> None:
    """Send one rendered e-mail; SMTP hiccups (OSError) are retried with back-off.

    ``attachments`` are ``[filename, content, mimetype]`` triples (JSON for the broker):
    text for ``text/*`` (the .ics of a moved event), base64 otherwise (a QR ticket PNG).
    """
    if not attachments:
        send_mail(subject=subject, message=body, from_email=None, recipient_list=recipients)
        return
    message = EmailMessage(subject=subject, body=body, to=recipients)
    for filename, content, mimetype in attachments:
        data = content if mimetype.startswith("text/") else base64.b64decode(content)
        message.attach(filename, data, mimetype)
    message.send()


@shared_task(ignore_result=True)
def purge_expired_sessions() -> int:
    """Nightly: drop expired sessions so the table does not grow without bound."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


# No autoretry and no time limit of their own: a failing task is recorded on its outbox
# row and retried by the relay (core/outbox.py), which also survives a broker outage.
@shared_task(ignore_result=True)
def outbox_deliver(*, message_id: int) -> bool:
    """Run one outbox row's task (claimed, so a duplicate message runs nothing)."""
    return outbox.deliver(message_id)


@shared_task(ignore_result=True)
def outbox_relay() -> int:
    """Beat, every few seconds: publish outbox rows not yet delivered."""
    return outbox.relay_pending()


@shared_task(ignore_result=True)
def outbox_purge() -> int:
    """Nightly: forget delivered outbox rows after a week."""
    return outbox.purge_delivered()
