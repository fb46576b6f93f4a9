"""Questions at sign-up: the organiser adds them, people answer, answers show up in the
attendee list, the exports and the personal-data export."""

import pytest
from django.urls import reverse

from bijeenkomsten.models import Answer, Question, Registration
from netwerkplatform.core.services import user_export_data
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(email=user.email, password=DEFAULT_PASSWORD)


@pytest.fixture
def event_with_questions(client):
    organiser = UserFactory()
    event = EventFactory(organiser=organiser)
    _login(client, organiser)
    url = reverse("bijeenkomsten:questions", args=[event.slug])
    for data in [
        {"text": "Met welk vervoer kom je?", "kind": "choice", "options": "Fiets\nTrein"},
        {"text": "Wat wil je leren?", "kind": "multiple", "options": "Fondsen\nNetwerken"},
        {"text": "Blijf je eten?", "kind": "yes_no", "required": "on"},
        {"text": "Opmerking", "kind": "text"},
    ]:
        client.post(url, {"add": "1", **data})
    client.logout()
    return event, organiser


def test_a_choice_question_needs_two_options(client):
    organiser = UserFactory()
    event = EventFactory(organiser=organiser)
    _login(client, organiser)
    response = client.post(
        reverse("bijeenkomsten:questions", args=[event.slug]),
        {"add": "1", "text": "Vervoer?", "kind": "choice", "options": "Fiets"},
    )
    assert response.status_code == 200 and "twee opties" in response.content.decode()
    assert not Question.objects.exists()


def test_people_answer_and_organisers_see_the_answers(client, event_with_questions):
    event, organiser = event_with_questions
    q = {question.text: question for question in event.questions.all()}
    person = UserFactory(name="Anouk Deelnemer")
    _login(client, person)
    register = reverse("bijeenkomsten:register", args=[event.slug])
    # A required question left open: refused at the field, nothing saved.
    refused = client.post(register, {f"question_{q['Opmerking'].pk}": "Hoi"})
    assert refused.status_code == 200 and not Registration.objects.exists()
    client.post(
        register,
        {
            f"question_{q['Met welk vervoer kom je?'].pk}": "Trein",
            f"question_{q['Wat wil je leren?'].pk}": ["Fondsen", "Netwerken"],
            f"question_{q['Blijf je eten?'].pk}": "ja",
        },
    )
    registration = Registration.objects.get(user=person)
    assert dict(Answer.objects.values_list("question__text", "value")) == {
        "Met welk vervoer kom je?": "Trein",
        "Wat wil je leren?": "Fondsen; Netwerken",
        "Blijf je eten?": "ja",
    }
    _login(client, organiser)
    listing = client.get(reverse("bijeenkomsten:attendees", args=[event.slug])).content.decode()
    assert "Fondsen; Netwerken" in listing
    csv = client.get(reverse("bijeenkomsten:attendees_csv", args=[event.slug])).content.decode()
    assert "Met welk vervoer kom je?" in csv and "Trein" in csv
    exported = user_export_data(user=person)
    assert "Fondsen; Netwerken" in str(exported)
    assert registration.status == "confirmed"
