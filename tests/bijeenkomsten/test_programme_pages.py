import pytest
from django.urls import reverse

from bijeenkomsten.models import Event, Round, Session
from tests.bijeenkomsten.factories import EventFactory, SessionFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_it_builds_publishes_and_duplicates_an_event(client):
    organiser = UserFactory()
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    from netwerkplatform.core.models import Municipality

    response = client.post(
        reverse("bijeenkomsten:create"),
        {
            "kind": "manifestation",
            "title": "Samen Doen! Zwolle",
            "municipality": Municipality.objects.get(name="Zwolle").pk,
            "starts_at": "2030-02-16T13:00",
            "ends_at": "2030-02-16T17:00",
            "capacity": 200,
            "themes_text": "participatie, groen",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302 and event.status == Event.Status.DRAFT
    assert sorted(t.name for t in event.themes.all()) == ["groen", "participatie"]
    programme = reverse("bijeenkomsten:programme", args=[event.slug])
    client.post(
        programme,
        {
            "add": "round",
            "round-title": "Ronde 1",
            "round-starts_at": "2030-02-16T14:00",
            "round-ends_at": "2030-02-16T15:00",
        },
    )
    round_ = Round.objects.get()
    client.post(
        programme,
        {
            "add": "session",
            "session-round": round_.pk,
            "session-kind": "workshop",
            "session-title": "Crowdfunding",
            "session-capacity": 25,
            "session-blocks_text": "Organisatie",
        },
    )
    assert Session.objects.get().building_blocks == ["organisatie"]
    client.post(reverse("bijeenkomsten:publish", args=[event.slug]))
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    client.post(reverse("bijeenkomsten:duplicate", args=[event.slug]))
    assert Event.objects.filter(status=Event.Status.DRAFT).count() == 1
    assert Session.objects.count() == 2


def test_it_refuses_an_end_before_the_start(client):
    organiser = UserFactory()
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    response = client.post(
        reverse("bijeenkomsten:create"),
        {
            "kind": "manifestation",
            "title": "Fout",
            "starts_at": "2030-02-16T13:00",
            "ends_at": "2030-02-16T12:00",
            "capacity": 10,
        },
    )
    assert response.status_code == 200 and not Event.objects.exists()
    assert "Fout" in response.content.decode()


def test_it_refuses_a_session_capacity_below_its_places_taken(client):
    from bijeenkomsten import services

    session = SessionFactory(capacity=3)
    event = session.round.event
    organiser = UserFactory()
    event.organisers.add(organiser)
    for _ in range(2):
        services.registration_create(
            event=event, user=UserFactory(), choices={session.round_id: session.pk}
        )
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    response = client.post(
        reverse("bijeenkomsten:session_edit", args=[event.slug, session.pk]),
        {"round": session.round_id, "kind": "workshop", "title": session.title, "capacity": 1},
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.capacity == 3


def test_it_lets_organisers_cancel_and_tells_the_event_is_cancelled(client):
    organiser = UserFactory()
    event = EventFactory(organiser=organiser)
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    client.post(reverse("bijeenkomsten:cancel", args=[event.slug]), {"reason": "Storm"})
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
