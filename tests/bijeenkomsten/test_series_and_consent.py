"""Series run by organisers, and consent for being named (issue 15 series, issue 11)."""

import datetime
from unittest.mock import patch

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from bijeenkomsten import services
from bijeenkomsten.models import Event, NamingInvitation, Series
from bijeenkomsten.services import series as series_services
from initiatieven.models import Membership
from tests.bijeenkomsten.factories import EventFactory, SeriesFactory
from tests.core.factories import DEFAULT_PASSWORD, UserFactory
from tests.initiatieven.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(email=user.email, password=DEFAULT_PASSWORD)


@pytest.fixture
def organiser():
    return UserFactory(name="Marieke Organisator")


@pytest.fixture
def host_team():
    # The initiative's on-commit matching run is not what these tests are about (and
    # this package's conftest would run it inside the test transaction): skip it.
    with patch.object(transaction, "on_commit", lambda *args, **kwargs: None):
        initiator = UserFactory(name="Ilse Initiatiefnemer")
        initiative = InitiativeFactory(name="Stadslab Deventer", initiator=initiator)
        core = UserFactory(name="Karel Kernteam")
        member = UserFactory(name="Mees Lid")
        Membership.objects.create(initiative=initiative, user=core, role=Membership.Role.CORE)
        Membership.objects.create(initiative=initiative, user=member, role=Membership.Role.MEMBER)
    return initiative, initiator, core, member


def test_it_names_a_host_only_after_its_team_accepts(organiser, host_team):
    initiative, initiator, core, member = host_team
    event = EventFactory(organiser=organiser)
    mail.outbox.clear()
    invitation = services.naming_invite(event=event, by=organiser, initiative=initiative)
    event.refresh_from_db()
    assert event.host_initiative is None
    assert invitation.status == "pending"
    [message] = mail.outbox
    assert set(message.to) == {initiator.email, core.email}  # not the plain member
    assert f"/bijeenkomsten/gastheer/{invitation.token}/" in message.body
    with pytest.raises(
        services.EventError,
        match="Alleen de initiatiefnemers en het kernteam van het initiatief",
    ):
        services.naming_answer(invitation=invitation, user=member, accept=True)
    mail.outbox.clear()
    services.naming_answer(invitation=invitation, user=core, accept=True)
    event.refresh_from_db()
    assert event.host_initiative == initiative
    assert [m.to for m in mail.outbox] == [[organiser.email]]


def test_it_leaves_the_host_unnamed_when_the_team_declines(organiser, host_team):
    initiative, initiator, _core, _member = host_team
    event = EventFactory(organiser=organiser)
    invitation = services.naming_invite(event=event, by=organiser, initiative=initiative)
    services.naming_answer(invitation=invitation, user=initiator, accept=False)
    event.refresh_from_db()
    assert event.host_initiative is None
    with pytest.raises(
        services.EventError, match="Deze uitnodiging is al beantwoord of ingetrokken"
    ):
        services.naming_answer(invitation=invitation, user=initiator, accept=True)


def test_it_accepts_at_once_when_the_organiser_is_in_the_host_team(host_team):
    initiative, initiator, _core, _member = host_team
    event = EventFactory(organiser=initiator)
    invitation = services.naming_invite(event=event, by=initiator, initiative=initiative)
    assert invitation.status == "accepted"
    event.refresh_from_db()
    assert event.host_initiative == initiative


def test_it_adds_an_event_to_someone_elses_series_only_after_they_accept(organiser):
    series_owner = UserFactory()
    series = SeriesFactory()
    series.organisers.add(series_owner)
    event = EventFactory(organiser=organiser)
    invitation = services.naming_invite(event=event, by=organiser, series=series)
    event.refresh_from_db()
    assert event.series is None
    services.naming_answer(invitation=invitation, user=series_owner, accept=True)
    event.refresh_from_db()
    assert event.series == series


