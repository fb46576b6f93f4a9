"""People at the event: the organiser's actions on the attendee list, walk-ins, duo
answers told to the inviter, session waiting lists with names."""

import pytest
from django.core import mail
from django.urls import reverse
from freezegun import freeze_time

from bijeenkomsten import services
from bijeenkomsten.models import DuoInvitation, Registration, SessionChoice
from tests.bijeenkomsten.factories import EventFactory, RoundFactory, SessionFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(email=user.email, password=DEFAULT_PASSWORD)


@pytest.fixture
def organiser():
    return UserFactory(name="Marieke Organisator")


def test_the_duo_inviter_hears_when_the_partner_accepts_and_both_pages_show_the_duo(client):
    event = EventFactory(capacity=4, duos_welcome=True)
    inviter = services.registration_create(
        event=event,
        user=UserFactory(name="Petra Professional", verified=True),
        duo_email="vera@example.nl",
    )
    partner_user = UserFactory(email="vera@example.nl", name="Vera Vrijwilliger", verified=True)
    mail.outbox.clear()
    partner = services.duo_invitation_accept(
        invitation=DuoInvitation.objects.get(), user=partner_user
    )
    told = [m for m in mail.outbox if inviter.user.email in m.to]
    assert len(told) == 1 and "Vera Vrijwilliger" in told[0].subject
    _login(client, partner_user)
    page = client.get(reverse("bijeenkomsten:registration", args=[partner.pk])).content.decode()
    assert "netwerkduo" in page and "Petra Professional" in page


def test_the_duo_inviter_hears_when_the_partner_declines():
    event = EventFactory(capacity=4, duos_welcome=True)
    inviter = services.registration_create(
        event=event, user=UserFactory(verified=True), duo_email="vera@example.nl"
    )
    mail.outbox.clear()
    services.duo_invitation_decline(invitation=DuoInvitation.objects.get())
    assert [m.to for m in mail.outbox] == [[inviter.user.email]]
    assert "vera@example.nl" in mail.outbox[0].subject


def test_the_organiser_adds_a_person_who_gets_a_place_and_a_ticket(client, organiser):
    event = EventFactory(organiser=organiser, capacity=2)
    _login(client, organiser)
    mail.outbox.clear()
    client.post(
        reverse("bijeenkomsten:attendee_add", args=[event.slug]),
        {"name": "Nieuwe Naam", "email": "nieuw@example.nl"},
    )
    registration = Registration.objects.get(event=event, user__email="nieuw@example.nl")
    assert registration.status == "confirmed" and registration.user.name == "Nieuwe Naam"
    assert mail.outbox[0].attachments[0][0] == "ticket.png"


def test_adding_keeps_what_was_typed_when_the_address_is_wrong(client, organiser):
    event = EventFactory(organiser=organiser)
    _login(client, organiser)
    response = client.post(
        reverse("bijeenkomsten:attendee_add", args=[event.slug]),
        {"name": "Nieuwe Naam", "email": "geen-adres"},
    )
    assert response.status_code == 200
    assert b"Nieuwe Naam" in response.content
    assert not Registration.objects.filter(event=event).exists()


def test_a_walk_in_is_added_and_checked_in_at_the_door_even_when_full(client, organiser):
    event = EventFactory(organiser=organiser, capacity=1)
    services.registration_create(event=event, user=UserFactory())
    _login(client, organiser)
    with freeze_time(event.starts_at):
        client.post(
            reverse("bijeenkomsten:attendee_add", args=[event.slug]),
            {"name": "Loop Binnen", "email": "loop@example.nl", "walk_in": "1"},
        )
    walk_in = Registration.objects.get(event=event, user__email="loop@example.nl")
    assert walk_in.status == "confirmed" and walk_in.checked_in_at is not None


def test_the_organiser_promotes_from_the_waiting_list_and_cancels_someone(client, organiser):
    event = EventFactory(organiser=organiser, capacity=1)
    first = services.registration_create(event=event, user=UserFactory())
    waiting = services.registration_create(event=event, user=UserFactory())
    _login(client, organiser)
    url = reverse("bijeenkomsten:attendee", args=[event.slug, waiting.pk])
    client.post(url, {"action": "promote"})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    client.post(
        reverse("bijeenkomsten:attendee", args=[event.slug, first.pk]), {"action": "cancel"}
    )
    first.refresh_from_db()
    assert first.status == "cancelled"


def test_the_organiser_moves_someone_to_another_session_and_waiting_names_show(client, organiser):
    event = EventFactory(organiser=organiser, capacity=5)
    round_ = RoundFactory(event=event, title="Ronde 1")
    full = SessionFactory(round=round_, title="Vol", capacity=1)
    other = SessionFactory(round=round_, title="Ruim", capacity=5)
    services.registration_create(event=event, user=UserFactory(), choices={round_.pk: full.pk})
    waiting = services.registration_create(
        event=event,
        user=UserFactory(name="Wachtende Willem"),
        choices={round_.pk: full.pk},
        join_session_waitlist=True,
    )
    _login(client, organiser)
    dashboard = client.get(reverse("bijeenkomsten:dashboard", args=[event.slug])).content
    assert b"Wachtende Willem" in dashboard
    client.post(
        reverse("bijeenkomsten:attendee", args=[event.slug, waiting.pk]),
        {"action": "move", "round": round_.pk, "session": other.pk},
    )
    choice = SessionChoice.objects.get(registration=waiting)
    assert (choice.session, choice.status) == (other, "confirmed")
