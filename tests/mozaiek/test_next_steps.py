import datetime

import pytest
from django.utils import timezone

from bijeenkomsten.models import Event, Round, Session
from initiatieven.models import Organisation
from initiatieven.mozaiek import next_steps
from initiatieven.mozaiek.catalogue import catalogue
from netwerkplatform.core.models import Municipality
from tests.initiatieven.factories import OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _session(title, blocks, *, status=Event.Status.PUBLISHED, days=10):
    starts = timezone.now() + datetime.timedelta(days=days)
    event = Event.objects.create(
        kind=Event.Kind.ROLLING_STONE,
        title=f"Event {title}",
        slug=f"event-{title}",
        municipality=Municipality.objects.get(name="Gouda"),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        capacity=50,
        status=status,
    )
    round_ = Round.objects.create(
        event=event, title="Ronde 1", starts_at=starts, ends_at=starts + datetime.timedelta(hours=1)
    )
    return Session.objects.create(round=round_, title=title, building_blocks=blocks)


def test_it_finds_upcoming_published_sessions_tagged_with_the_block():
    wanted = _session("Spelregels", ["binding", "organisatie"])
    _session("Alleen opgave", ["opgave"])
    _session("Concept", ["organisatie"], status=Event.Status.DRAFT)
    _session("Voorbij", ["organisatie"], days=-5)
    found = next_steps.sessions_for(catalogue().block("organisatie"))
    assert found == [wanted]


def test_it_finds_knowledge_offers_of_approved_partners_that_mention_the_block():
    wanted = OfferFactory(kind="knowledge", description="Procesbegeleiding en besluitvorming")
    OfferFactory(kind="space", description="Zaal voor besluitvorming")
    OfferFactory(
        kind="knowledge",
        description="Besluitvorming",
        organisation=OrganisationFactory(status=Organisation.Status.PENDING),
    )
    themed = OfferFactory(
        kind="knowledge",
        description="Training",
        organisation=OrganisationFactory(themes=["governance"]),
    )
    found = next_steps.offers_for(catalogue().block("organisatie"))
    assert set(found) == {wanted, themed}
