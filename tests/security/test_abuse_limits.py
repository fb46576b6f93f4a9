"""Issue 11: abuse limits — sign-up does not reveal accounts, the date-request page names
only people at the same event, /health/ details only for staff, invitations capped."""

import pytest
from django.urls import reverse

from netwerkplatform.core.limits import InvitationLimitError
from tests.core.factories import UserFactory
from tests.matching.dates.factories import event_with_dates

pytestmark = pytest.mark.django_db

SIGNUP = {
    "name": "Iemand",
    "password1": "Een-lang-wachtwoord-42",
    "password2": "Een-lang-wachtwoord-42",
}


def test_it_answers_sign_up_the_same_whether_or_not_the_address_has_an_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="bestaat@example.nl", verified=True)
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/account/signup/", {**SIGNUP, "email": "bestaat@example.nl"})
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post("/account/signup/", {**SIGNUP, "email": "nieuw@example.nl"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The owner of the existing account hears about it by mail; nobody else learns it.
    assert {m.to[0] for m in mailoutbox} == {"bestaat@example.nl", "nieuw@example.nl"}


def test_it_shows_the_date_request_page_only_for_people_at_the_same_event(client):
    event, _organiser, people, _slots = event_with_dates(attendees=2)
    stranger = UserFactory(verified=True, name="Geheime Naam")
    client.force_login(people[0])
    url = reverse("matching:dates_request", args=[event.slug, stranger.pk])
    response = client.get(url)
    assert response.status_code == 404
    assert "Geheime Naam" not in response.content.decode()
    ok = client.get(reverse("matching:dates_request", args=[event.slug, people[1].pk]))
    assert ok.status_code == 200


def test_it_gives_health_details_only_to_staff(client):
    anonymous = client.get("/health/")
    assert anonymous.status_code == 200
    assert anonymous.json() == {"status": "ok"}
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/health/").json()["checks"]["database"] == "ok"


@pytest.fixture
def small_caps(settings):
    from django.core.cache import cache

    cache.clear()
    settings.INVITATIONS_PER_PERSON_PER_DAY = 3
    settings.INVITATIONS_PER_ORGANISATION_PER_DAY = 4
    yield
    cache.clear()


def test_it_refuses_mozaiek_invitations_from_an_unverified_sender(small_caps, mailoutbox):
    from initiatieven.models import Membership
    from initiatieven.mozaiek import services
    from tests.mozaiek.factories import AssessmentFactory

    assessment = AssessmentFactory()
    unverified = UserFactory(verified=False)
    Membership.objects.create(
        initiative=assessment.initiative, user=unverified, role=Membership.Role.INITIATOR
    )
    with pytest.raises(InvitationLimitError, match="e-mailadres"):
        services.assessment_invite(assessment=assessment, user=unverified, emails=["a@x.nl"])
    assert mailoutbox == []


def test_it_caps_invitations_per_person_and_per_network_per_day(small_caps):
    from initiatieven.mozaiek import services
    from tests.mozaiek.factories import AssessmentFactory, coordinator_of

    assessment = AssessmentFactory()
    first, second = coordinator_of(assessment.initiative), coordinator_of(assessment.initiative)
    services.assessment_invite(assessment=assessment, user=first, emails=["a@x.nl", "b@x.nl"])
    with pytest.raises(InvitationLimitError, match="per dag"):  # person: 2 + 2 > 3
        services.assessment_invite(assessment=assessment, user=first, emails=["c@x.nl", "d@x.nl"])
    services.assessment_invite(assessment=assessment, user=second, emails=["e@x.nl", "f@x.nl"])
    with pytest.raises(InvitationLimitError, match="per dag"):  # network: 4 + 1 > 4
        services.assessment_invite(assessment=assessment, user=second, emails=["g@x.nl"])
    # Inviting an address again (its link stays) costs nothing.
    services.assessment_invite(assessment=assessment, user=second, emails=["e@x.nl"])


def test_it_caps_team_invitations_too(small_caps):
    from initiatieven import services
    from initiatieven.models import Membership
    from tests.initiatieven.factories import InitiativeFactory

    person = UserFactory(verified=True)
    initiative = InitiativeFactory(initiator=person)
    for n in range(3):
        services.invitation_create(
            by=person, email=f"lid{n}@x.nl", role=Membership.Role.MEMBER, initiative=initiative
        )
    with pytest.raises(InvitationLimitError, match="per dag"):
        services.invitation_create(
            by=person, email="lid9@x.nl", role=Membership.Role.MEMBER, initiative=initiative
        )


def test_it_refuses_a_duo_invitation_and_a_series_invitation_from_an_unverified_sender(
    small_caps, mailoutbox
):
    from bijeenkomsten import services
    from tests.bijeenkomsten.factories import EventFactory, SeriesFactory

    event = EventFactory()
    with pytest.raises(InvitationLimitError, match="e-mailadres"):
        services.registration_create(
            event=event, user=UserFactory(verified=False), duo_email="partner@example.nl"
        )
    with pytest.raises(InvitationLimitError, match="e-mailadres"):
        services.series_invite(
            series=SeriesFactory(), emails=["a@x.nl"], sender=UserFactory(verified=False)
        )
    assert mailoutbox == []
