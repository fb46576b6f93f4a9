"""Dates at events: the domain error, who may do what, and the event's settings row
(with the lock that everything touching the schedule takes)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from bijeenkomsten.models import Event
from bijeenkomsten.selectors import user_is_attendee, user_is_organiser
from matching.dates.models import DateRequest, DateSettings
from netwerkplatform.core.errors import DomainError

OPEN = [DateRequest.Status.REQUESTED, DateRequest.Status.ACCEPTED]


class DateError(DomainError):
    """A domain error with a message fit for the person who caused it."""


# --- who may do what -----------------------------------------------------------------


# "Is organiser" and "is attendee" have one home: bijeenkomsten.selectors.
is_organiser = user_is_organiser
is_attendee = user_is_attendee


def dates_settings_get(*, event: Event) -> DateSettings:
    settings_row, _created = DateSettings.objects.get_or_create(event=event)
    return settings_row


def require_organiser(event: Event, actor) -> None:
    if not is_organiser(event=event, user=actor):
        raise DateError(_("Only the organisers of this event can do that."))


def locked_settings(event: Event) -> DateSettings:
    dates_settings_get(event=event)
    return DateSettings.objects.select_for_update().select_related("event").get(event=event)


def date_url(name: str, event: Event, *args, anchor: str = "") -> str:
    """An absolute link to a dates page, for e-mails: each mail leads to the exact page."""
    path = reverse(f"matching:{name}", args=[event.slug, *args])
    return f"{settings.SITE_URL}{path}{'#' + anchor if anchor else ''}"
