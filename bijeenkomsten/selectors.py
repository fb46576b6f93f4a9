"""Read-only questions about events that other modules and apps ask (one home each).

Other apps import these instead of querying ``bijeenkomsten.models`` with their own
copy of the rule (DESIGN.md, convention 10).
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from bijeenkomsten.models import Event, Registration, Session

# Who may see an event without organising it: everything but a draft.
PUBLIC_STATUSES = [Event.Status.PUBLISHED, Event.Status.FINISHED, Event.Status.CANCELLED]


def user_is_organiser(*, event: Event, user) -> bool:
    """Organisers of the event, and staff, manage it."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return event.organisers.filter(pk=user.pk).exists()


def event_attendee_ids(*, event: Event) -> QuerySet:
    """The user ids of the people confirmed for the event (a subquery, not a list)."""
    return Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).values(
        "user_id"
    )


def user_is_attendee(*, event: Event, user) -> bool:
    return (
        user.is_authenticated
        and Registration.objects.filter(
            event=event, user=user, status=Registration.Status.CONFIRMED
        ).exists()
    )


def upcoming_sessions_for_block(
    *, block_key: str, limit: int, now: datetime.datetime | None = None
) -> list[Session]:
    """Published events' sessions from now on that the organiser tagged with a
    Netwerkmozaïek building block (``Session.building_blocks``), soonest first."""
    now = now or timezone.now()
    # ``icontains`` on a JSON list searches its text; the quotes make it match a whole key
    # (and it works on SQLite too, where JSON ``contains`` does not).
    return list(
        Session.objects.filter(
            round__event__status=Event.Status.PUBLISHED,
            round__starts_at__gte=now,
            building_blocks__icontains=f'"{block_key}"',
        )
        .select_related("round__event")
        .order_by("round__starts_at", "title")[:limit]
    )


def event_is_over(*, event: Event) -> bool:
    return event.ends_at <= timezone.now()


def check_in_is_open(*, event: Event) -> bool:
    """Check-in happens on the day(s) of the event itself (Amsterdam dates), not before
    (a mis-tap weeks ahead would mark someone present) and not on a later day."""
    today = timezone.localdate()
    return event.status == Event.Status.PUBLISHED and timezone.localdate(
        event.starts_at
    ) <= today <= timezone.localdate(event.ends_at)
