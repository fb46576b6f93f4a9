"""Initiative ↔ initiative suggestions need a real subject in common (issue 12, part B)."""

import pytest
from django.utils import translation

from matching import engine
from matching.engine import scoring as sc
from matching.models import Match
from matching.reasons import sentences
from netwerkplatform.core.models import Municipality
from tests.initiatieven.factories import InitiativeFactory, NeedFactory, OfferFactory
from tests.matching.reference import reference_top_k


def _initiative(name, themes, pitch, place):
    return InitiativeFactory(
        name=name,
        themes=themes,
        pitch=pitch,
        description="",
        municipality=Municipality.objects.get(name=place),
    )


@pytest.mark.django_db
def test_it_suggests_the_same_subject_but_not_one_that_only_shares_broad_themes():
    litter = _initiative(
        "Zwerfafvalbrigade", ["duurzaamheid", "groen"], "Buren ruimen zwerfafval op", "Zwolle"
    )
    NeedFactory(initiative=litter, kind="materials", amount=None, description="Afvalgrijpers")
    coast = _initiative(
        "Schone Kust", ["duurzaamheid", "groen"], "Wij halen afval van het strand", "Vlissingen"
    )
    forest = _initiative(
        "Voedselbos", ["duurzaamheid", "groen"], "Fruitbomen en struiken in de wijk", "Zwolle"
    )
    engine.full_run()
    assert Match.objects.filter(initiative=litter, other_initiative=coast).exists()
    # Same themes, same town, but a food forest is no litter clean-up: nothing shown.
    assert not Match.objects.filter(initiative=litter, other_initiative=forest).exists()
    assert not Match.objects.filter(initiative=forest, other_initiative=litter).exists()
    live = {
        (m.initiative_id, "initiative"): [(m.other_initiative_id, m.score)]
        for m in Match.objects.filter(kind="initiative")
    }
    reference = {key: kept for key, kept in reference_top_k().items() if key[1] == "initiative"}
    assert live == reference


def test_it_weighs_a_shared_specific_theme_above_a_shared_broad_one():
    weights = sc.theme_weights({"buurt en ontmoeting": 30, "energie": 3, "cultuur": 5}, 40)
    assert weights["buurt en ontmoeting"] < weights["cultuur"] < weights["energie"]
    mine = {"buurt en ontmoeting", "energie"}
    broad = sc.ratio_milli(*sc.theme_fit_between(mine, {"buurt en ontmoeting", "cultuur"}, weights))
    specific = sc.ratio_milli(*sc.theme_fit_between(mine, {"energie", "cultuur"}, weights))
    assert broad < sc.THEME_WITH_EXCHANGE < sc.THEME_TOPICAL_BETWEEN <= specific + 200
    assert specific > 2 * broad
    assert not sc.topical_between(broad, text_milli=0, need_milli=0, clash=False)


def test_it_counts_a_need_only_when_an_offer_of_its_kind_meets_it_in_content():
    grabbers = sc.kind_concepts("materials", "Afvalgrijpers en hesjes")
    kitchen = sc.kind_concepts("materials", "Pannen en servies voor veertig mensen")
    bags = sc.kind_concepts("materials", "Grijpers en vuilniszakken te leen")
    advice = sc.kind_concepts("knowledge", "Tips om zwerfafval te voorkomen")
    hall = sc.kind_concepts("space", "Een grote zaal voor 250 mensen")
    culture = sc.kind_concepts("knowledge", "Hoe je bewoners betrekt zonder vergadercultuur")
    nothing = frozenset()
    here = {"same_place": True}
    assert sc.exchange_between(grabbers, nothing, nothing, kitchen, **here) == 0  # same kind
    assert sc.exchange_between(grabbers, nothing, nothing, advice, **here) == 0  # same word
    assert sc.exchange_between(hall, nothing, nothing, culture, **here) == 0
    assert sc.exchange_between(grabbers, nothing, nothing, bags, **here) == sc.EXCHANGE_PER_SIDE
    assert sc.exchange_between(grabbers, bags, grabbers, bags, **here) == 2 * sc.EXCHANGE_PER_SIDE


