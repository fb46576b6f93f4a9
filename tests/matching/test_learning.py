"""Reasons between initiatives name the need and the offer; declines teach the engine."""

import pytest
from django.utils import translation

from matching import engine
from matching.models import Match
from matching.reasons import sentences
from tests.initiatieven.factories import InitiativeFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def test_reasons_between_initiatives_name_the_actual_need_and_offer():
    kitchen = InitiativeFactory(name="Buurtkeuken", themes=["voedsel"], pitch="Samen koken")
    NeedFactory(
        initiative=kitchen, kind="space", amount=None, description="Ruimte voor onze maaltijd"
    )
    NeedFactory(initiative=kitchen, kind="people", amount=None, description="Koks op dinsdag")
    OfferFactory(
        organisation=None, initiative=kitchen, kind="materials", description="Pannen en servies"
    )
    garden = InitiativeFactory(name="Moestuin", themes=["voedsel"], pitch="Groente kweken")
    OfferFactory(organisation=None, initiative=garden, kind="knowledge", description="Tuinles")
    OfferFactory(
        organisation=None, initiative=garden, kind="space", description="Onze kantine in de tuin"
    )
    NeedFactory(
        initiative=garden, kind="materials", amount=None, description="Een keuken voor de oogst"
    )

    engine.full_run()

    match = Match.objects.get(initiative=kitchen, other_initiative=garden)
    exchange = next(r for r in match.reasons if r["code"] == "exchange")
    # Only pairs of the kinds that scored, in each side's own words.
    assert exchange["they_give"] == {
        "need_kind": "space",
        "need": "Ruimte voor onze maaltijd",
        "offer_kind": "space",
        "offer": "Onze kantine in de tuin",
    }
    assert exchange["you_give"] == {
        "need_kind": "materials",
        "need": "Een keuken voor de oogst",
        "offer_kind": "materials",
        "offer": "Pannen en servies",
    }
    with translation.override("nl"):
        mine = sentences(match)
        theirs = sentences(match, side="other")
    assert (
        "Zij bieden ‘Onze kantine in de tuin’; jullie zoeken ‘Ruimte voor onze maaltijd’. "
        "Jullie bieden ‘Pannen en servies’; zij zoeken ‘Een keuken voor de oogst’"
    ) in mine
    assert (
        "Zij bieden ‘Pannen en servies’; jullie zoeken ‘Een keuken voor de oogst’. "
        "Jullie bieden ‘Onze kantine in de tuin’; zij zoeken ‘Ruimte voor onze maaltijd’"
    ) in theirs
    # Nothing is claimed that nobody asked: no knowledge is needed, so no lesson named.
    assert "Tuinles" not in " ".join(mine)
