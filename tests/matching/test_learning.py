"""Reasons between initiatives name the need and the offer; declines teach the engine."""

import pytest
from django.utils import translation

from initiatieven.models import Organisation
from matching import engine
from matching.engine import scoring as sc
from matching.models import DeclineReason, Match
from matching.reasons import sentences
from netwerkplatform.core.models import Municipality
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
)
from tests.matching.reference import reference_top_k

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
        organisation=None, initiative=garden, kind="space", description="Een zaal in onze kantine"
    )
    NeedFactory(
        initiative=garden, kind="materials", amount=None, description="Een keuken voor de oogst"
    )

    engine.full_run()

    match = Match.objects.get(initiative=kitchen, other_initiative=garden)
    exchange = next(r for r in match.reasons if r["code"] == "exchange")
    # Only needs met in content (a shared concept, the scored rule), in their own words.
    assert exchange["they_give"] == {
        "need_kind": "space",
        "need": "Ruimte voor onze maaltijd",
        "offer_kind": "space",
        "offer": "Een zaal in onze kantine",
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
        "Zij bieden ‘Een zaal in onze kantine’; jullie zoeken ‘Ruimte voor onze maaltijd’. "
        "Jullie bieden ‘Pannen en servies’; zij zoeken ‘Een keuken voor de oogst’"
    ) in mine
    assert (
        "Zij bieden ‘Pannen en servies’; jullie zoeken ‘Een keuken voor de oogst’. "
        "Jullie bieden ‘Een zaal in onze kantine’; zij zoeken ‘Ruimte voor onze maaltijd’"
    ) in theirs
    # Nothing is claimed that nobody asked: no knowledge is needed, so no lesson named.
    assert "Tuinles" not in " ".join(mine)


def _place(name):
    return Municipality.objects.get(name=name)


def _money_initiative(name, themes, place="Gouda"):
    item = InitiativeFactory(name=name, themes=themes, pitch="", municipality=_place(place))
    NeedFactory(initiative=item, kind="money", amount=2500, description="Geld voor materiaal")
    return item


def _fund_scheme(themes):
    return FundingSchemeFactory(
        organisation=OrganisationFactory(name="Fonds"),
        name="Buurtbudget",
        description="",
        themes=themes,
        min_amount=1000,
        max_amount=5000,
    )


def _decline(match, side, why):
    """What "Niet interessant" + a reason stores (services.match_respond, decline_reason_record)."""
    field = "initiative_response" if side == "initiative" else "other_response"
    Match.objects.filter(pk=match.pk).update(status="declined", **{field: "not_interested"})
    DeclineReason.objects.create(match=match, side=side, why=why)


def _score(**pair):
    found = Match.objects.filter(status="suggested", **pair).values_list("score", flat=True)
    return next(iter(found), None)


def test_a_fund_that_declines_a_theme_three_times_stops_getting_it_at_the_top():
    scheme = _fund_scheme(["sport", "wonen"])
    # suggested for "wonen", declined for what else they are about: "cultuur"
    declined = [_money_initiative(f"Woonkunst {n}", ["wonen", "cultuur"]) for n in range(3)]
    newcomer = _money_initiative("Kunsthuis", ["wonen", "cultuur"])
    housing = _money_initiative("Woongroep", ["wonen"])
    engine.full_run()
    before = _score(initiative=newcomer, scheme=scheme)
    assert before >= sc.MIN_SCORE + sc.DECLINE_PENALTY
    housing_before = _score(initiative=housing, scheme=scheme)

    for item in declined[:2]:
        _decline(Match.objects.get(initiative=item, scheme=scheme), "other", "subject")
    engine.full_run()
    assert _score(initiative=newcomer, scheme=scheme) == before, "two declines teach nothing"

    _decline(Match.objects.get(initiative=declined[2], scheme=scheme), "other", "subject")
    engine.full_run()
    assert _score(initiative=newcomer, scheme=scheme) == before - sc.DECLINE_PENALTY
    # Another subject of the same fund is untouched; the declined pairs stay declined.
    assert _score(initiative=housing, scheme=scheme) == housing_before
    for item in declined:
        assert Match.objects.get(initiative=item, scheme=scheme).status == "declined"

    # An incremental run (a new initiative with that theme is saved) applies the lesson.
    late = _money_initiative("Atelierwoningen", ["wonen", "cultuur"])
    run = engine.incremental_run(initiative_ids=[late.pk])
    assert run.status == "succeeded", run.error
    assert _score(initiative=late, scheme=scheme) == before - sc.DECLINE_PENALTY
    # (only the funds: an incremental run keeps the corpus's word weights, so text
    # similarity between initiatives can differ by a point from a fresh reading)
    assert _schemes(_live()) == _schemes(reference_top_k())


