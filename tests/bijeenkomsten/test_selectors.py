"""bijeenkomsten.selectors: one home for "is organiser", "attendees of" and the sessions
the Netwerkmozaïek suggests (issue 18, item 4)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from bijeenkomsten import selectors, services
from bijeenkomsten.models import Event
from matching import services as matching_services
from matching.dates import services as dates_services
from netwerkplatform.core import registry
from tests.bijeenkomsten.factories import EventFactory, SessionFactory
from tests.core.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_lets_organisers_and_staff_manage_an_event_and_nobody_else():
    organiser = UserFactory()
    event = EventFactory(organiser=organiser)
    staff = UserFactory(is_staff=True)
    other = UserFactory()
    answers = {
        name: selectors.user_is_organiser(event=event, user=user)
        for name, user in [
            ("organiser", organiser),
            ("staff", staff),
            ("other", other),
            ("anonymous", AnonymousUser()),
        ]
    }
    assert answers == {"organiser": True, "staff": True, "other": False, "anonymous": False}


def test_the_other_apps_ask_the_same_organiser_rule():
    assert services.user_is_organiser is selectors.user_is_organiser
    assert dates_services.is_organiser is selectors.user_is_organiser
    assert dates_services.is_attendee is selectors.user_is_attendee
    staff = UserFactory(is_staff=True)
    assert matching_services.is_organiser(staff, EventFactory()) is True


def test_it_counts_only_confirmed_people_as_attendees():
    event = EventFactory(capacity=1)
    coming = UserFactory()
    waiting = UserFactory()
    services.registration_create(event=event, user=coming)
    services.registration_create(event=event, user=waiting)
    assert list(selectors.event_attendee_ids(event=event)) == [{"user_id": coming.pk}]
    assert selectors.user_is_attendee(event=event, user=coming)
    assert not selectors.user_is_attendee(event=event, user=waiting)


def test_it_offers_upcoming_tagged_sessions_through_the_registry():
    now = timezone.now()
    tagged = SessionFactory(title="Samen organiseren", building_blocks=["organisatie"])
    SessionFactory(title="Ander blok", building_blocks=["binding"])
    draft = SessionFactory(title="Nog concept", building_blocks=["organisatie"])
    Event.objects.filter(pk=draft.round.event_id).update(status=Event.Status.DRAFT)
    later = now + datetime.timedelta(days=400)
    assert registry.block_sessions("organisatie", limit=3) == [tagged]
    assert registry.block_sessions("organisatie", limit=3, now=later) == []