def test_a_room_or_things_to_lend_meet_a_need_only_in_the_same_municipality():
    room_needed = sc.kind_concepts("space", "Een rustige ruimte voor gesprekken")
    room_offered = sc.kind_concepts("space", "Onze soosruimte op de andere dagen")
    advice_needed = sc.kind_concepts("knowledge", "Hoe je zwerfafval voorkomt")
    advice_offered = sc.kind_concepts("knowledge", "Tips om zwerfafval te voorkomen")
    nothing = frozenset()
    one = sc.EXCHANGE_PER_SIDE
    assert sc.exchange_between(room_needed, nothing, nothing, room_offered, same_place=True) == one
    assert sc.exchange_between(room_needed, nothing, nothing, room_offered, same_place=False) == 0
    assert sc.exchange_between(nothing, room_offered, room_needed, nothing, same_place=False) == 0
    # knowledge travels: tips from another town still help
    assert (
        sc.exchange_between(advice_needed, nothing, nothing, advice_offered, same_place=False)
        == one
    )


def test_it_lets_different_subjects_clash_but_not_shared_means():
    garden = sc.concepts("Een moestuin; we zoeken een ruimte voor gereedschap")
    litter = sc.concepts("Zwerfafval opruimen; we zoeken een ruimte voor gereedschap")
    coffee = sc.concepts("Een ruimte voor de koffieochtend")
    assert sc.subject_clash(garden, litter)  # a room and tools are means, not subjects
    assert not sc.subject_clash(garden, sc.concepts("Samen tuinieren in de volkstuin"))
    assert not sc.subject_clash(garden, sc.concepts("Vrijwilligers gezocht"))  # no subject named
    assert sc.subject_clash(coffee, garden)


@pytest.mark.django_db
def test_it_names_the_need_and_the_offer_that_meet_in_content():
    garden = _initiative("Moestuin", ["voedsel", "groen"], "Groente kweken", "Gouda")
    NeedFactory(initiative=garden, kind="materials", amount=None, description="Een keuken")
    OfferFactory(organisation=None, initiative=garden, kind="space", description="Onze tuin")
    kitchen = _initiative("Buurtkeuken", ["voedsel", "groen"], "Samen koken", "Gouda")
    OfferFactory(organisation=None, initiative=kitchen, kind="materials", description="Pannen")
    OfferFactory(organisation=None, initiative=kitchen, kind="space", description="Een zaal")
    engine.full_run()
    match = Match.objects.get(initiative=garden, other_initiative=kitchen)
    exchange = next(r for r in match.reasons if r["code"] == "exchange")
    assert exchange["they_give"] == {
        "need_kind": "materials",
        "need": "Een keuken",
        "offer_kind": "materials",
        "offer": "Pannen",
    }
    # the kitchen needs nothing, so the garden's offer is not claimed to meet anything
    assert "you_give" not in exchange and exchange["you_offer"] == []


def _soos(place):
    soos = _initiative(
        f"Soos {place}", ["ouderen", "buurt en ontmoeting", "zorg en welzijn"], "Soos", place
    )
    OfferFactory(organisation=None, initiative=soos, kind="space", description="Onze soosruimte")
    return soos


def _inloop_and_soos(soos_place):
    """A walk-in that needs a room, and a soos that lends its own: they share only
    broad themes and the room."""
    inloop = _initiative(
        "Geldzorgen Café",
        ["armoede", "buurt en ontmoeting", "zorg en welzijn"],
        "Inloop",
        "'s-Hertogenbosch",
    )
    NeedFactory(initiative=inloop, kind="space", amount=None, description="Een rustige ruimte")
    soos = _soos(soos_place)
    engine.full_run()
    return Match.objects.filter(initiative=inloop, other_initiative=soos).first()


