"""/matches/: suggestions with reasons, responding, mutual interest, manual and event matches."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Event, Registration
from initiatieven.models import Organisation, OrganisationMember
from matching import engine, services
from matching.models import EventMatchPage, Match
from netwerkplatform.core.models import Municipality
from tests.core.factories import DEFAULT_PASSWORD, UserFactory
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OrganisationFactory,
)
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return UserFactory(verified=True)


@pytest.fixture
def fund_person():
    return UserFactory(verified=True)


@pytest.fixture
def match(team, fund_person):
    initiative = InitiativeFactory(
        name="Gouda Bruist",
        themes=["wonen", "energie"],
        initiator=team,
        contact_email="hallo@goudabruist.nl",
    )
    NeedFactory(initiative=initiative, kind="money", amount=2500)
    fund = OrganisationFactory(name="Fonds 1818", member=fund_person, email="info@fonds1818.nl")
    FundingSchemeFactory(organisation=fund, themes=["wonen", "energie"], name="Buurtbudget")
    engine.full_run()
    return Match.objects.get(kind="scheme")


def _login(client, person):
    client.force_login(person)


def test_it_shows_the_team_its_suggestions_with_dutch_reasons(client, team, match):
    _login(client, team)
    response = client.get(reverse("matching:index"))
    body = response.content.decode()
    assert "Jullie delen de thema&#x27;s energie en wonen" in body
    reason = "Dit fonds geeft €1.000–€5.000; jullie vragen €2.500 voor ‘Geld voor gereedschap’"
    assert reason in body
    assert "info@fonds1818.nl" not in body  # hidden until matched
    # a level, not a percentage; nothing that is true of every fund stands as a reason
    assert "Sterke match" in body and "% match" not in body
    assert "heel Nederland" not in body


def test_it_shows_a_fund_the_initiatives_that_fit_it(client, fund_person, match):
    _login(client, fund_person)
    body = client.get(reverse("matching:index")).content.decode()
    assert "Initiatieven die bij jullie passen" in body
    assert "Gouda Bruist" in body
    assert "hallo@goudabruist.nl" not in body


def test_it_confirms_a_match_when_both_sides_are_interested_and_mails_contacts(
    client, team, fund_person, match, django_capture_on_commit_callbacks
):
    _login(client, team)
    client.post(reverse("matching:respond", args=[match.pk]), {"answer": "interested"})
    _login(client, fund_person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("matching:respond", args=[match.pk]), {"answer": "interested"})
    match.refresh_from_db()
    assert match.status == "matched"
    bodies = {tuple(m.to): m.body for m in mail.outbox}
    assert "info@fonds1818.nl" in bodies[("hallo@goudabruist.nl",)]
    assert "hallo@goudabruist.nl" in bodies[("info@fonds1818.nl",)]
    body = client.get(reverse("matching:index")).content.decode()
    assert "hallo@goudabruist.nl" in body


def test_it_declines_when_one_side_is_not_interested(client, team, match):
    _login(client, team)
    response = client.post(
        reverse("matching:respond", args=[match.pk]),
        {"answer": "not_interested"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    match.refresh_from_db()
    assert (match.status, match.initiative_response) == ("declined", "not_interested")


def test_it_says_in_the_card_that_a_settled_match_takes_no_new_answer(client, team, match):
    _login(client, team)
    url = reverse("matching:respond", args=[match.pk])
    client.post(url, {"answer": "not_interested"}, HTTP_HX_REQUEST="true")
    card = client.post(url, {"answer": "interested"}, HTTP_HX_REQUEST="true")
    assert card.status_code == 200
    assert "Over deze match is al beslist." in card.content.decode()
    match.refresh_from_db()
    assert match.initiative_response == "not_interested"


def test_it_hides_a_match_from_strangers(client, match):
    _login(client, UserFactory())
    assert client.get(reverse("matching:detail", args=[match.pk])).status_code == 404
    response = client.post(reverse("matching:respond", args=[match.pk]), {"answer": "interested"})
    assert response.status_code == 404


def test_it_helps_a_team_without_needs(client, team):
    InitiativeFactory(initiator=team)
    _login(client, team)
    body = client.get(reverse("matching:index")).content.decode()
    assert "Vertel wat jullie nodig hebben" in body


def test_an_empty_list_asks_only_for_what_the_initiative_has_not_said_yet(client, team):
    garden = InitiativeFactory(initiator=team, themes=["groen"])
    NeedFactory(initiative=garden, kind="money", amount=2500, description="Zaden")
    _login(client, team)
    body = client.get(reverse("matching:index")).content.decode()
    # it asks money already: no fund fits, and it is not told to add a money need
    assert "geen fonds op het platform past nu bij jullie onderwerp" in body
    assert "voeg een geldbehoefte met een bedrag toe" not in body
    # it asks nothing else yet: partners need to know what it is looking for
    assert "Voeg toe wat jullie nodig hebben, zoals ruimte of kennis" in body
    NeedFactory(initiative=garden, kind="space", amount=None, description="Een schuur")
    body = client.get(reverse("matching:index")).content.decode()
    assert "Nog geen partner die biedt wat jullie zoeken, waar jullie zijn" in body
    assert "Voeg toe wat jullie nodig hebben, zoals ruimte of kennis" not in body


def test_a_team_with_several_initiatives_sees_where_its_suggestions_are(client, team, match):
    """A list of the team's initiatives with their counts leads to each one, and an
    initiative with nothing yet gets one box with what each list waits for instead of
    three empty lists under their headings."""
    quiet = InitiativeFactory(name="Stille Tuin", initiator=team, themes=["groen"])
    _login(client, team)
    body = client.get(reverse("matching:index")).content.decode()
    toc = body.split('id="match-toc-title"')[1].split("</nav>")[0]
    assert f'href="#initiative-{match.initiative_id}">Gouda Bruist</a>' in toc
    assert "1 suggestie<" in toc
    assert f'href="#initiative-{quiet.pk}">Stille Tuin</a>' in toc
    assert "nog geen suggesties" in toc
    quiet_section = body.split(f'id="initiative-{quiet.pk}"')[1].split("</section>")[0]
    assert "Nog geen suggesties voor dit initiatief." in quiet_section
    assert "<h3>" not in quiet_section
    assert "voeg een geldbehoefte met een bedrag toe" in quiet_section  # it asks no money
    busy_section = body.split(f'id="initiative-{match.initiative_id}"')[1].split("</section>")[0]
    assert busy_section.count("<h3>") == 3


def test_a_team_with_one_initiative_gets_no_list_of_initiatives(client, team, match):
    _login(client, team)
    assert 'id="match-toc-title"' not in client.get(reverse("matching:index")).content.decode()


def test_it_lets_a_fund_start_a_match_by_hand(client, fund_person, match):
    other = InitiativeFactory(name="Power Diepenveen")
    fund = Organisation.objects.get(name="Fonds 1818")
    _login(client, fund_person)
    response = client.post(
        reverse("matching:manual", args=[other.slug]), {"organisation": fund.pk, "scheme": ""}
    )
    created = Match.objects.get(initiative=other)
    assert response.status_code == 302
    assert (created.kind, created.source, created.other_response) == (
        "partner",
        "manual",
        "interested",
    )


def test_it_records_a_match_made_at_an_event_and_shows_it_when_published(client, match):
    organiser = UserFactory()
    now = timezone.now()
    event = Event.objects.create(
        kind="manifestation",
        title="Samen Doen!",
        slug="samen-doen",
        municipality=Municipality.objects.get(name="Zwolle"),
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=6),
        capacity=200,
    )
    event.organisers.add(organiser)
    ziva_person = UserFactory(verified=True)
    partner = OrganisationFactory(kind=Organisation.Kind.WELFARE, name="ZIVA", member=ziva_person)
    initiator = match.initiative.memberships.get().user
    for person in (initiator, ziva_person):
        Registration.objects.create(
            event=event, user=person, status=Registration.Status.CONFIRMED, queued_at=now
        )
    assert client.get(reverse("matching:event", args=["samen-doen"])).status_code == 404
    recorded = services.match_record_at_event(
        user=organiser, event=event, initiative=match.initiative, organisation=partner
    )
    assert recorded.status == "suggested"  # a proposal until both sides say yes
    EventMatchPage.objects.create(event=event, is_public=True)
    body = client.get(reverse("matching:event", args=["samen-doen"])).content.decode()
    assert "ZIVA" not in body
    services.match_respond(match=recorded, user=initiator, interested=True)
    services.match_respond(match=recorded, user=ziva_person, interested=True)
    body = client.get(reverse("matching:event", args=["samen-doen"])).content.decode()
    assert "ZIVA" in body and "Gouda Bruist" in body
    assert Match.objects.get(partner=partner).status == "matched"


def test_it_refuses_event_matches_from_non_organisers(client, match):
    stranger = UserFactory()
    now = timezone.now()
    event = Event.objects.create(
        kind="manifestation",
        title="Samen Doen!",
        slug="samen-doen-2",
        municipality=Municipality.objects.get(name="Zwolle"),
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=6),
        capacity=200,
    )
    _login(client, stranger)
    assert client.get(reverse("matching:event_manage", args=[event.slug])).status_code == 403


def test_it_sends_a_weekly_digest_once_and_respects_the_opt_out(
    team, fund_person, match, django_capture_on_commit_callbacks
):
    services.preference_update(user=fund_person, weekly_digest=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.digest_send_all() == 1
        assert services.digest_send_all() == 0
    assert [m.to for m in mail.outbox] == [[team.email]]


def test_it_lists_matches_in_a_bounded_number_of_queries(
    client, team, match, django_assert_max_num_queries
):
    _login(client, team)
    with django_assert_max_num_queries(12):
        client.get(reverse("matching:index"))


def test_it_enqueues_an_incremental_run_after_a_need_is_saved(
    match, django_capture_on_commit_callbacks
):
    initiative = match.initiative
    partner = OrganisationFactory(kind=Organisation.Kind.WELFARE, scope="national")
    from tests.initiatieven.factories import OfferFactory

    OfferFactory(organisation=partner, kind="space")
    engine.full_run()
    with django_capture_on_commit_callbacks(execute=True):
        NeedFactory(initiative=initiative, kind="space", amount=None, description="Een zaal")
    assert Match.objects.filter(initiative=initiative, partner=partner, status="suggested").exists()


def test_it_shows_my_matches_on_the_dashboard(client, team, match):
    _login(client, team)
    body = client.get("/mijn/").content.decode()
    assert "Mijn matches" in body
    assert OrganisationMember.objects.exists() and DEFAULT_PASSWORD


def test_it_counts_answers_once_for_a_pair_suggested_both_ways(team):
    other_team = UserFactory()
    mine = InitiativeFactory(initiator=team)
    theirs = InitiativeFactory(initiator=other_team)
    forward = MatchFactory(initiative=mine, other_initiative=theirs)
    backward = MatchFactory(initiative=theirs, other_initiative=mine)
    services.match_respond(match=forward, user=team, interested=True)
    services.match_respond(match=backward, user=other_team, interested=True)
    forward.refresh_from_db()
    backward.refresh_from_db()
    assert forward.status == backward.status == "matched"


def test_it_asks_why_not_stores_it_shows_the_fund_the_totals_and_stays_declined(
    client, team, fund_person, match
):
    _login(client, team)
    respond = reverse("matching:respond", args=[match.pk])
    card = client.post(respond, {"answer": "not_interested"}, HTTP_HX_REQUEST="true")
    assert "Waarom niet?" in card.content.decode()
    why = reverse("matching:decline_reason", args=[match.pk])
    card = client.post(why, {"why": "subject", "side": "initiative"}, HTTP_HX_REQUEST="true")
    assert "Waarom niet?" not in card.content.decode()
    assert match.decline_reasons.get().why == "subject"
    engine.full_run()
    match.refresh_from_db()
    assert match.status == "declined"
    _login(client, fund_person)
    body = client.get(reverse("matching:index")).content.decode()
    assert "Niet ons onderwerp (1)" in body


def test_it_only_takes_a_reason_after_not_interested(client, team, match):
    _login(client, team)
    why = reverse("matching:decline_reason", args=[match.pk])
    client.post(why, {"why": "region", "side": "initiative"})
    assert not match.decline_reasons.exists()


def test_it_tells_a_fund_that_answered_not_our_subject_to_state_its_main_subject(
    client, fund_person, match
):
    _login(client, fund_person)
    client.post(reverse("matching:respond", args=[match.pk]), {"answer": "not_interested"})
    client.post(
        reverse("matching:decline_reason", args=[match.pk]), {"why": "subject", "side": "other"}
    )
    assert match.decline_reasons.get().why == "subject"
    scheme = match.scheme
    edit = reverse("initiatieven:scheme_edit", args=[scheme.organisation.slug, scheme.pk])
    body = client.get(reverse("matching:index")).content.decode()
    assert "Je antwoordde één keer ‘Niet ons onderwerp’ bij een suggestie voor Buurtbudget." in body
    assert f'href="{edit}"' in body
    # once the fund has said what the scheme is mainly about, the tip has done its work
    type(scheme).objects.filter(pk=scheme.pk).update(main_themes=["energie"])
    assert f'href="{edit}"' not in client.get(reverse("matching:index")).content.decode()
