"""Celery tasks for dates at events: thin, take ids, idempotent.

The tasks keep the names they had when this module was ``matching/dates_tasks.py``
(explicit ``name=``), so messages already queued and the beat entry in
``CELERY_BEAT_SCHEDULE`` keep working.
"""

from celery import shared_task

from bijeenkomsten.models import Event
from matching.dates.services import date_requests_expire, dates_schedule


@shared_task(name="matching.dates_tasks.dates_schedule_task", ignore_result=True)
def dates_schedule_task(event_id: int) -> None:
    """Run the scheduler for one event; a rerun redoes the drafts, published dates stay."""

    event = Event.objects.filter(pk=event_id).first()
    if event is not None:
        dates_schedule(event=event)


@shared_task(name="matching.dates_tasks.dates_expire_requests", ignore_result=True)
def dates_expire_requests() -> int:
    """Every 15 minutes: unanswered requests past their deadline expire."""

    return date_requests_expire()
