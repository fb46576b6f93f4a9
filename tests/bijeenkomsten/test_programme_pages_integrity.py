"""The pages around the programme-integrity fixes: confirmation, refusals at the field,
cancelled events in "Mijn aanmeldingen", deleting rounds and sessions."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from bijeenkomsten import services
from bijeenkomsten.models import Event, Registration, Round, Session, SessionChoice
from tests.bijeenkomsten.factories import EventFactory, RoundFactory, SessionFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(email=user.email, password=DEFAULT_PASSWORD)


@pytest.fixture
def organiser():
    return UserFactory(name="Marieke Organisator")


@pytest.fixture
def event(organiser):
    event = EventFactory(organiser=organiser, capacity=5)
    round_ = RoundFactory(event=event, title="Ronde 1")
    SessionFactory(round=round_, title="Buurtkracht", capacity=5)
    SessionFactory(round=round_, title="Fondsenwerving", capacity=5)
    return event


def _local_input(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _edit_data(event, **changes):
    data = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "venue": event.venue,
        "address": event.address,
        "municipality": event.municipality_id,
        "starts_at": _local_input(event.starts_at),
        "ends_at": _local_input(event.ends_at),
        "capacity": event.capacity,
    }
    data.update(changes)
    return data


def test_it_refuses_moving_the_event_without_its_programme_at_the_start_field(
    client, organiser, event
):
    _login(client, organiser)
    new_start = event.starts_at + datetime.timedelta(days=7)
    response = client.post(
        reverse("bijeenkomsten:edit", args=[event.slug]),
        _edit_data(
            event,
            starts_at=_local_input(new_start),
            ends_at=_local_input(new_start + datetime.timedelta(hours=4)),
        ),  # move_programme unticked
    )
    assert response.status_code == 200
    assert "Ronde 1" in str(response.context["form"].errors["starts_at"])
    assert _local_input(new_start).encode() in response.content  # keeps what was typed
    event.refresh_from_db()
    assert event.starts_at != new_start


def test_it_moves_the_programme_when_the_organiser_ticks_it(client, organiser, event):
    _login(client, organiser)
    new_start = event.starts_at + datetime.timedelta(days=7)
    response = client.post(
        reverse("bijeenkomsten:edit", args=[event.slug]),
        _edit_data(
            event,
            starts_at=_local_input(new_start),
            ends_at=_local_input(new_start + datetime.timedelta(hours=4)),
            move_programme="on",
        ),
    )
    assert response.status_code == 302
    round_ = Round.objects.get(event=event)
    assert timezone.localtime(round_.starts_at).date() == timezone.localtime(new_start).date()


def test_it_shows_a_round_outside_the_event_as_a_field_error(client, organiser, event):
    _login(client, organiser)
    late = event.ends_at + datetime.timedelta(hours=1)
    response = client.post(
        reverse("bijeenkomsten:programme", args=[event.slug]),
        {
            "add": "round",
            "round-title": "Borrel",
            "round-starts_at": _local_input(event.ends_at),
            "round-ends_at": _local_input(late),
        },
    )
    assert response.status_code == 200
    assert "na de bijeenkomst" in str(response.context["round_form"].errors["ends_at"])
    assert b"Borrel" in response.content
    assert event.rounds.count() == 1


def test_it_deletes_a_session_moving_its_choices_and_says_how_many(client, organiser, event):
    round_ = event.rounds.get()
    gone, target = Session.objects.filter(round=round_).order_by("title")
    person = services.registration_create(
        event=event, user=UserFactory(), choices={round_.pk: gone.pk}
    )
    _login(client, organiser)
    url = reverse("bijeenkomsten:session_delete", args=[event.slug, gone.pk])
    page = client.get(url)
    assert "1 persoon" in page.content.decode()
    mail.outbox.clear()
    response = client.post(url, {"move_to": target.pk}, follow=True)
    assert not Session.objects.filter(pk=gone.pk).exists()
    assert SessionChoice.objects.get(registration=person).session == target
    assert [m.to for m in mail.outbox] == [[person.user.email]]
    assert "Verplaatst: 1" in response.content.decode()


def test_it_deletes_a_round_from_its_edit_page(client, organiser, event):
    round_ = event.rounds.get()
    _login(client, organiser)
    response = client.post(
        reverse("bijeenkomsten:round_delete", args=[event.slug, round_.pk]), follow=True
    )
    assert response.status_code == 200
    assert not Round.objects.filter(pk=round_.pk).exists()


def test_it_asks_before_cancelling_a_registration(client, event):
    person = UserFactory()
    registration = services.registration_create(event=event, user=person)
    _login(client, person)
    url = reverse("bijeenkomsten:registration_cancel", args=[registration.pk])
    page = client.get(url)
    assert "Ja, annuleer mijn aanmelding" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_it_shows_a_cancelled_event_as_cancelled_in_my_registrations(client, event):
    person = UserFactory()
    services.registration_create(event=event, user=person)
    services.event_cancel(event=event)
    _login(client, person)
    content = client.get(reverse("bijeenkomsten:mine")).content.decode()
    assert "Bijeenkomst geannuleerd" in content
    assert "bevestigd" not in content.lower()


def test_it_offers_no_cancelling_for_an_event_that_is_over(client, organiser):
    start = timezone.now() - datetime.timedelta(days=3)
    event = EventFactory(
        organiser=organiser, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    person = UserFactory()
    with freeze_time(start - datetime.timedelta(days=1)):
        registration = services.registration_create(event=event, user=person)
    _login(client, organiser)
    dashboard = client.get(reverse("bijeenkomsten:dashboard", args=[event.slug]))
    assert reverse("bijeenkomsten:cancel", args=[event.slug]) not in dashboard.content.decode()
    client.post(reverse("bijeenkomsten:cancel", args=[event.slug]), {"reason": "x"})
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED
    _login(client, person)
    page = client.get(reverse("bijeenkomsten:registration", args=[registration.pk]))
    assert reverse("bijeenkomsten:registration_cancel", args=[registration.pk]) not in (
        page.content.decode()
    )
    client.post(reverse("bijeenkomsten:registration_cancel", args=[registration.pk]))
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_it_refuses_check_in_before_the_day_without_an_error_page(client, organiser, event):
    registration = services.registration_create(event=event, user=UserFactory())
    _login(client, organiser)
    response = client.post(
        reverse("bijeenkomsten:check_in_toggle", args=[event.slug, registration.pk]),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "dag van de bijeenkomst" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None
