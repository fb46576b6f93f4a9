"""Celery tasks of events: thin, take ids, idempotent (each claims its work first)."""

from celery import shared_task

from bijeenkomsten import services

# Defined with the services they run (no import circle); registered under these names.
from bijeenkomsten.services.messages import (  # noqa: F401
    event_message_dispatch_task as event_message_dispatch,
)
from bijeenkomsten.services.messages import (  # noqa: F401
    event_message_send_batch_task as event_message_send_batch,
)


@shared_task(ignore_result=True)
def send_reminders() -> int:
    """Beat, daily: the day-before reminder (each registration is claimed once)."""
    return services.reminders_send()


@shared_task(ignore_result=True)
def invite_evaluations() -> int:
    """Beat, daily: evaluation invitations for events that ended in the last week."""
    return services.evaluations_invite()
