"""QR tickets: a secret per registration in the mail and on the page; check-in by scan."""

import base64

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from bijeenkomsten import services
from bijeenkomsten.models import Registration
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(email=user.email, password=DEFAULT_PASSWORD)


@pytest.fixture
def organiser():
    return UserFactory(name="Marieke Organisator")


@pytest.fixture
def event(organiser):
    return EventFactory(organiser=organiser, capacity=1)


def test_it_mails_a_confirmed_person_a_qr_ticket_png_and_a_waiting_one_none(event):
    mail.outbox.clear()
    confirmed = services.registration_create(event=event, user=UserFactory())
    waiting = services.registration_create(event=event, user=UserFactory())
    [first] = [m for m in mail.outbox if confirmed.user.email in m.to]
    [second] = [m for m in mail.outbox if waiting.user.email in m.to]
    [(name, content, mimetype)] = first.attachments
    assert (name, mimetype) == ("ticket.png", "image/png")
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert second.attachments == []
    assert confirmed.ticket_code != confirmed.cancel_token


def test_each_registration_has_its_own_ticket_secret(event):
    a = services.registration_create(event=event, user=UserFactory())
    b = services.registration_create(event=event, user=UserFactory())
    assert a.ticket_code and b.ticket_code and a.ticket_code != b.ticket_code


def test_my_registration_page_shows_the_ticket_as_inline_svg(client, event):
    person = UserFactory()
    registration = services.registration_create(event=event, user=person)
    _login(client, person)
    page = client.get(reverse("bijeenkomsten:registration", args=[registration.pk])).content
    assert b"<svg" in page and b"Je ticket" in page
    mine = client.get(reverse("bijeenkomsten:mine")).content
    assert b"<svg" in mine


def test_a_scan_checks_in_and_a_second_scan_says_when(client, organiser, event):
    registration = services.registration_create(event=event, user=UserFactory(name="Anouk"))
    _login(client, organiser)
    url = reverse("bijeenkomsten:check_in_scan", args=[event.slug])
    arrival = timezone.localtime(event.starts_at).replace(hour=14, minute=2)
    with freeze_time(arrival):
        first = client.post(url, {"code": f"NP1:{registration.ticket_code}"}, HTTP_X_SCANNER="1")
    with freeze_time(arrival.replace(minute=30)):
        second = client.post(url, {"code": f"NP1:{registration.ticket_code}"}, HTTP_X_SCANNER="1")
    assert "Anouk" in first.content.decode() and "is ingecheckt" in first.content.decode()
    assert "was al binnen om 14:02" in second.content.decode()
    registration.refresh_from_db()
    assert timezone.localtime(registration.checked_in_at).strftime("%H:%M") == "14:02"


def test_a_scan_of_an_unknown_or_other_events_ticket_checks_in_nobody(client, organiser, event):
    other = services.registration_create(event=EventFactory(), user=UserFactory())
    _login(client, organiser)
    with freeze_time(event.starts_at):
        response = client.post(
            reverse("bijeenkomsten:check_in_scan", args=[event.slug]),
            {"code": f"NP1:{other.ticket_code}"},
        )
    assert response.status_code == 200
    assert "niet voor deze bijeenkomst" in response.content.decode()
    other.refresh_from_db()
    assert other.checked_in_at is None


def test_a_waiting_persons_ticket_does_not_check_in(event):
    services.registration_create(event=event, user=UserFactory())
    waiting = services.registration_create(event=event, user=UserFactory())
    with freeze_time(event.starts_at):
        result = services.registration_check_in_by_code(event=event, code=waiting.ticket_code)
    assert result.status == "not_coming"
    assert Registration.objects.get(pk=waiting.pk).checked_in_at is None


def test_the_ticket_png_is_a_real_png_of_the_ticket_payload(event):
    registration = services.registration_create(event=event, user=UserFactory())
    png = base64.b64decode(services.ticket_png_base64(registration))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_badges_can_carry_the_ticket_qr(client, organiser, event):
    services.registration_create(event=event, user=UserFactory(name="Anouk"))
    _login(client, organiser)
    url = reverse("bijeenkomsten:badges", args=[event.slug])
    assert b"<svg" not in client.get(url).content
    assert b"<svg" in client.get(url, {"qr": "1"}).content
