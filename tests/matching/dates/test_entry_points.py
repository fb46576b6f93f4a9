"""Dates can be found from the event's own pages, the sign-up asks the optional
matchmaking profile, and organisers get figures and exports."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from freezegun import freeze_time

from bijeenkomsten import services as event_services
from bijeenkomsten.models import Event as EventModel
from bijeenkomsten.models import Registration
from matching.dates import services as svc
from matching.dates.models import DateMatch, DateOutcome, DateProfile, DateSettings
from matching.models import EventMatchPage
from tests.core.factories import UserFactory
from tests.matching.dates.factories import accepted, date_end, event_with_dates, profile

pytestmark = pytest.mark.django_db


def url(name, event, *args):
    return reverse(f"matching:{name}", args=[event.slug, *args])


def test_it_links_the_dates_from_the_event_page_for_attendees(client):
    event, _org, (a, *_rest), _slots = event_with_dates()
    client.force_login(a)
    page = client.get(reverse("bijeenkomsten:detail", args=[event.slug])).content.decode()
    assert url("dates", event) in page and "Wie kun je hier ontmoeten?" in page
    assert url("dates_agenda", event) in page and "Mijn dates" in page


def test_it_shows_no_dates_block_on_the_event_page_when_dates_are_off(client):
    event, _org, (a, *_rest), _slots = event_with_dates()
    DateSettings.objects.filter(event=event).update(enabled=False)
    client.force_login(a)
    page = client.get(reverse("bijeenkomsten:detail", args=[event.slug])).content.decode()
    assert url("dates", event) not in page


def test_it_gives_the_organiser_dashboard_a_dates_tab(client):
    event, org, _people, _slots = event_with_dates()
    client.force_login(org)
    page = client.get(reverse("bijeenkomsten:dashboard", args=[event.slug])).content.decode()
    assert f'href="{url("dates_organise", event)}"' in page


def test_it_shows_whom_to_meet_on_the_registration_and_in_my_registrations(client):
    event, _org, (a, b, *_rest), _slots = event_with_dates()
    profile(event, a, looking_for=["space"])
    profile(event, b, offering=["space"])
    svc.date_request_create(event=event, sender=b, recipient=a)
    client.force_login(a)
    registration = Registration.objects.get(event=event, user=a)
    page = client.get(reverse("bijeenkomsten:registration", args=[registration.pk])).content
    page = page.decode()
    assert "Wie kun je hier ontmoeten?" in page
    assert f"{b.display_name} biedt ruimte; daar kom jij voor." in page
    mine = client.get(reverse("bijeenkomsten:mine")).content.decode()
    assert url("dates", event) in mine and "1 dateverzoek wacht" in mine


def test_it_asks_the_matchmaking_profile_at_sign_up_and_saves_it(client):
    event, _org, _people, _slots = event_with_dates()
    newcomer = UserFactory(verified=True, password=None)
    client.force_login(newcomer)
    form_url = reverse("bijeenkomsten:register", args=[event.slug])
    assert "Waarvoor kom je?" in client.get(form_url).content.decode()
    response = client.post(
        form_url,
        {
            "dates-looking_for": ["money", "knowledge"],
            "dates-offering": ["people"],
            "dates-themes": ["wonen"],
            "dates-about": "Iemand van een fonds",
            "join_session_waitlist": "on",
        },
    )
    assert response.status_code == 302
    saved = DateProfile.objects.get(event=event, user=newcomer)
    assert saved.looking_for == ["knowledge", "money"] and saved.offering == ["people"]
    assert saved.themes == ["wonen"] and saved.about == "Iemand van een fonds"


def test_it_keeps_what_was_typed_when_the_profile_is_invalid(client):
    event, _org, _people, _slots = event_with_dates()
    client.force_login(UserFactory(verified=True, password=None))
    page = client.post(
        reverse("bijeenkomsten:register", args=[event.slug]),
        {"dates-looking_for": ["nonsense"], "dates-about": "Mijn zin", "hats_today": "ouder"},
    )
    assert page.status_code == 200
    assert (
        "Mijn zin" in page.content.decode()
        and not Registration.objects.filter(user__email=page.wsgi_request.user.email).exists()
    )


def test_it_does_not_ask_the_profile_when_dates_are_off(client):
    event, _org, _people, _slots = event_with_dates()
    DateSettings.objects.filter(event=event).update(enabled=False)
    client.force_login(UserFactory(verified=True, password=None))
    page = client.get(reverse("bijeenkomsten:register", args=[event.slug])).content.decode()
    assert "Waarvoor kom je?" not in page


def test_it_accepts_a_proposed_time_from_the_dates_page(client):
    event, _org, (a, b, *_rest), slots = event_with_dates()
    request = svc.date_request_create(event=event, sender=a, recipient=b, proposed_slots=slots)
    client.force_login(b)
    page = client.get(url("dates", event)).content.decode()
    assert f'id="verzoek-{request.pk}"' in page and "Accepteer om" in page
    client.post(url("dates_respond", event, request.pk), {"answer": "accept", "slot": slots[1].pk})
    request.refresh_from_db()
    assert request.status == "accepted" and request.agreed_slot == slots[1]


def test_it_refuses_the_terugblik_before_the_date_without_an_error_page(client):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    client.force_login(a)
    page = client.post(url("dates_outcome", event, date.pk), {"happened": "yes", "useful": "yes"})
    assert page.status_code == 200
    assert "zodra hij voorbij is" in page.content.decode()
    assert not DateOutcome.objects.exists()


def test_it_shows_a_confirmed_date_match_on_both_agendas_and_the_event_page(client):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    profile(event, a, looking_for=["knowledge"])
    profile(event, b, offering=["knowledge"])
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    EventMatchPage.objects.create(event=event, is_public=True)
    with freeze_time(date_end(date) + datetime.timedelta(minutes=1)):
        for person in (a, b):
            client.force_login(person)
            client.post(
                url("dates_outcome", event, date.pk),
                {"happened": "yes", "useful": "yes", "public": "on"},
            )
        assert DateMatch.objects.get().public
        for person, other in ((a, b), (b, a)):
            client.force_login(person)
            agenda = client.get(url("dates_agenda", event)).content.decode()
            assert "Je matches van deze bijeenkomst" in agenda and other.email in agenda
    client.logout()
    public = client.get(reverse("matching:event", args=[event.slug])).content.decode()
    assert a.display_name in public and b.display_name in public
    assert a.email not in public


def test_it_names_a_date_match_publicly_only_when_both_agreed(client):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    EventMatchPage.objects.create(event=event, is_public=True)
    with freeze_time(date_end(date)):
        svc.date_outcome_record(date_request=date, user=a, happened=True, useful=True, public=True)
        svc.date_outcome_record(date_request=date, user=b, happened=True, useful=True)
    public = client.get(reverse("matching:event", args=[event.slug])).content.decode()
    assert a.display_name not in public and "En nog 1 match uit een date" in public


def test_it_exports_the_schedule_safe_for_spreadsheets(client):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    a.name = "=HYPERLINK(1)"
    a.save(update_fields=["name"])
    accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    client.force_login(org)
    csv_text = client.get(url("dates_export", event, "csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in csv_text and b.display_name in csv_text
    per_person = client.get(url("dates_export", event, "csv") + "?per=deelnemer").content
    rows = per_person.decode("utf-8-sig").splitlines()
    assert len(rows) == 3  # header, then the date once for each of the two people
    assert rows[1].startswith("'=HYPERLINK(1);") and rows[2].startswith(b.display_name)
    xlsx = client.get(url("dates_export", event, "xlsx"))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    lists = client.get(url("dates_attendees", event)).content.decode()
    assert b.display_name in lists


def test_it_forbids_attendees_the_exports(client):
    event, _org, (a, *_rest), _slots = event_with_dates()
    client.force_login(a)
    assert client.get(url("dates_export", event, "csv")).status_code == 403


def test_it_shows_the_organiser_figures_per_slot(client):
    event, org, (a, b, *_rest), _slots = event_with_dates()
    date = accepted(event, a, b)
    svc.dates_schedule(event=event, actor=org)
    svc.dates_publish(event=event, actor=org)
    with freeze_time(date_end(date)):
        svc.date_outcome_record(date_request=date, user=a, happened=False, useful=False)
    client.force_login(org)
    page = client.get(url("dates_organise", event)).content.decode()
    assert "Achteraf, per tijdvak" in page and "Niet verschenen" in page


def test_it_moves_the_date_slots_with_the_event_on_the_wall_clock():
    """An organiser moves the event a week earlier across the change to summer time:
    the date slots keep their local times on the new day (and so the agenda's .ics)."""
    amsterdam = ZoneInfo("Europe/Amsterdam")
    event, _org, _people, slots = event_with_dates(slots=2)
    start = datetime.datetime(2027, 4, 1, 13, 0, tzinfo=amsterdam)
    EventModel.objects.filter(pk=event.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=4)
    )
    for i, slot in enumerate(slots):
        slot.starts_at = start + datetime.timedelta(minutes=30 + 15 * i)
        slot.save()
    with freeze_time(datetime.datetime(2027, 1, 5, 9, tzinfo=amsterdam)):
        event_services.event_update(
            event=EventModel.objects.get(pk=event.pk),
            starts_at=datetime.datetime(2027, 3, 25, 13, 0, tzinfo=amsterdam),
            ends_at=datetime.datetime(2027, 3, 25, 17, 0, tzinfo=amsterdam),
        )
    local = [s.starts_at.astimezone(amsterdam) for s in event.date_slots.order_by("starts_at")]
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [(3, 25, 13, 30), (3, 25, 13, 45)]
