"""The dates pages: who may see and do what, and that they work without JavaScript."""

import pytest
from django.urls import reverse

from matching.dates import services as svc
from matching.dates.models import DateRequest
from tests.core.factories import UserFactory
from tests.matching.dates.factories import accepted, event_with_dates

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"matching:{name}", args=[event.slug, *args])


def test_it_hides_the_dates_page_from_people_not_at_the_event(client):
    event, *_ = event_with_dates()
    client.force_login(UserFactory(password=None))
    assert client.get(url("dates", event)).status_code == 404


def test_it_shows_attendees_whom_they_can_meet(client, django_assert_max_num_queries):
    event, _org, (a, b, *_rest), _slots = event_with_dates(attendees=8)
    client.force_login(a)
    with django_assert_max_num_queries(20):
        page = client.get(url("dates", event))
    assert page.status_code == 200
    assert b.display_name in page.content.decode()


def test_it_sends_a_request_from_a_plain_form(client):
    event, _org, (a, b, *_rest), _slots = event_with_dates()
    client.force_login(a)
    response = client.post(url("dates_request", event, b.pk), {"message": "Koffie?"})
    assert response.status_code == 302
    assert DateRequest.objects.get().message == "Koffie?"


def test_it_keeps_the_message_when_the_request_is_refused(client):
    event, _org, (a, *_rest), _slots = event_with_dates()
    client.force_login(a)
    page = client.post(url("dates_request", event, a.pk), {"message": "Mijn tekst"})
    assert page.status_code == 200
    assert "Mijn tekst" in page.content.decode()


def test_it_forbids_attendees_the_organiser_pages(client):
    event, _org, (a, *_rest), _slots = event_with_dates()
    client.force_login(a)
    assert client.get(url("dates_organise", event)).status_code == 403
    assert client.post(url("dates_run", event)).status_code == 403
    assert client.post(url("dates_publish", event)).status_code == 403


def test_it_shows_the_organiser_the_grid_and_publishes(client, django_capture_on_commit_callbacks):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    accepted(event, a, b)
    client.force_login(org)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("dates_run", event))
    page = client.get(url("dates_organise", event))
    assert "<table" in page.content.decode()
    client.post(url("dates_publish", event))
    assert DateRequest.objects.get().published_at is not None


def test_it_gives_the_attendee_an_agenda_and_a_calendar_file(client):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    client.force_login(a)
    page = client.get(url("dates_agenda", event)).content.decode()
    assert b.display_name in page
    ics = client.get(url("dates_agenda_ics", event))
    assert ics["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in ics.content


def test_it_lets_nobody_else_answer_a_request(client):
    event, _org, (a, b, c, _d), _slots = event_with_dates()
    request = svc.date_request_create(event=event, sender=a, recipient=b)
    client.force_login(c)
    response = client.post(url("dates_respond", event, request.pk), {"answer": "accept"})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "requested"


def test_it_saves_blocked_slots(client):
    event, _org, (a, *_rest), slots = event_with_dates()
    client.force_login(a)
    client.post(url("dates_blocks", event), {"slots": [slots[1].pk]})
    assert list(a.date_blocks.values_list("slot_id", flat=True)) == [slots[1].pk]