def test_it_refuses_naming_a_foreign_host_through_the_event_form(client, organiser, host_team):
    initiative, *_ = host_team
    event = EventFactory(organiser=organiser)
    with pytest.raises(
        services.EventError, match="Nodig Stadslab Deventer uit vanaf het dashboard"
    ) as caught:
        services.event_update(event=event, by=organiser, host_initiative=initiative)
    assert caught.value.field == "host_initiative"
    _login(client, organiser)
    form_page = client.get(reverse("bijeenkomsten:edit", args=[event.slug]))
    assert "Stadslab Deventer" not in form_page.content.decode()


def test_the_answer_page_lets_the_team_accept(client, organiser, host_team):
    initiative, initiator, _core, member = host_team
    event = EventFactory(organiser=organiser, title="RollingStone bij Stadslab")
    invitation = services.naming_invite(event=event, by=organiser, initiative=initiative)
    url = reverse("bijeenkomsten:naming_answer", args=[invitation.token])
    _login(client, member)
    assert "initiatiefnemers en het kernteam" in client.get(url).content.decode()
    client.post(url, {"answer": "yes"})
    event.refresh_from_db()
    assert event.host_initiative is None
    _login(client, initiator)
    client.post(url, {"answer": "yes"})
    event.refresh_from_db()
    assert event.host_initiative == initiative
    page = client.get(reverse("bijeenkomsten:detail", args=[event.slug])).content.decode()
    assert "Stadslab Deventer" in page


def test_organisers_create_a_series_and_its_page_lists_meetings_with_hosts(
    client, organiser, host_team
):
    initiative, *_ = host_team
    _login(client, organiser)
    response = client.post(
        reverse("bijeenkomsten:series_create"),
        {"name": "RollingStones Overijssel", "description": "Elke keer bij een ander netwerk."},
    )
    series = Series.objects.get(name="RollingStones Overijssel")
    assert response.url == reverse("bijeenkomsten:series", args=[series.slug])
    assert list(series.organisers.all()) == [organiser]
    start = timezone.now() - datetime.timedelta(days=30)
    EventFactory(
        series=series,
        title="RollingStone 1",
        host_initiative=initiative,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )
    coming = EventFactory(series=series, title="RollingStone 2", organiser=organiser)
    EventFactory(series=series, title="Concept 3", status=Event.Status.DRAFT)
    client.logout()
    page = client.get(reverse("bijeenkomsten:series", args=[series.slug])).content.decode()
    assert "RollingStone 1" in page and "Stadslab Deventer" in page
    assert "RollingStone 2" in page and "Concept 3" not in page
    feed = Calendar.from_ical(
        client.get(reverse("bijeenkomsten:series_ics", args=[series.slug])).content
    )
    assert sorted(str(e["summary"]) for e in feed.walk("VEVENT")) == [
        "RollingStone 1",
        "RollingStone 2",
    ]
    # The organiser invites the next host from the series page.
    _login(client, organiser)
    mail.outbox.clear()
    client.post(
        reverse("bijeenkomsten:series", args=[series.slug]),
        {"event": coming.pk, "initiative": initiative.pk, "message": "Komen jullie?"},
    )
    invitation = NamingInvitation.objects.get(event=coming)
    assert invitation.status == "pending" and "Komen jullie?" in mail.outbox[0].body


def test_only_series_organisers_edit_a_series(client, organiser):
    series = SeriesFactory()
    _login(client, organiser)
    assert client.get(reverse("bijeenkomsten:series_edit", args=[series.slug])).status_code == 403
    series.organisers.add(organiser)
    assert client.get(reverse("bijeenkomsten:series_edit", args=[series.slug])).status_code == 200


def test_a_learning_circle_links_to_its_invitation_page(client, organiser):
    series = series_services.series_save(
        series=Series(name="Leerkring Noord", is_closed=True), organiser=organiser
    )
    event = EventFactory(organiser=organiser, series=series)
    _login(client, organiser)
    invite_url = reverse("bijeenkomsten:series_invite", args=[series.slug])
    assert (
        invite_url
        in client.get(reverse("bijeenkomsten:series", args=[series.slug])).content.decode()
    )
    assert (
        invite_url
        in client.get(reverse("bijeenkomsten:dashboard", args=[event.slug])).content.decode()
    )
