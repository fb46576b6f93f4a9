import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from freezegun import freeze_time

from bijeenkomsten import services
from bijeenkomsten.models import Event, EventMessage, Registration
from netwerkplatform.core.search.suggest import clear_vocabulary
from tests.bijeenkomsten.factories import EventFactory, RoundFactory, SessionFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ORGANISER_PAGES = [
    "dashboard",
    "attendees",
    "attendees_csv",
    "attendees_xlsx",
    "badges",
    "check_in",
    "evaluation_csv",
]


@pytest.fixture
def event_with_people():
    organiser = UserFactory(name="Marieke Organisator", verified=True)
    event = EventFactory(organiser=organiser, capacity=5)
    attendee = UserFactory(name="Anouk Deelnemer", hats=["moeder", "vrijwilliger"])
    services.registration_create(event=event, user=attendee, hats_today=["moeder"])
    services.registration_create(event=event, user=UserFactory(name="Bram Tweede"))
    return event, organiser, attendee


def _login(client, user):
    client.login(email=user.email, password=DEFAULT_PASSWORD)


@pytest.mark.parametrize("page", ORGANISER_PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("attendee", 403), ("other", 403), ("organiser", 200), ("staff", 200)],
)
def test_it_shows_attendee_data_only_to_organisers(client, event_with_people, page, role, expected):
    event, organiser, attendee = event_with_people
    people = {
        "attendee": attendee,
        "other": UserFactory(),
        "organiser": organiser,
        "staff": UserFactory(is_staff=True),
    }
    if role in people:
        _login(client, people[role])
    response = client.get(reverse(f"bijeenkomsten:{page}", args=[event.slug]))
    assert response.status_code == expected
    if expected != 200:
        assert b"Bram Tweede" not in response.content


