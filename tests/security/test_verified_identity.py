"""Issue 11, "an address proves identity only once verified": each attack as reported.

Anyone can sign up with any address. Before the fix, an unverified account with an
invited address saw that person's mozaïek answers in its export, wiped them on
deletion, took a closed series' place, a team invitation and a duo place.
"""

import logging

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from bijeenkomsten import services as events
from bijeenkomsten.models import DuoInvitation, Event, Registration
from initiatieven import services as initiatives
from initiatieven.models import Invitation, Membership
from initiatieven.mozaiek import services as mozaiek
from initiatieven.mozaiek.models import Answer
from initiatieven.mozaiek.models import Invitation as RoundInvitation
from netwerkplatform.core.selectors import (
    user_owns_address,
    user_with_verified_address,
    verified_emails,
)
from netwerkplatform.core.services import user_delete, user_export_data
from tests.bijeenkomsten.factories import EventFactory, SeriesFactory
from tests.core.factories import UserFactory
from tests.initiatieven.factories import InitiativeFactory
from tests.mozaiek.factories import (
    AssessmentFactory,
    coordinator_of,
    member_of,
    submitted_response,
)

pytestmark = pytest.mark.django_db

VICTIM = "echte.persoon@example.nl"


def _answers_of_victim():
    response = submitted_response(AssessmentFactory(), 2, comment="Mijn eerlijke mening")
    RoundInvitation.objects.filter(pk=response.invitation_id).update(email=VICTIM)
    return response


# --- the rule, once, in core ------------------------------------------------------------


def test_it_counts_only_verified_addresses_as_owned():
    person = UserFactory(email="Iemand@Example.nl", verified=False)
    EmailAddress.objects.create(user=person, email="werk@example.nl", verified=True)
    assert verified_emails(person) == {"werk@example.nl"}
    assert user_owns_address(person, "WERK@example.nl")
    assert not user_owns_address(person, "iemand@example.nl")
    assert user_with_verified_address("iemand@example.nl") is None
    assert user_with_verified_address("werk@example.nl") == person


# --- mozaïek: export and deletion ---------------------------------------------------------


def test_it_keeps_mozaiek_answers_out_of_an_unverified_impostors_export(client):
    _answers_of_victim()
    impostor = UserFactory(email=VICTIM, verified=False)
    assert user_export_data(user=impostor)["mozaiek"] == []
    client.force_login(impostor)
    body = client.get(reverse("core:account_export")).content.decode()
    assert "Mijn eerlijke mening" not in body


def test_it_exports_mozaiek_answers_once_the_address_is_verified():
    _answers_of_victim()
    owner = UserFactory(email=VICTIM, verified=True)
    rows = user_export_data(user=owner)["mozaiek"]
    assert rows[0]["response"]["answers"][0]["comment"] == "Mijn eerlijke mening"


def test_it_leaves_the_real_persons_answers_alone_when_an_impostor_deletes_their_account():
    response = _answers_of_victim()
    token = response.invitation.token
    impostor = UserFactory(email=VICTIM, verified=False)
    user_delete(user=impostor)
    invitation = RoundInvitation.objects.get(pk=response.invitation_id)
    assert (invitation.email, invitation.token) == (VICTIM, token)  # their link still works
    assert Answer.objects.filter(response=response, comment="Mijn eerlijke mening").exists()


def test_it_does_not_link_a_new_mozaiek_invitation_to_an_unverified_account():
    assessment = AssessmentFactory()
    coordinator = coordinator_of(assessment.initiative)
    impostor = UserFactory(email=VICTIM, verified=False)
    mozaiek.assessment_invite(assessment=assessment, user=coordinator, emails=[VICTIM])
    invitation = RoundInvitation.objects.get(assessment=assessment, email=VICTIM)
    assert invitation.user is None
    assert impostor.mozaiek_invitations.count() == 0


def test_it_refuses_an_unverified_member_the_link_sent_to_their_login_address():
    assessment = AssessmentFactory()
    coordinator = coordinator_of(assessment.initiative)
    mozaiek.assessment_invite(assessment=assessment, user=coordinator, emails=[VICTIM])
    impostor = UserFactory(email=VICTIM, verified=False)
    Membership.objects.create(initiative=assessment.initiative, user=impostor)
    with pytest.raises(mozaiek.MozaiekError, match="Bevestig eerst je e-mailadres"):
        mozaiek.invitation_for_member(assessment=assessment, user=impostor)


def test_it_gives_a_verified_member_the_link_sent_to_their_address():
    assessment = AssessmentFactory()
    coordinator = coordinator_of(assessment.initiative)
    mozaiek.assessment_invite(assessment=assessment, user=coordinator, emails=[VICTIM])
    owner = member_of(assessment.initiative, email=VICTIM)
    invitation = mozaiek.invitation_for_member(assessment=assessment, user=owner)
    assert invitation.email == VICTIM and invitation.user == owner


