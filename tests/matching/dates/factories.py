"""Factories for dates at events: an event with dates open and confirmed attendees."""

import datetime

from django.utils import timezone

from bijeenkomsten.models import Registration
from netwerkplatform.core.models import Municipality
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import UserFactory
from tests.matching.factories import DateSettingsFactory, DateSlotFactory

_counter = iter(range(1, 10**6))


def _person(**kwargs):
    """No password hashing (slow on a busy machine) unless a test logs in."""
    kwargs.setdefault("password", None)
    return UserFactory(verified=True, **kwargs)


def event_with_dates(
    *,
    attendees: int = 4,
    slots: int = 3,
    tables: int = 2,
    max_dates: int = 3,
    password: str | None = None,
):
    n = next(_counter)
    start = timezone.now() + datetime.timedelta(days=10)
    organiser = _person(name="Orla Organisator", password=password)
    event = EventFactory(
        title=f"Samen Doen! {n}",
        slug=f"samen-doen-{n}",
        venue="De Goudse Schouw",
        municipality=Municipality.objects.get(name="Gouda"),
        starts_at=start,
        capacity=100,
        organiser=organiser,
    )
    DateSettingsFactory(event=event, tables=tables, max_dates_per_person=max_dates)
    slot_rows = [
        DateSlotFactory(event=event, starts_at=start + datetime.timedelta(minutes=15 * i))
        for i in range(slots)
    ]
    people = [_person(password=password) for _ in range(attendees)]
    for person in people:
        Registration.objects.create(event=event, user=person, status="confirmed")
    return event, organiser, people, slot_rows


def accepted(event, a, b):
    from matching.dates.services import date_request_create, date_request_respond

    request = date_request_create(event=event, sender=a, recipient=b, message="Hoi!")
    return date_request_respond(date_request=request, user=b, accept=True)


def date_end(request):
    """The moment a placed date's slot is over (when its terugblik opens)."""
    request.refresh_from_db()
    return request.slot.ends_at


def profile(event, user, *, looking_for=(), offering=(), themes=(), about=""):
    from matching.dates.services import date_profile_save

    return date_profile_save(
        event=event,
        user=user,
        looking_for=list(looking_for),
        offering=list(offering),
        themes=list(themes),
        about=about,
    )
