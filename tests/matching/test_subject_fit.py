"""Subject fit towards funds and partners: what counts as a topical reason."""

from matching.engine import scoring as sc


def test_it_treats_a_broad_theme_alone_as_a_subject_only_for_a_broad_side_or_a_local_fund():
    elderly_fund = {"ouderen", "zorg en welzijn", "buurt en ontmoeting"}
    meeting_fund = {"participatie", "buurt en ontmoeting", "inclusie"}
    garden = {"groen", "voedsel", "buurt en ontmoeting"}
    assert not sc.scheme_topical(garden, elderly_fund, local=False)
    assert sc.scheme_topical(garden, elderly_fund, local=True)
    assert sc.scheme_topical(garden, meeting_fund, local=False)
    assert sc.scheme_topical({"ouderen"}, elderly_fund, local=False)
    # an initiative about meeting as such: meeting is its subject
    assert sc.scheme_topical({"buurt en ontmoeting"}, elderly_fund, local=False)
    # related ("jeugd" ~ "onderwijs") gives credit in the score, but is no subject
    assert not sc.scheme_topical({"jeugd"}, {"onderwijs"}, local=False)
    assert not sc.scheme_topical({"jeugd"}, set(), local=True)


def test_it_meets_a_need_by_kind_only_when_its_text_names_nothing_more_specific():
    assert sc.met_by_kind("space", "Een vergaderruimte")
    assert sc.met_by_kind("fiscal_host", "Een penvoerder voor onze aanvraag")
    # roofs for solar panels are space too, but no meeting room meets that need
    assert not sc.met_by_kind("space", "Geschikte grote daken")
    assert not sc.met_by_kind("people", "Vrijwilligers op zaterdag")
    need = ({"space"}, set(), {"space"}, sc.concepts("Geschikte grote daken"))
    assert sc.partner_need(*need, sc.concepts("Zalen voor bijeenkomsten")) == (0, 1)
    room = ({"space"}, {"space"}, {"space"}, sc.concepts("Een vergaderruimte"))
    assert sc.partner_need(*room, sc.concepts("Zalen voor bijeenkomsten")) == (1, 1)
