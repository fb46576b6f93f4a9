import datetime

import factory
from django.utils import timezone

from bijeenkomsten.models import Event, Round, Series, Session
from netwerkplatform.core.models import Municipality
from tests.core.factories import UserFactory


def _zwolle() -> Municipality:
    return Municipality.objects.get(name="Zwolle")


def _in_days(days: int, hour: int = 13) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    name = factory.Sequence(lambda n: f"RollingStones {n}")
    slug = factory.Sequence(lambda n: f"rollingstones-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    kind = Event.Kind.MANIFESTATION
    title = factory.Sequence(lambda n: f"Samen Doen! {n}")
    slug = factory.Sequence(lambda n: f"samen-doen-{n}")
    description = "Een middag vol workshops en open spaces voor netwerkbouwers."
    municipality = factory.LazyFunction(_zwolle)
    venue = "Theater Odeon"
    starts_at = factory.LazyFunction(lambda: _in_days(14, 13))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=4))
    capacity = 10
    status = Event.Status.PUBLISHED

    @factory.post_generation
    def organiser(obj, create, extracted, **kwargs):
        """``EventFactory(organiser=user)`` makes that person an organiser."""
        if create and extracted:
            obj.organisers.add(extracted)


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Ronde {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + datetime.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=1))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    round = factory.SubFactory(RoundFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    hosts = "Annemiek de Wolf"
    capacity = 2


__all__ = ["EventFactory", "RoundFactory", "SessionFactory", "SeriesFactory", "UserFactory"]