def test_it_hides_a_draft_from_everyone_but_its_organisers(client):
    organiser = UserFactory()
    event = EventFactory(status=Event.Status.DRAFT, organiser=organiser)
    url = reverse("bijeenkomsten:detail", args=[event.slug])
    assert client.get(url).status_code == 404
    _login(client, UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(reverse("bijeenkomsten:dashboard", args=[event.slug])).status_code == 404
    _login(client, organiser)
    assert client.get(url).status_code == 200


def test_it_registers_with_a_session_per_round_and_hats(client):
    session = SessionFactory(capacity=3)
    event = session.round.event
    person = UserFactory(hats=["ambtenaar", "vader"])
    _login(client, person)
    form = client.get(reverse("bijeenkomsten:register", args=[event.slug]))
    assert "ambtenaar, vader" in form.content.decode()
    response = client.post(
        reverse("bijeenkomsten:register", args=[event.slug]),
        {
            f"round_{session.round_id}": session.pk,
            "hats_today": "ambtenaar, buurman",
            "needs": "glutenvrij",
            "show_on_attendee_list": "on",
        },
    )
    registration = Registration.objects.get(user=person)
    assert response.status_code == 302
    assert registration.hats_today == ["ambtenaar", "buurman"]
    assert registration.session_choices.get().session == session
    assert any("aangemeld" in m.subject or "registered" in m.subject for m in mail.outbox)


def test_it_keeps_what_was_typed_when_a_session_is_full(client):
    session = SessionFactory(capacity=1)
    event = session.round.event
    services.registration_create(
        event=event, user=UserFactory(), choices={session.round_id: session.pk}
    )
    person = UserFactory()
    _login(client, person)
    response = client.post(
        reverse("bijeenkomsten:register", args=[event.slug]),
        {f"round_{session.round_id}": session.pk, "needs": "rolstoel"},
    )
    assert response.status_code == 200
    assert "rolstoel" in response.content.decode()
    assert not Registration.objects.filter(user=person).exists()


def test_it_cancels_with_the_one_click_link_without_logging_in(client, event_with_people):
    event, _organiser, attendee = event_with_people
    registration = Registration.objects.get(user=attendee)
    url = reverse("bijeenkomsten:cancel_token", args=[registration.cancel_token])
    client.get(url)
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    client.post(url)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_it_exports_attendees_as_csv_and_xlsx(client, event_with_people):
    from openpyxl import load_workbook

    event, organiser, _attendee = event_with_people
    _login(client, organiser)
    csv_body = client.get(reverse("bijeenkomsten:attendees_csv", args=[event.slug])).content
    assert "Anouk Deelnemer" in csv_body.decode("utf-8-sig")
    xlsx = client.get(reverse("bijeenkomsten:attendees_xlsx", args=[event.slug])).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet.cell(row=2, column=1).value == "Anouk Deelnemer"
    assert sheet.cell(row=2, column=4).value == "moeder"


def test_it_checks_someone_in_and_undoes_it_with_htmx(client, event_with_people):
    event, organiser, attendee = event_with_people
    registration = Registration.objects.get(user=attendee)
    _login(client, organiser)
    url = reverse("bijeenkomsten:check_in_toggle", args=[event.slug, registration.pk])
    with freeze_time(event.starts_at):  # check-in opens on the day itself
        response = client.post(url, HTTP_HX_REQUEST="true")
        registration.refresh_from_db()
        assert registration.checked_in_at is not None
        assert b"<html" not in response.content
        client.post(url, {"undo": "1"})
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_it_searches_the_check_in_list(client, event_with_people):
    event, organiser, _attendee = event_with_people
    _login(client, organiser)
    response = client.get(
        reverse("bijeenkomsten:check_in", args=[event.slug]), {"q": "anouk"}, HTTP_HX_REQUEST="true"
    )
    assert b"Anouk Deelnemer" in response.content and b"Bram Tweede" not in response.content


def test_it_messages_every_confirmed_attendee_separately(client, event_with_people):
    event, organiser, attendee = event_with_people
    other = Registration.objects.get(user__name="Bram Tweede").user
    _login(client, organiser)
    mail.outbox.clear()
    client.post(
        reverse("bijeenkomsten:message", args=[event.slug]),
        {"subject": "Parkeren", "body": "Parkeer bij het station."},
    )
    sent = [m for m in mail.outbox if m.subject == "Parkeren"]
    assert sorted(m.to[0] for m in sent) == sorted([attendee.email, other.email])
    assert EventMessage.objects.get().recipient_count == 2
    # The organiser's words are quoted in a fixed frame that says who wrote them.
    assert "Marieke Organisator, organisator van" in sent[0].body
    assert "\n> Parkeer bij het station.\n" in sent[0].body


def test_it_refuses_a_capacity_below_the_confirmed_count_in_the_form(client, event_with_people):
    event, organiser, _attendee = event_with_people
    _login(client, organiser)
    form = client.get(reverse("bijeenkomsten:edit", args=[event.slug])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "themes_text"}
    data.update(
        capacity=1,
        starts_at=event.starts_at.strftime("%Y-%m-%dT%H:%M"),
        ends_at=event.ends_at.strftime("%Y-%m-%dT%H:%M"),
        municipality=event.municipality_id,
    )
    response = client.post(reverse("bijeenkomsten:edit", args=[event.slug]), data)
    assert response.status_code == 200
    event.refresh_from_db()
    assert event.capacity == 5


def test_it_lists_upcoming_events_with_filters_in_few_queries(
    client, django_assert_max_num_queries
):
    for _ in range(15):
        EventFactory()
    EventFactory(kind=Event.Kind.ROLLING_STONE, title="RollingStone Leiden")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("bijeenkomsten:index"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 12
    filtered = client.get(reverse("bijeenkomsten:index"), {"kind": "rolling_stone"})
    assert [e.title for e in filtered.context["page"].object_list] == ["RollingStone Leiden"]


def test_it_offers_a_close_spelling_when_an_event_search_finds_nothing(client):
    clear_vocabulary()
    EventFactory(title="Beursvloer Deventer")
    EventFactory(title="Leerkring buurtzorg")
    response = client.get(reverse("bijeenkomsten:index"), {"q": "beursvlor", "kind": ""})
    assert response.context["suggestion"] == "beursvloer"
    assert [e.title for e in response.context["page"].object_list] == ["Beursvloer Deventer"]
    page = response.content.decode()
    assert "Bedoelde je" in page and "?q=beursvloer" in page
    nothing = client.get(reverse("bijeenkomsten:index"), {"q": "xqzwv"})
    assert nothing.context["suggestion"] is None
    assert not nothing.context["page"].object_list
    clear_vocabulary()


def test_it_serves_an_ical_feed_of_upcoming_events(client):
    EventFactory(title="Samen Doen! Zwolle")
    EventFactory(title="Concept", status=Event.Status.DRAFT)
    body = client.get(reverse("bijeenkomsten:feed")).content.decode()
    assert "BEGIN:VCALENDAR" in body and "Samen Doen! Zwolle" in body
    assert "Concept" not in body


def test_it_gives_my_personal_programme_as_ics(client):
    session = SessionFactory(title="Crowdfunding")
    person = UserFactory()
    registration = services.registration_create(
        event=session.round.event, user=person, choices={session.round_id: session.pk}
    )
    _login(client, person)
    body = client.get(reverse("bijeenkomsten:registration_ics", args=[registration.pk])).content
    assert b"Crowdfunding" in body
    _login(client, UserFactory())
    assert (
        client.get(reverse("bijeenkomsten:registration_ics", args=[registration.pk])).status_code
        == 404
    )


def test_it_shows_the_evaluation_results_in_percentages(client, event_with_people):
    event, organiser, attendee = event_with_people
    round_ = RoundFactory(event=event, title="Ronde 1")
    registration = Registration.objects.get(user=attendee)
    client.post(
        reverse("bijeenkomsten:evaluate", args=[registration.cancel_token]),
        {
            "information_beforehand": "good",
            f"round_{round_.pk}": "sufficient",
            "takeaway": "Inspiratie",
        },
    )
    _login(client, organiser)
    page = client.get(reverse("bijeenkomsten:evaluation_results", args=[event.slug])).content
    assert b"100%" in page and b"Inspiratie" in page and b"50%" in page


def test_it_shows_my_registrations_on_my_overview(client, event_with_people):
    event, _organiser, attendee = event_with_people
    _login(client, attendee)
    assert event.title in client.get(reverse("core:mijn")).content.decode()


def test_it_exports_and_erases_my_event_data(event_with_people):
    from netwerkplatform.core.services import user_delete, user_export_data

    _event, _organiser, attendee = event_with_people
    Registration.objects.filter(user=attendee).update(needs="rolstoel")
    assert user_export_data(user=attendee)["bijeenkomsten"][0]["needs"] == "rolstoel"
    user_delete(user=attendee)
    registration = Registration.objects.get(user=attendee)
    assert registration.needs == "" and registration.hats_today == []


def test_it_says_why_the_one_click_link_cannot_cancel_once_the_event_is_over(
    client, event_with_people
):
    event, _organiser, attendee = event_with_people
    registration = Registration.objects.get(user=attendee)
    url = reverse("bijeenkomsten:cancel_token", args=[registration.cancel_token])
    with freeze_time(event.ends_at + datetime.timedelta(hours=1)):
        page = client.post(url).content.decode()
    assert page.count("Deze bijeenkomst is voorbij") == 1
    assert "Ja, annuleer mijn aanmelding" not in page
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


def test_it_shows_a_refused_check_in_in_its_row_and_not_again_on_the_next_page(
    client, event_with_people
):
    event, organiser, attendee = event_with_people
    registration = Registration.objects.get(user=attendee)
    _login(client, organiser)
    row = client.post(
        reverse("bijeenkomsten:check_in_toggle", args=[event.slug, registration.pk]),
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert 'role="alert">Inchecken kan alleen op de dag van de bijeenkomst.' in row
    page = client.get(reverse("bijeenkomsten:check_in", args=[event.slug])).content.decode()
    assert "Inchecken kan alleen op de dag" not in page


def test_it_tells_the_scanner_that_check_in_has_not_opened_yet(client, event_with_people):
    event, organiser, attendee = event_with_people
    registration = Registration.objects.get(user=attendee)
    _login(client, organiser)
    answer = client.post(
        reverse("bijeenkomsten:check_in_scan", args=[event.slug]),
        {"code": f"NP1:{registration.ticket_code}"},
        HTTP_X_SCANNER="1",
    ).content.decode()
    assert 'data-status="error"' in answer
    assert "Inchecken kan alleen op de dag van de bijeenkomst." in answer
    registration.refresh_from_db()
    assert registration.checked_in_at is None
