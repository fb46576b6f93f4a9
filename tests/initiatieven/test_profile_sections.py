"""Other apps add sections to an initiative's public profile through core's registry."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bijeenkomsten.models import Event
from matching.models import Match
from tests.bijeenkomsten.factories import EventFactory, SessionFactory
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    OrganisationFactory,
)
from tests.matching.factories import MatchFactory

pytestmark = pytest.mark.django_db


def _profile(client, initiative) -> str:
    return client.get(reverse("initiatieven:detail", args=[initiative.slug])).content.decode()


def test_it_lists_events_the_initiative_hosted_or_gave_a_session_at(client):
    initiative = InitiativeFactory(name="Stadslab Leiden")
    EventFactory(title="RollingStone bij Stadslab", host_initiative=initiative)
    session = SessionFactory(round__event__title="Samen Doen! Zwolle")
    session.host_initiatives.add(initiative)
    EventFactory(title="Concept-bijeenkomst", host_initiative=initiative, status=Event.Status.DRAFT)
    page = _profile(client, initiative)
    assert "Op bijeenkomsten" in page
    assert "RollingStone bij Stadslab" in page and "Samen Doen! Zwolle" in page
    assert "Concept-bijeenkomst" not in page


def test_it_shows_confirmed_matches_without_contact_details(client):
    initiative = InitiativeFactory()
    fund = OrganisationFactory(name="Oranje Fonds", email="geheim@oranjefonds.example")
    scheme = FundingSchemeFactory(organisation=fund, name="Samen voor elkaar")
    event = EventFactory(title="Samen Doen! Zwolle")
    MatchFactory(
        kind=Match.Kind.SCHEME,
        initiative=initiative,
        scheme=scheme,
        score=70,
        status=Match.Status.MATCHED,
        matched_at=timezone.now(),
        event=event,
    )
    MatchFactory(
        kind=Match.Kind.PARTNER,
        initiative=initiative,
        score=60,
        partner=OrganisationFactory(name="Alleen een suggestie"),
    )
    page = _profile(client, initiative)
    assert "Gemaakte matches" in page
    assert "Oranje Fonds (Samen voor elkaar)" in page and "Samen Doen! Zwolle" in page
    assert "Alleen een suggestie" not in page
    assert "geheim@oranjefonds.example" not in page and initiative.contact_email not in page


def test_it_shows_no_empty_sections(client):
    page = _profile(client, InitiativeFactory())
    assert "Op bijeenkomsten" not in page and "Gemaakte matches" not in page


def test_it_offers_fund_members_to_start_a_match(client):
    from tests.core.factories import UserFactory

    initiative = InitiativeFactory()
    officer = UserFactory(verified=True)
    OrganisationFactory(member=officer)
    start = reverse("matching:manual", args=[initiative.slug])
    assert start not in _profile(client, initiative)
    client.force_login(officer)
    assert start in _profile(client, initiative)
