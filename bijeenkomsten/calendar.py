"""iCalendar files: the public feed, one event, and a person's own programme."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar
from icalendar import Event as VEvent

from bijeenkomsten.models import Event, Registration


def _calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//Netwerkplatform//bijeenkomsten//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def _location(event: Event) -> str:
    return ", ".join(p for p in [event.venue, event.address, event.municipality.name] if p)


def _vevent(event: Event) -> VEvent:
    item = VEvent()
    item.add("uid", f"event-{event.pk}@netwerkplatform")
    item.add("summary", event.title)
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("dtstamp", event.updated_at)
    item.add("sequence", event.ical_sequence)
    item.add("location", _location(event))
    url = settings.SITE_URL + reverse("bijeenkomsten:detail", args=[event.slug])
    item.add("url", url)
    item.add("description", f"{event.description}\n\n{url}".strip())
    if event.status == Event.Status.CANCELLED:
        item.add("status", "CANCELLED")
    return item


def feed(events: Iterable[Event]) -> bytes:
    cal = _calendar()
    for event in events:
        cal.add_component(_vevent(event))
    return cal.to_ical()


def personal_programme(registration: Registration) -> bytes:
    """The event plus one entry per session the person has a place in."""
    event = registration.event
    cal = _calendar()
    cal.add_component(_vevent(event))
    for choice in registration.session_choices.select_related("session", "round"):
        item = VEvent()
        item.add("uid", f"choice-{choice.pk}@netwerkplatform")
        item.add("summary", f"{choice.round.title}: {choice.session.title}")
        item.add("dtstart", choice.round.starts_at)
        item.add("dtend", choice.round.ends_at)
        item.add("dtstamp", event.updated_at)
        item.add("sequence", event.ical_sequence)
        item.add("location", ", ".join(p for p in [choice.session.room, _location(event)] if p))
        cal.add_component(item)
    return cal.to_ical()
