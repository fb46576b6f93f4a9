"""One change, one locked transaction: a refused part changes nothing (issue 18, item 2)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bijeenkomsten import services
from bijeenkomsten.services.places import lock_event
from tests.bijeenkomsten.factories import EventFactory, SessionFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _event_with_two_coming(organiser):
    event = EventFactory(organiser=organiser, capacity=5, title="Buurtavond")
    for _ in range(2):
        services.registration_create(event=event, user=UserFactory())
    return event


def test_it_saves_nothing_when_the_capacity_of_an_event_edit_is_refused():
    organiser = UserFactory()
    event = _event_with_two_coming(organiser)
    with pytest.raises(services.EventError, match="Er komen al 2 mensen"):
        services.event_update(event=event, title="Nieuwe titel", capacity=1, by=organiser)
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Buurtavond", 5)


def test_it_saves_the_title_and_the_capacity_together():
    organiser = UserFactory()
    event = _event_with_two_coming(organiser)
    services.event_update(event=event, title="Nieuwe titel", capacity=3, by=organiser)
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Nieuwe titel", 3)


def test_the_edit_page_keeps_what_was_typed_and_saves_nothing_on_a_refused_capacity(client):
    organiser = UserFactory()
    event = _event_with_two_coming(organiser)
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    url = reverse("bijeenkomsten:edit", args=[event.slug])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "themes_text"}
    data.update(
        title="Nieuwe titel",
        capacity=1,
        starts_at=event.starts_at.strftime("%Y-%m-%dT%H:%M"),
        ends_at=event.ends_at.strftime("%Y-%m-%dT%H:%M"),
        municipality=event.municipality_id,
    )
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert "2" in form.errors["capacity"][0]
    assert form["title"].value() == "Nieuwe titel"
    assert str(form["capacity"].value()) == "1"
    # The page heading still names the saved event, not the refused edit.
    assert response.context["event"].title == "Buurtavond"
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Buurtavond", 5)


def test_the_edit_page_loads_the_event_once(client):
    organiser = UserFactory()
    event = EventFactory(organiser=organiser)
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    url = reverse("bijeenkomsten:edit", args=[event.slug])
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    loads = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT")
        and 'FROM "bijeenkomsten_event"' in q["sql"]
        and "LIMIT 21" in q["sql"]
    ]
    assert len(loads) == 1, loads


def test_it_saves_nothing_of_a_session_edit_when_its_capacity_is_refused(client):
    session = SessionFactory(capacity=3, title="Werkplaats")
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
        {"round": session.round_id, "kind": "workshop", "title": "Andere titel", "capacity": 1},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "2" in form.errors["capacity"][0]
    assert form["title"].value() == "Andere titel"
    session.refresh_from_db()
    assert (session.title, session.capacity) == ("Werkplaats", 3)


@pytest.mark.django_db(transaction=True)
def test_lock_event_refuses_to_run_outside_a_transaction():
    event = EventFactory()
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        lock_event(event.pk)
    with transaction.atomic():
        assert lock_event(event.pk).pk == event.pk
