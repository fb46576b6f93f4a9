"""Celery tasks for dates at events: thin, take ids, idempotent."""

from celery import shared_task

from bijeenkomsten.models import Event


@shared_task(ignore_result=True)
def dates_schedule_task(event_id: int) -> None:
    """Run the scheduler for one event; a rerun redoes the drafts, published dates stay."""
    from matching.dates_services import dates_schedule

    event = Event.objects.filter(pk=event_id).first()
    if event is not None:
        dates_schedule(event=event)


@shared_task(ignore_result=True)
def dates_expire_requests() -> int:
    """Every 15 minutes: unanswered requests past their deadline expire."""
    from matching.dates_services import date_requests_expire

    return date_requests_expire()
