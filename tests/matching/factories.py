"""Factories for matching's models: matches and runs, and dates at events.

A test names only what it is about (``MatchFactory(score=80, status="declined")``);
the rest gets a valid default: an initiative-to-initiative suggestion, a date
settings row that is open (deadline a day before the event), a slot at the event's
start, a request between two fresh people.
"""

import datetime

import factory

from matching.dates.models import DateOutcome, DateProfile, DateRequest, DateSettings, DateSlot
from matching.models import Match, MatchRun
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory


class MatchRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatchRun

    kind = MatchRun.Kind.FULL


class MatchFactory(factory.django.DjangoModelFactory):
    """An engine suggestion between two initiatives; pass ``scheme=`` or ``partner=``
    (with ``kind=``) for the other kinds."""

    class Meta:
        model = Match

    kind = Match.Kind.INITIATIVE
    initiative = factory.SubFactory(InitiativeFactory)
    other_initiative = factory.LazyAttribute(
        lambda o: InitiativeFactory() if o.kind == Match.Kind.INITIATIVE else None
    )


class DateSettingsFactory(factory.django.DjangoModelFactory):
    """Dates switched on for an event, open for requests until the day before."""

    class Meta:
        model = DateSettings
        django_get_or_create = ("event",)

    event = factory.SubFactory(EventFactory)
    enabled = True
    tables = 2
    max_dates_per_person = 3
    request_deadline = factory.LazyAttribute(
        lambda o: o.event.starts_at - datetime.timedelta(days=1)
    )


class DateSlotFactory(factory.django.DjangoModelFactory):
    """A 15-minute slot at the event's start."""

    class Meta:
        model = DateSlot

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    length_minutes = 15


class DateRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DateRequest

    event = factory.SubFactory(EventFactory)
    from_user = factory.SubFactory(UserFactory, verified=True, password=None)
    to_user = factory.SubFactory(UserFactory, verified=True, password=None)


class DateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DateProfile

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory, verified=True, password=None)


class DateOutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DateOutcome

    request = factory.SubFactory(DateRequestFactory)
    user = factory.LazyAttribute(lambda o: o.request.from_user)
    happened = True
