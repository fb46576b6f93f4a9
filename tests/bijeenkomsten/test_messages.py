"""Messages to attendees: preview first, replies to the organiser, chosen recipients."""

import pytest
from django.core import mail
from django.urls import reverse

from bijeenkomsten import services
from bijeenkomsten.models import EventMessage
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    organiser = UserFactory(email="marieke@organisator.nl", verified=True)
    event = EventFactory(organiser=organiser, capacity=2)
    came = services.registration_create(event=event, user=UserFactory())
    stayed_home = services.registration_create(event=event, user=UserFactory())
    waiting = services.registration_create(event=event, user=UserFactory())
    came.checked_in_at = event.starts_at
    came.save(update_fields=["checked_in_at"])
    return event, organiser, came, stayed_home, waiting


def _post(client, event, organiser, **data):
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    mail.outbox.clear()
    return client.post(
        reverse("bijeenkomsten:message", args=[event.slug]),
        {"subject": "Parkeren", "body": "Parkeer bij het station.", **data},
    )


def test_a_preview_shows_the_mail_and_sends_nothing(client, setting):
    event, organiser, *_ = setting
    response = _post(client, event, organiser, audience="waitlisted", preview="1")
    content = response.content.decode()
    assert "Parkeer bij het station." in content and "marieke@organisator.nl" in content
    assert "Gaat naar 1 mensen" in content
    assert mail.outbox == [] and not EventMessage.objects.exists()
    assert 'value="Parkeren"' in content  # the form keeps what was typed


@pytest.mark.parametrize(
    ("audience", "who"),
    [
        ("confirmed", {"came", "stayed_home"}),
        ("waitlisted", {"waiting"}),
        ("checked_in", {"came"}),
        ("not_checked_in", {"stayed_home"}),
    ],
)
def test_it_sends_to_the_chosen_recipients_with_reply_to_the_organiser(
    client, setting, audience, who
):
    event, organiser, came, stayed_home, waiting = setting
    people = {"came": came, "stayed_home": stayed_home, "waiting": waiting}
    _post(client, event, organiser, audience=audience)
    sent = [m for m in mail.outbox if m.subject == "Parkeren"]
    assert sorted(m.to[0] for m in sent) == sorted(people[name].user.email for name in who)
    assert all(m.reply_to == ["marieke@organisator.nl"] for m in sent)


def test_it_sends_the_organisers_words_quoted_in_the_fixed_frame(client, setting):
    event, organiser, *_ = setting
    _post(client, event, organiser, audience="confirmed")
    sent = next(m for m in mail.outbox if m.subject == "Parkeren")
    assert "> Parkeer bij het station." in sent.body
    assert event.title in sent.body.split("\n")[0]  # the platform says who writes
