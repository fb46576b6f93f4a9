"""The evaluation as seed 001 reports it: plenary asked once, each workshop rated on its
own (grouped by round), only people who were there invited, "geen antwoorden"."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten import forms, services
from bijeenkomsten.models import Event, Session
from tests.bijeenkomsten.factories import EventFactory, RoundFactory, SessionFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def day():
    organiser = UserFactory()
    event = EventFactory(organiser=organiser, capacity=10)
    opening = RoundFactory(event=event, title="Plenaire opening")
    SessionFactory(round=opening, title="Welkom", kind=Session.Kind.PLENARY, capacity=None)
    round_1 = RoundFactory(
        event=event,
        title="Ronde 1",
        starts_at=event.starts_at + datetime.timedelta(hours=2),
        ends_at=event.starts_at + datetime.timedelta(hours=3),
    )
    a = SessionFactory(round=round_1, title="Buurtkracht", capacity=5)
    b = SessionFactory(round=round_1, title="Fondsenwerving", capacity=5)
    return event, organiser, round_1, a, b


def _end(event):
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=5),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    event.refresh_from_db()


def test_it_asks_the_plenary_once_and_the_chosen_workshop_on_its_own(day):
    event, _organiser, round_1, a, _b = day
    registration = services.registration_create(
        event=event, user=UserFactory(), choices={round_1.pk: a.pk}
    )
    form = forms.EvaluationForm(event=event, registration=registration)
    labels = [str(f.label) for f in form.fields.values()]
    assert sum("plenaire" in label.lower() for label in labels) == 1
    assert any("Buurtkracht" in label and "Ronde 1" in label for label in labels)
    assert not any("Fondsenwerving" in label for label in labels)


def test_it_reports_each_workshop_grouped_by_round_and_no_answers_instead_of_zero(day):
    event, _organiser, round_1, a, b = day
    registration = services.registration_create(
        event=event, user=UserFactory(), choices={round_1.pk: a.pk}
    )
    services.evaluation_submit(
        registration=registration, data={"plenary": "good", "session_ratings": {a.pk: "good"}}
    )
    questions = {q["label"]: q for q in services.evaluation_results(event=event)["questions"]}
    assert "Plenaire opening" not in questions
    assert questions["Buurtkracht"]["group"] == "Ronde 1"
    assert questions["Buurtkracht"]["positive_percent"] == 100
    assert questions["Fondsenwerving"]["answered"] == 0


def test_the_results_page_says_no_answers(client, day):
    event, organiser, round_1, a, _b = day
    registration = services.registration_create(
        event=event, user=UserFactory(), choices={round_1.pk: a.pk}
    )
    services.evaluation_submit(registration=registration, data={"plenary": "good"})
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    page = client.get(reverse("bijeenkomsten:evaluation_results", args=[event.slug]))
    assert "geen antwoorden" in page.content.decode()


def test_it_invites_only_people_who_were_there_when_check_in_was_used(day):
    event, *_ = day
    came = services.registration_create(event=event, user=UserFactory())
    no_show = services.registration_create(event=event, user=UserFactory())
    _end(event)
    came.checked_in_at = event.starts_at
    came.save(update_fields=["checked_in_at"])
    mail.outbox.clear()
    assert services.evaluations_invite() == 1
    assert [m.to for m in mail.outbox] == [[came.user.email]]
    assert not hasattr(no_show, "evaluation") or no_show.evaluation is None


def test_the_organiser_sends_and_resends_by_hand(client, day):
    event, organiser, *_ = day
    person = services.registration_create(event=event, user=UserFactory())
    client.login(email=organiser.email, password=DEFAULT_PASSWORD)
    url = reverse("bijeenkomsten:evaluation_results", args=[event.slug])
    mail.outbox.clear()
    client.post(url)
    assert mail.outbox == []  # not over yet: nothing goes out
    _end(event)
    mail.outbox.clear()
    client.post(url)
    client.post(url)  # a second click sends nothing new
    assert [m.to for m in mail.outbox] == [[person.user.email]]
    client.post(url, {"resend": "1"})
    assert len(mail.outbox) == 2