def _schemes(top: dict) -> dict:
    return {key: kept for key, kept in top.items() if key[1] == "scheme"}


def _live():
    """Each initiative's top K as stored (declined pairs keep their place and status)."""
    stored = {}
    for m in Match.objects.exclude(status="expired"):
        target = m.scheme_id or m.partner_id or m.other_initiative_id
        stored.setdefault((m.initiative_id, m.kind), []).append((target, m.score))
    return {key: sorted(kept, key=lambda p: (-p[1], p[0])) for key, kept in stored.items()}


def test_a_partner_that_declines_a_province_three_times_gets_it_lower():
    partner = OrganisationFactory(
        kind=Organisation.Kind.WELFARE, name="Landelijk", scope="national", themes=["groen"]
    )
    OfferFactory(organisation=partner, kind="space", description="Een zaal")

    def asking(name, place):
        item = InitiativeFactory(name=name, themes=["groen"], pitch="", municipality=_place(place))
        NeedFactory(initiative=item, kind="space", amount=None, description="Een zaal")
        return item

    far = [asking(f"Zwolle {n}", "Zwolle") for n in range(3)]
    zwolle, gouda = asking("Nog een in Zwolle", "Zwolle"), asking("Gouda", "Gouda")
    engine.full_run()
    before = {x.pk: _score(initiative=x, partner=partner) for x in (zwolle, gouda)}
    for item in far:
        _decline(Match.objects.get(initiative=item, partner=partner), "other", "region")
    engine.full_run()
    assert _score(initiative=zwolle, partner=partner) == before[zwolle.pk] - sc.DECLINE_PENALTY
    assert _score(initiative=gouda, partner=partner) == before[gouda.pk]
    assert _live() == reference_top_k()


def test_an_initiative_that_declines_a_funds_subject_three_times_gets_it_lower():
    me = _money_initiative("Buurthuis", ["wonen", "cultuur"])
    for _ in range(3):
        scheme = _fund_scheme(["wonen", "kunst"])
        engine.full_run()
        _decline(Match.objects.get(initiative=me, scheme=scheme), "initiative", "subject")
    art, plain = _fund_scheme(["cultuur", "kunst"]), _fund_scheme(["cultuur"])
    engine.full_run()
    # "kunst" was on all three declined funds: the lesson; "wonen" is my own theme and
    # "cultuur" was on none of them.
    assert _score(initiative=me, scheme=art) == _score(initiative=me, scheme=plain) - (
        sc.DECLINE_PENALTY
    )
    assert _live() == reference_top_k()


def test_it_never_learns_to_decline_a_theme_the_decider_lists_itself():
    """The shared theme is why the pair was suggested, not why it was wrong."""
    scheme = _fund_scheme(["sport"])
    declined = [_money_initiative(f"Sportclub {n}", ["sport"]) for n in range(3)]
    newcomer = _money_initiative("Voetbal", ["sport"])
    engine.full_run()
    before = _score(initiative=newcomer, scheme=scheme)
    for item in declined:
        _decline(Match.objects.get(initiative=item, scheme=scheme), "other", "subject")
    engine.full_run()
    assert _score(initiative=newcomer, scheme=scheme) == before
    assert not sc.learn(
        [(sc.WHY_SUBJECT, ("scheme", 1), ("initiative", n)) for n in range(3)],
        lambda key: {"sport"},
        lambda key: None,
    )
