"""Celery tasks of the Netwerkmozaïek: thin and idempotent."""

from celery import shared_task

from initiatieven.mozaiek import services


@shared_task(ignore_result=True)
def send_due_reminders() -> int:
    """Periodic (beat): fan out one task per due invitation, so one failing mail does not
    stop the others; each task claims its reminder itself, so reruns send nothing twice."""
    ids = list(services.invitations_due_for_reminder().values_list("pk", flat=True)[:1000])
    for invitation_id in ids:
        send_reminder.delay(invitation_id=invitation_id)
    return len(ids)


@shared_task(ignore_result=True)
def send_reminder(*, invitation_id: int) -> None:
    services.invitation_remind(invitation_id=invitation_id)
