"""Issue 11, "contact details stay hidden until both sides said yes": each attack as
reported, and every other path that could confirm a match or reveal a contact address.

Before the fix any verified user could create a draft event, record a match between
their own initiative and any public initiative or organisation on its "matches" page,
and read the victim's contact e-mail (or an organisation member's login address) on
/matches/.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Event, Registration
from initiatieven.models import Membership, Organisation
from matching import services
from matching.models import Match
from tests.bijeenkomsten.factories import EventFactory
from tests.core.factories import UserFactory
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    OrganisationFactory,
)
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db

VICTIM_CONTACT = "geheim@slachtoffer.nl"
MEMBER_LOGIN = "login.van.lid@fonds.nl"


@pytest.fixture
def attacker():
    return UserFactory(verified=True)


@pytest.fixture
def attackers_initiative(attacker):
    return InitiativeFactory(name="Aanvaller", initiator=attacker)


@pytest.fixture
def victim():
    return InitiativeFactory(
        name="Slachtoffer", contact_email=VICTIM_CONTACT, initiator=UserFactory(verified=True)
    )


@pytest.fixture
def quiet_fund():
    """A fund without a public or contact address; its member logs in with an address."""
    member = UserFactory(email=MEMBER_LOGIN, verified=True)
    return OrganisationFactory(name="Stil Fonds", email="", member=member)


def _draft_event_of(user):
    start = timezone.now() + datetime.timedelta(days=3)
    event = EventFactory(
        status=Event.Status.DRAFT, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    event.organisers.add(user)
    return event


def _attend(event, *people):
    for person in people:
        Registration.objects.create(
            event=event, user=person, status=Registration.Status.CONFIRMED, queued_at=timezone.now()
        )


def _initiator(initiative):
    return initiative.memberships.get(role=Membership.Role.INITIATOR).user


def test_it_refuses_a_match_recorded_at_an_attackers_own_draft_event(
    client, attacker, attackers_initiative, victim, quiet_fund
):
    event = _draft_event_of(attacker)
    client.force_login(attacker)
    url = reverse("matching:event_manage", args=[event.slug])
    for target in ({"other_initiative": victim.pk}, {"organisation": quiet_fund.pk}):
        response = client.post(
            url, {"record": "1", "initiative": attackers_initiative.pk, **target}
        )
        assert response.status_code == 200  # the form comes back with an error
    with pytest.raises(services.MatchError, match="Niemand van"):
        services.match_record_at_event(
            user=attacker, event=event, initiative=attackers_initiative, other_initiative=victim
        )
    assert not Match.objects.exists()
    body = client.get(reverse("matching:index")).content.decode()
    assert VICTIM_CONTACT not in body and MEMBER_LOGIN not in body


def test_it_turns_a_match_recorded_at_an_event_into_a_question_to_both_sides(
    client, attacker, attackers_initiative, victim
):
    event = _draft_event_of(UserFactory(verified=True))
    organiser = event.organisers.get()
    _attend(event, attacker, _initiator(victim))
    match = services.match_record_at_event(
        user=organiser, event=event, initiative=attackers_initiative, other_initiative=victim
    )
    assert match.status == Match.Status.SUGGESTED
    assert (match.initiative_response, match.other_response) == ("", "")
    client.force_login(organiser)
    manage = client.get(reverse("matching:event_manage", args=[event.slug])).content.decode()
    assert "Voorgesteld, wacht op antwoord" in manage and VICTIM_CONTACT not in manage
    client.force_login(attacker)
    body = client.get(reverse("matching:index")).content.decode()
    assert VICTIM_CONTACT not in body
    client.force_login(_initiator(victim))
    body = client.get(reverse("matching:detail", args=[match.pk])).content.decode()
    assert f"Gemaakt tijdens {event.title}, klopt dit?" in body
    services.match_respond(match=match, user=attacker, interested=True)
    client.force_login(attacker)
    assert VICTIM_CONTACT not in client.get(reverse("matching:index")).content.decode()
    services.match_respond(match=match, user=_initiator(victim), interested=True)
    assert VICTIM_CONTACT in client.get(reverse("matching:index")).content.decode()


def test_it_never_overwrites_a_not_interested_when_recording_at_an_event(
    attacker, attackers_initiative, victim
):
    match = MatchFactory(initiative=attackers_initiative, other_initiative=victim)
    services.match_respond(match=match, user=_initiator(victim), interested=False)
    event = _draft_event_of(UserFactory(verified=True))
    _attend(event, attacker, _initiator(victim))
    services.match_record_at_event(
        user=event.organisers.get(),
        event=event,
        initiative=attackers_initiative,
        other_initiative=victim,
    )
    match.refresh_from_db()
    assert match.status == Match.Status.DECLINED
    assert match.other_response == Match.Response.NOT_INTERESTED
    assert match.event == event  # the event is remembered, the answer kept


def test_it_uses_the_reverse_suggestion_of_the_same_pair(attacker, attackers_initiative, victim):
    existing = MatchFactory(initiative=victim, other_initiative=attackers_initiative)
    proposed = services.match_propose(
        initiative=attackers_initiative,
        other_initiative=victim,
        by=attacker,
        interested_side=services.SIDE_INITIATIVE,
    )
    assert proposed.pk == existing.pk and Match.objects.count() == 1
    assert proposed.other_response == Match.Response.INTERESTED  # the attacker's side
    assert proposed.status == Match.Status.SUGGESTED


def test_it_never_shows_an_organisation_members_login_address_as_contact(
    client, victim, quiet_fund
):
    fund_person = quiet_fund.members.get().user
    match = services.match_create_manual(
        user=fund_person, organisation=quiet_fund, initiative=victim, scheme=None
    )
    services.match_respond(match=match, user=_initiator(victim), interested=True)
    match.refresh_from_db()
    assert match.is_matched
    assert services.contact_of(match, services.SIDE_OTHER)["email"] == ""
    client.force_login(_initiator(victim))
    assert MEMBER_LOGIN not in client.get(reverse("matching:index")).content.decode()


def test_it_shares_the_contact_address_an_organisation_set_for_matches(victim, quiet_fund):
    Organisation.objects.filter(pk=quiet_fund.pk).update(contact_email="matches@stilfonds.nl")
    fund_person = quiet_fund.members.get().user
    match = services.match_create_manual(
        user=fund_person, organisation=quiet_fund, initiative=victim, scheme=None
    )
    services.match_respond(match=match, user=_initiator(victim), interested=True)
    match.refresh_from_db()
    assert services.contact_of(match, services.SIDE_OTHER)["email"] == "matches@stilfonds.nl"


def test_it_keeps_a_match_started_from_a_profile_a_proposal(client, victim):
    fund_person = UserFactory(verified=True)
    fund = OrganisationFactory(member=fund_person, email="info@fonds.nl")
    scheme = FundingSchemeFactory(organisation=fund)
    client.force_login(fund_person)
    client.post(
        reverse("matching:manual", args=[victim.slug]),
        {"organisation": fund.pk, "scheme": scheme.pk},
    )
    match = Match.objects.get(scheme=scheme)
    assert match.status == Match.Status.SUGGESTED
    assert match.other_response == Match.Response.INTERESTED
    assert match.initiative_response == ""
    detail = client.get(reverse("matching:detail", args=[match.pk])).content.decode()
    assert VICTIM_CONTACT not in detail


def test_it_lets_only_initiators_and_core_team_answer_for_an_initiative(client, victim):
    fund_person = UserFactory(verified=True)
    fund = OrganisationFactory(member=fund_person)
    match = services.match_create_manual(
        user=fund_person, organisation=fund, initiative=victim, scheme=None
    )
    plain_member = UserFactory(verified=True)
    Membership.objects.create(initiative=victim, user=plain_member, role=Membership.Role.MEMBER)
    with pytest.raises(services.MatchError, match="kernteam"):
        services.match_respond(match=match, user=plain_member, interested=True)
    client.force_login(plain_member)
    client.post(reverse("matching:respond", args=[match.pk]), {"answer": "not_interested"})
    match.refresh_from_db()
    assert match.status == Match.Status.SUGGESTED and match.initiative_response == ""
    page = client.get(reverse("matching:detail", args=[match.pk])).content.decode()
    assert "kernteam beantwoorden deze match" in page
    core = UserFactory(verified=True)
    Membership.objects.create(initiative=victim, user=core, role=Membership.Role.CORE)
    services.match_respond(match=match, user=core, interested=True)
    match.refresh_from_db()
    assert match.is_matched


def test_it_proposes_without_an_answer_when_the_proposer_may_not_answer_for_their_side(
    victim,
):
    """The contract for date outcomes: an ordinary member's useful date proposes the
    match, but does not commit the initiative."""
    plain_member = UserFactory(verified=True)
    own = InitiativeFactory()
    Membership.objects.create(initiative=own, user=plain_member, role=Membership.Role.MEMBER)
    event = _draft_event_of(UserFactory(verified=True))
    match = services.match_propose(
        initiative=own,
        other_initiative=victim,
        source=Match.Source.EVENT,
        event=event,
        by=plain_member,
        interested_side=services.SIDE_INITIATIVE,
        score=250,
    )
    assert match.status == Match.Status.SUGGESTED
    assert (match.initiative_response, match.other_response) == ("", "")
    assert (match.event, match.score) == (event, 100)