# --- events: closed series and duos ---------------------------------------------------------


def test_it_refuses_a_closed_series_place_to_an_unverified_account_with_the_invited_address():
    series = SeriesFactory(is_closed=True)
    event = EventFactory(series=series, kind=Event.Kind.LEARNING_CIRCLE)
    events.series_invite(series=series, emails=[VICTIM], sender=UserFactory(verified=True))
    impostor = UserFactory(email=VICTIM, verified=False)
    with pytest.raises(events.RegistrationError, match="alleen op uitnodiging"):
        events.registration_create(event=event, user=impostor)
    assert not Registration.objects.filter(user=impostor).exists()


def test_it_refuses_a_duo_place_to_an_account_that_did_not_verify_the_partners_address():
    event = EventFactory(capacity=5, duos_welcome=True)
    events.registration_create(event=event, user=UserFactory(verified=True), duo_email=VICTIM)
    invitation = DuoInvitation.objects.get()
    impostor = UserFactory(email=VICTIM, verified=False)
    with pytest.raises(events.RegistrationError, match="ander e-mailadres"):
        events.duo_invitation_accept(invitation=invitation, user=impostor)
    other = UserFactory(verified=True)
    with pytest.raises(events.RegistrationError, match="ander e-mailadres"):
        events.duo_invitation_accept(invitation=invitation, user=other)
    invitation.refresh_from_db()
    assert invitation.status == DuoInvitation.Status.PENDING


# --- team and organisation invitations ------------------------------------------------------


def _team_invitation(**kwargs):
    initiator = UserFactory(verified=True)
    initiative = InitiativeFactory(initiator=initiator)
    invitation = initiatives.invitation_create(
        by=initiator, initiative=initiative, email=VICTIM, role="core", **kwargs
    )
    return initiative, invitation


def test_it_refuses_a_team_invitation_to_an_unverified_account_with_the_invited_address(client):
    initiative, invitation = _team_invitation()
    impostor = UserFactory(email=VICTIM, verified=False)
    client.force_login(impostor)
    page = client.get(reverse("initiatieven:invitation", args=[invitation.token]))
    assert "ander e-mailadres" in page.content.decode()
    client.post(reverse("initiatieven:invitation", args=[invitation.token]))
    assert not Membership.objects.filter(initiative=initiative, user=impostor).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_it_refuses_a_team_invitation_to_someone_else_who_opens_the_link(client):
    initiative, invitation = _team_invitation()
    forwarded_to = UserFactory(verified=True)
    client.force_login(forwarded_to)
    client.post(reverse("initiatieven:invitation", args=[invitation.token]), {"as_myself": "1"})
    assert not Membership.objects.filter(initiative=initiative, user=forwarded_to).exists()


def test_it_accepts_a_team_invitation_from_the_account_that_verified_the_address(client):
    initiative, invitation = _team_invitation()
    owner = UserFactory(email=VICTIM, verified=True)
    client.force_login(owner)
    client.post(reverse("initiatieven:invitation", args=[invitation.token]))
    assert Membership.objects.get(initiative=initiative, user=owner).role == "core"


def test_it_accepts_as_myself_only_where_the_inviter_allowed_it_and_logs_it(client, caplog):
    initiative, invitation = _team_invitation(allow_other_address=True)
    other = UserFactory(email="prive@example.nl", verified=True)
    client.force_login(other)
    page = client.get(reverse("initiatieven:invitation", args=[invitation.token]))
    assert "Aannemen als mijzelf" in page.content.decode()
    client.post(reverse("initiatieven:invitation", args=[invitation.token]))  # not explicit
    assert not Membership.objects.filter(initiative=initiative, user=other).exists()
    with caplog.at_level(logging.WARNING, logger="netwerkplatform.security"):
        client.post(reverse("initiatieven:invitation", args=[invitation.token]), {"as_myself": "1"})
    assert Membership.objects.filter(initiative=initiative, user=other).exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_by == other
    assert any("accepted as themselves" in r.getMessage() for r in caplog.records)


def test_it_keeps_the_real_persons_team_invitation_when_an_impostor_deletes_their_account():
    _initiative, invitation = _team_invitation()
    impostor = UserFactory(email=VICTIM, verified=False)
    user_delete(user=impostor)
    assert Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).exists()


def test_it_refuses_accept_as_myself_to_an_unverified_account():
    _initiative, invitation = _team_invitation(allow_other_address=True)
    unverified = UserFactory(verified=False)
    with pytest.raises(
        initiatives.InitiativeError, match="Deze uitnodiging is naar een ander e-mailadres gestuurd"
    ):
        initiatives.invitation_accept(user=unverified, token=invitation.token, as_myself=True)
