"""Celery tasks of events: thin, take ids, idempotent (each claims its work first)."""

from celery import shared_task

from bijeenkomsten import services


@shared_task(ignore_result=True)
def send_reminders() -> int:
    """Beat, daily: the day-before reminder (each registration is claimed once)."""
    return services.reminders_send()


@shared_task(ignore_result=True)
def invite_evaluations() -> int:
    """Beat, daily: evaluation invitations for events that ended in the last week."""
    return services.evaluations_invite()


@shared_task(ignore_result=True)
def event_message_dispatch(*, message_id: int) -> int:
    return services.event_message_dispatch(message_id=message_id)


@shared_task(
    ignore_result=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_kwargs={"max_retries": 5},
)
def event_message_send_batch(*, message_id: int, registration_ids: list[int]) -> int:
    return services.event_message_send_batch(
        message_id=message_id, registration_ids=registration_ids
    )
