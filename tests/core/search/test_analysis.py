"""The Dutch analysis: the same terms for stored text and for what people type."""

import pytest

from netwerkplatform.core.search import highlight_spans, parse_query, terms
from netwerkplatform.core.search.analysis import split_compound


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Buurtmoestuin", "moestuin"),  # the part finds the whole
        ("Buurtmoestuin", "tuin"),
        ("moestuin in de buurt", "buurtmoestuin"),  # and the whole finds its parts
        ("Energiecoöperatie", "cooperatie"),  # accents folded
        ("Taalcafé", "cafe"),
        ("moestuin", "moestuinen"),  # plural and singular
        ("fietsen", "fiets"),
        ("Kinderboerderij", "kinderen"),
        ("een tuintje", "tuin"),  # diminutives
        ("Sportmaatjes", "maatje"),
        ("vrijwilligerscentrale", "centrale"),  # a linking s
        ("Zonne-energie", "energie"),
    ],
)
def test_it_matches_what_dutch_speakers_mean(stored, query):
    assert parse_query(query).matches(terms(stored))


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("ouders van de school", "ouderen"),  # parents are not the elderly
        ("Digitaal café", "taalcafe"),  # digitaal is no compound of digi + taal
        ("Eenzaamheid", "heid"),  # a suffix is no part
        ("Kledingbank", "voedselbank"),
    ],
)
def test_it_does_not_match_what_only_looks_alike(stored, query):
    assert not parse_query(query).matches(terms(stored))


def test_it_keeps_words_that_are_no_compounds_whole():
    assert split_compound("ouderen") == ()
    assert split_compound("eenzaamheid") == ()
    assert split_compound("jongerenwerk") == ("jongeren", "werk")


def test_stop_words_alone_are_no_query():
    assert not parse_query("de het een")
    assert parse_query("de moestuin").words == ("moestuin",)


def test_it_marks_the_words_that_matched_and_nothing_else():
    spans = highlight_spans("De Buurtmoestuin van Gouda", parse_query("tuinen"))
    assert spans == [("De ", False), ("Buurtmoestuin", True), (" van Gouda", False)]