@pytest.mark.django_db
def test_a_room_in_the_same_town_is_offered_with_its_reason():
    match = _inloop_and_soos("'s-Hertogenbosch")
    exchange = next(r for r in match.reasons if r["code"] == "exchange")
    assert exchange["they_give"]["offer"] == "Onze soosruimte"


@pytest.mark.django_db
def test_a_room_in_another_town_is_no_reason():
    match = _inloop_and_soos("Assen")
    # the broad themes may still carry it in a corpus of two; the room far away does not
    assert match is None or all(r["code"] != "exchange" for r in match.reasons)


def test_performing_arts_heritage_second_hand_and_poverty_are_subjects_of_their_own():
    choir = sc.concepts("Een koor waar buren samen zingen")
    mill = sc.concepts("Vrijwilligers houden de oude stadsmolen draaiend")
    play = sc.concepts("Een voorstelling over de geschiedenis van de wijk")
    orchestra = sc.concepts("Een orkest waar iedereen meespeelt")
    assert sc.subject_clash(choir, mill)  # both "cultuur", not one subject
    assert not sc.subject_clash(choir, orchestra) and not sc.subject_clash(play, mill)
    assert "podiumkunsten" not in sc.concepts("We zijn het akkoord met de gemeente")
    shop = sc.concepts("Een buurtwinkel voor tweedehands spullen")
    solar = sc.concepts("Zonnepanelen op het dak van de school")
    assert sc.subject_clash(shop, solar)  # both "duurzaamheid", not one subject
    laptops = sc.concepts("Hulp bij de computer; we zoeken tweedehands laptops")
    assert not sc.subject_clash(laptops, sc.concepts("Nederlands oefenen met een taalmaatje"))
    clothes = sc.concepts("Gratis kleding voor gezinnen met weinig geld")
    give_away = sc.concepts("Een weggeefwinkel voor buren die het krap hebben")
    assert not sc.subject_clash(clothes, give_away)


def test_a_subject_both_texts_name_lifts_a_fair_theme_fit_to_a_reason():
    assert sc.topical_between(600, text_milli=0, need_milli=0, clash=False, same_subject=True)
    assert not sc.topical_between(600, text_milli=0, need_milli=0, clash=False)
    # at half a theme fit a homework club and a nature playground for school classes met
    assert not sc.topical_between(500, text_milli=0, need_milli=0, clash=False, same_subject=True)
    assert not sc.topical_between(600, text_milli=0, need_milli=0, clash=True, same_subject=True)


def test_a_village_or_a_school_roof_is_where_not_what():
    roof = sc.concepts("Het dorpshuis in ons dorp krijgt een nieuw dak")
    assert "dorp" in sc.text_subjects(roof)  # village life, for a fund for villages
    assert "dorp" not in sc.subjects_between(roof)  # but no subject two initiatives share
    assert "onderwijs" not in sc.concepts("Zonnepanelen op schooldaken")
    assert "onderwijs" not in sc.concepts("Een maatje gaat mee naar de sportschool")
    solar = sc.concepts("Zonnepanelen op grote daken")
    assert not sc.subjects_between(solar) & sc.subjects_between(sc.concepts("Een stuk grond"))
    assert "onderwijs" in sc.concepts("Huiswerkhulp na school")


@pytest.mark.django_db
def test_two_gardens_hear_that_both_their_texts_are_about_gardens():
    pick = _initiative("Pluktuin", ["groen", "voedsel"], "Buren planten fruitbomen", "Leiden")
    plot = _initiative("Stadstuin", ["groen", "voedsel"], "Een buurttuin op een veldje", "Zwolle")
    engine.full_run()
    match = Match.objects.get(initiative=pick, other_initiative=plot)
    assert {"code": "subject", "subjects": ["tuin"]} in match.reasons
    with translation.override("nl"):
        assert "Jullie beschrijvingen gaan allebei over tuinen en groen" in sentences(match)
