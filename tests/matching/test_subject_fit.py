"""Subject fit towards funds and partners: what counts as a topical reason."""

import itertools

import numpy as np
import pytest
from django.utils import translation

from matching import engine
from matching.engine import scorers
from matching.engine import scoring as sc
from matching.engine.corpus import Corpus, InitiativeRecord, TargetRecord
from matching.models import Match
from matching.reasons import SUBJECT_LABELS, sentences
from netwerkplatform.core.models import Municipality
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OrganisationFactory,
)


def test_it_treats_a_broad_theme_alone_as_a_subject_only_for_a_broad_side_or_a_local_fund():
    elderly_fund = {"ouderen", "zorg en welzijn", "buurt en ontmoeting"}
    meeting_fund = {"participatie", "buurt en ontmoeting", "inclusie"}
    garden = {"groen", "voedsel", "buurt en ontmoeting"}
    assert not sc.scheme_topical(garden, elderly_fund, local=False)
    assert sc.scheme_topical(garden, elderly_fund, local=True)
    assert sc.scheme_topical(garden, meeting_fund, local=False)
    assert sc.scheme_topical({"ouderen"}, elderly_fund, local=False)
    # an initiative about meeting or care as such fits a fund whose main subject is
    # near its own (neighbours helping neighbours, an elderly fund), not any fund that
    # lists meeting beside its real subject (a street party, a green fund)
    assert sc.scheme_topical({"buurt en ontmoeting", "zorg en welzijn"}, elderly_fund, local=False)
    assert not sc.scheme_topical({"buurt en ontmoeting"}, elderly_fund, local=False)
    assert not sc.scheme_topical(
        {"buurt en ontmoeting"}, {"groen", "buurt en ontmoeting"}, local=False
    )
    # related ("jeugd" ~ "onderwijs") gives credit in the score, but is no subject
    assert not sc.scheme_topical({"jeugd"}, {"onderwijs"}, local=False)
    assert not sc.scheme_topical({"jeugd"}, set(), local=True)


def test_it_keeps_a_fund_for_one_group_of_people_from_initiatives_for_another():
    youth_sport_fund = {"jeugd", "sport"}
    assert not sc.scheme_topical({"sport", "gezondheid", "ouderen"}, youth_sport_fund, local=False)
    assert not sc.scheme_topical({"sport", "ouderen"}, youth_sport_fund, local=True)
    # the same activity for the fund's group, for both groups, or for no group named
    assert sc.scheme_topical({"sport", "jeugd"}, youth_sport_fund, local=False)
    assert sc.scheme_topical({"sport", "jeugd", "ouderen"}, youth_sport_fund, local=False)
    assert sc.scheme_topical({"sport", "gezondheid"}, youth_sport_fund, local=False)


YOUTH_FUND = {"jeugd", "inclusie", "onderwijs"}
YOUTH_FUND_TEXT = "Kansen voor jongeren: een eerlijke kans op school, werk en meedoen"


def test_it_reads_whom_a_text_is_for_from_its_themes_and_words():
    assert sc.stated_audience(YOUTH_FUND, YOUTH_FUND_TEXT) == {"jeugd"}
    # an audience theme the fund's words do not name is no statement of whom it is for
    lonely_fund = {"ouderen", "zorg en welzijn", "buurt en ontmoeting"}
    assert sc.stated_audience(lonely_fund, "Voor eenzame buurtbewoners") == frozenset()
    assert sc.audience_of({"sport"}, "Kinderen en volwassenen met en zonder beperking") == {"jeugd"}
    assert sc.audience_of({"ouderen"}, "Koffie in de kantine") == {"ouderen"}
    assert sc.audience_of({"groen"}, "Wandelvoetbal voor 60+") == {"ouderen"}
    # parents are no elderly people, and students are more often the helpers
    assert sc.audience_of({"jeugd"}, "Ouders en studenten knappen de speeltuin op") == {"jeugd"}
    assert sc.audience_of(set(), "Volwassenen leren lezen en schrijven") == frozenset()


def _fits_youth_fund(themes, text, *, text_milli=0, main=frozenset()) -> bool:
    """``sc.scheme_topical`` towards the youth fund, with what the loader reads from
    both texts: their subjects, whom each is for and the people each names."""
    return sc.scheme_topical(
        themes,
        YOUTH_FUND,
        local=False,
        main=main,
        my_subjects=sc.concepts(text),
        their_subjects=sc.concepts(YOUTH_FUND_TEXT),
        text_milli=text_milli,
        my_groups=sc.audience_of(themes, text),
        their_stated=sc.stated_audience(YOUTH_FUND, YOUTH_FUND_TEXT),
        my_people=sc.people_named(text),
        their_people=sc.stated_people(YOUTH_FUND, YOUTH_FUND_TEXT),
    )


def test_a_fund_that_says_whom_it_is_for_is_no_subject_for_other_people():
    literacy = {"onderwijs", "zorg en welzijn"}
    assert not _fits_youth_fund(literacy, "Volwassenen leren lezen en schrijven")
    alike = sc.MILLI  # clearly alike texts are no way around it either
    assert not _fits_youth_fund(literacy, "Volwassenen leren lezen", text_milli=alike)
    # the same themes for the fund's group, named in words or as a theme
    assert _fits_youth_fund(literacy, "Studenten helpen scholieren met lezen")
    assert _fits_youth_fund(literacy | {"jeugd"}, "Huiswerkhulp in het buurthuis")
    # a fund whose words name no group keeps its audience theme as a subject only
    assert sc.scheme_topical(literacy, YOUTH_FUND, local=False, my_groups=frozenset())


def test_a_fund_for_young_peoples_chances_is_not_every_childrens_project():
    """Sharing "jeugd" with a fund whose words name "jongeren" is no subject for a
    project for children, unless its other themes meet the fund's; a project for
    the fund's own people keeps it."""

    def fits(themes, text):
        return _fits_youth_fund(themes, text, main={"jeugd", "onderwijs"})

    assert sc.stated_people(YOUTH_FUND, YOUTH_FUND_TEXT) == {"jongeren"}
    # a playground names children by what it is; nature guides for school classes
    # speak of school as the fund does, and still it is no project for young people
    playground = "Een speeltuin met water en zand; natuurgidsen voor schoolklassen"
    assert sc.people_named(playground) == {"kinderen"}
    assert not fits({"groen", "jeugd"}, playground)
    assert not fits({"jeugd", "buurt en ontmoeting"}, "Kinderen uit de wijk voeren de geiten")
    # young people themselves, or children whose poverty the fund's inclusion meets
    assert fits({"jeugd", "participatie"}, "Een plek waar jongeren zelf iets organiseren")
    assert fits({"cultuur", "jeugd", "armoede"}, "Muziekles voor kinderen uit arme gezinnen")
    # a fund that names its people in no narrower words keeps the theme as its subject
    assert sc.scheme_topical({"groen", "jeugd"}, YOUTH_FUND, local=False, main={"jeugd"})


def test_all_ages_names_every_group_of_people():
    everyone = "Wandelgroepen voor buurtbewoners van alle leeftijden"
    assert sc.people_named(everyone) == set(sc.PEOPLE)
    assert sc.audience_of(set(), everyone) == sc.AUDIENCE_THEMES
    assert sc.people_named("Buurtbewoners wandelen samen") == frozenset()


@pytest.mark.django_db
def test_a_youth_fund_is_suggested_to_a_homework_club_not_to_an_adult_reading_class():
    youth = FundingSchemeFactory(
        name="Kansen voor jongeren",
        description="Voor projecten die jongeren een eerlijke kans geven op school en werk.",
        themes=sorted(YOUTH_FUND),
        organisation=OrganisationFactory(scope="national"),
    )
    made = {}
    for key, pitch in (
        ("homework", "Studenten helpen scholieren met hun huiswerk"),
        ("reading", "Vrijwilligers helpen volwassenen die moeite hebben met lezen"),
    ):
        made[key] = InitiativeFactory(
            themes=["onderwijs", "inclusie"], pitch=pitch, description="", legal_form="foundation"
        )
        NeedFactory(initiative=made[key], kind="money", amount=3000, description="Lesmateriaal")
    engine.full_run()
    assert Match.objects.filter(initiative=made["homework"], scheme=youth).exists()
    assert not Match.objects.filter(initiative=made["reading"], scheme=youth).exists()


NEIGHBOURHOOD_FUND = {"buurt en ontmoeting", "participatie", "groen"}


def test_it_tells_a_fund_for_neighbourhood_life_from_a_local_fund_with_a_subject():
    assert sc.for_neighbourhoods(NEIGHBOURHOOD_FUND)
    assert sc.for_neighbourhoods({"buurt en ontmoeting"})
    # meeting beside a subject of its own: a green fund where neighbours meet
    assert not sc.for_neighbourhoods({"groen", "buurt en ontmoeting"})
    assert not sc.for_neighbourhoods({"armoede", "inclusie", "zorg en welzijn"})
    # what the fund states as its main subject decides
    assert not sc.for_neighbourhoods(NEIGHBOURHOOD_FUND, {"groen"})
    assert sc.for_neighbourhoods({"buurt en ontmoeting", "groen", "wonen"}, {"buurt en ontmoeting"})


def test_a_local_fund_for_neighbourhood_life_fits_every_initiative_in_its_places():
    draughts = {"energie", "armoede", "duurzaamheid"}  # no theme in common
    assert sc.scheme_topical(draughts, NEIGHBOURHOOD_FUND, local=True)
    assert not sc.scheme_topical(draughts, NEIGHBOURHOOD_FUND, local=False)
    assert not sc.scheme_topical(draughts, {"cultuur", "buurt en ontmoeting"}, local=True)


@pytest.mark.django_db
def test_neighbours_fighting_draughts_hear_their_towns_fund_is_there_for_them():
    leiden = Municipality.objects.get(name="Leiden")
    draughts = InitiativeFactory(
        name="Warm de winter door",
        themes=["energie", "armoede", "duurzaamheid"],
        pitch="Buren plakken tochtstrips bij huurders met een krappe beurs",
        description="",
        legal_form="foundation",
        municipality=leiden,
    )
    NeedFactory(initiative=draughts, kind="money", amount=3000, description="Tochtstrips")
    schemes = {}
    for key, themes in (("town", NEIGHBOURHOOD_FUND), ("culture", {"cultuur", "participatie"})):
        fund = OrganisationFactory(scope="municipalities")
        fund.municipalities.set([leiden])
        schemes[key] = FundingSchemeFactory(organisation=fund, themes=sorted(themes))
    engine.full_run()
    assert not Match.objects.filter(initiative=draughts, scheme=schemes["culture"]).exists()
    match = Match.objects.get(initiative=draughts, scheme=schemes["town"])
    with translation.override("nl"):
        # first: the fund's subject here is the place
        assert sentences(match)[0] == "Dit fonds is er voor bewonersinitiatieven in Leiden"
        assert "Zij zijn een bewonersinitiatief in Leiden, waar jullie die steunen" in (
            sentences(match, side="other")
        )


def test_it_meets_a_need_by_kind_only_when_its_text_names_nothing_more_specific():
    assert sc.met_by_kind("space", "Een vergaderruimte")
    assert sc.met_by_kind("fiscal_host", "Een penvoerder voor onze aanvraag")
    # roofs for solar panels are space too, but no meeting room meets that need
    assert not sc.met_by_kind("space", "Geschikte grote daken")
    assert not sc.met_by_kind("people", "Vrijwilligers op zaterdag")
    # contacts with schools are a network need that names what it wants: a campaign
    # network or a national referral service does not meet it
    assert sc.met_by_kind("network", "Contacten in de buurt")
    # companies that sponsor are a network of their own, not any contacts
    assert not sc.met_by_kind("network", "Contact met bedrijven die willen sponsoren")
    assert not sc.met_by_kind("network", "Contacten met scholen in de buurt")
    assert sc.concepts("Contacten met scholen") == sc.concepts("Hulp op de basisschool")
    # entrepreneurs in a neighbourhood are one subject, whatever else the texts name
    assert not sc.subject_clash(
        sc.concepts("Ondernemers en bewoners maken de lokale economie zichtbaar; scholen"),
        sc.concepts("Bewoners en ondernemers runnen samen een gedeelde keuken"),
    )
    halls = sc.offer_topics("space", "Zalen voor bijeenkomsten")
    need = ({"space"}, set(), {"space"}, sc.kind_concepts("space", "Geschikte grote daken"))
    assert sc.partner_need(*need, halls) == (0, 1)
    room = ({"space"}, {"space"}, {"space"}, sc.kind_concepts("space", "Een vergaderruimte"))
    assert sc.partner_need(*room, halls) == (1, 1)


def test_a_partner_meets_a_need_in_content_only_with_an_offer_of_its_kind():
    parents = (
        {"people"},
        set(),
        {"knowledge"},
        sc.kind_concepts("people", "Ouders voor plantdagen"),
    )
    nature_advice = sc.offer_topics("knowledge", "Advies over natuur en planten in de wijk")
    assert sc.partner_need(*parents, nature_advice) == (0, 1)  # advice brings no parents
    garden_help = (
        {"knowledge"},
        set(),
        {"knowledge"},
        sc.kind_concepts("knowledge", "Hulp bij het ontwerpen van de tuin"),
    )
    assert sc.partner_need(*garden_help, nature_advice) == (1, 1)
    # knowledge of how to find a means (volunteers) does help with a need for that means
    handymen = ({"people"}, set(), {"knowledge"}, sc.kind_concepts("people", "Meer klussers"))
    recruiting = sc.offer_topics("knowledge", "Kennis over het werven van vrijwilligers")
    assert sc.partner_need(*handymen, recruiting) == (1, 1)
    coaching = (
        {"knowledge"},
        set(),
        {"organising_power"},
        sc.kind_concepts("knowledge", "Coaching bij het organiseren"),
    )
    helpers = sc.offer_topics("organising_power", "Opbouwwerkers die helpen organiseren")
    assert sc.partner_need(*coaching, helpers) == (1, 1)
    # a need for people is a need for helpers: advice on finding volunteers meets it
    drivers = ({"people"}, set(), {"knowledge"}, sc.partner_need_topics("people", "Chauffeurs"))
    assert sc.partner_need(*drivers, recruiting) == (1, 1)
    assert sc.partner_need(*drivers, nature_advice) == (0, 1)
    # between initiatives helpers stay for something: no implied volunteers there
    assert ("people", "vrijwilligers") not in sc.kind_concepts("people", "Chauffeurs")
    schools = sc.kind_concepts("network", "Contacten met scholen in de buurt")
    assert not schools & sc.offer_topics("knowledge", "Advies over groene schoolpleinen")


def test_advice_on_working_with_the_municipality_meets_a_question_about_it_and_a_hall_does_not():
    question = (
        {"knowledge"},
        set(),
        {"knowledge"},
        sc.partner_need_topics("knowledge", "Wat moet je regelen met de gemeente?"),
    )
    advice = sc.offer_topics("knowledge", "Advies over samenwerken met de gemeente")
    assert sc.partner_need(*question, advice) == (1, 1)
    permit = (
        {"knowledge"},
        set(),
        {"knowledge"},
        sc.partner_need_topics("knowledge", "Hoe vraag je een vergunning aan?"),
    )
    assert sc.partner_need(*permit, advice) == (1, 1)
    # "van de gemeente" names who lends the hall, not help with the municipality
    halls = sc.offer_topics("space", "Zalen van de gemeente in het stadhuis")
    assert sc.partner_need(*question, halls) == (0, 1)
    # and dealing with the municipality is a means, no subject two initiatives share
    assert "gemeente" not in sc.subjects(sc.concepts("Afspraken met de gemeente"))


def test_it_takes_the_main_subject_a_fund_states_over_the_one_read_from_its_themes():
    meeting_fund = {"participatie", "buurt en ontmoeting", "inclusie"}
    homework = {"jeugd", "onderwijs", "inclusie"}
    # stated nothing: all its themes are broad, so each of them is its subject
    assert sc.scheme_topical(homework, meeting_fund, local=False)
    # it says it is about taking part and meeting: "inclusie" is a side theme
    stated = {"participatie", "buurt en ontmoeting"}
    assert sc.fund_subject(meeting_fund, stated) == stated
    assert not sc.scheme_topical(homework, meeting_fund, local=False, main=stated)
    assert sc.scheme_topical({"participatie"}, meeting_fund, local=False, main=stated)
    # a local fund's side themes still count in its own places
    assert sc.scheme_topical(homework, meeting_fund, local=True, main=stated)
    # a broad theme stated as the main subject is the subject, not a side theme
    elderly_fund = {"ouderen", "zorg en welzijn", "buurt en ontmoeting"}
    street_party = {"buurt en ontmoeting"}
    assert not sc.scheme_topical(street_party, elderly_fund, local=False)
    main = {"buurt en ontmoeting"}
    assert sc.scheme_topical(street_party, elderly_fund, local=False, main=main)
    # a stated theme the scheme does not carry is ignored
    assert sc.fund_subject({"groen", "buurt en ontmoeting"}, {"cultuur"}) == {"groen"}


def test_a_subject_stated_as_the_main_subject_reads_the_same():
    """The benchmark hands the reference scorer the subject the loader read as the
    stated one; that is only fair if reading it again changes nothing."""
    names = ["buurt en ontmoeting", "inclusie", "ouderen", "groen", "cultuur"]
    subsets = [set(c) for size in range(4) for c in itertools.combinations(names, size)]
    for themes in subsets:
        for main in subsets:
            subject = sc.fund_subject(themes, main)
            assert sc.fund_subject(themes, subject) == subject


# Texts that name no subject, loneliness, or gardens (and coffee: meeting as such), or
# whom they are for (young people, children, the elderly).
TEXTS = [
    "Samen iets doen",
    "Tegen eenzaamheid",
    "Een moestuin met koffie",
    "Kansen voor jongeren",
    "Uitjes met ouderen",
    "Buiten spelen voor kinderen",
]


@pytest.mark.django_db
def test_it_gates_funds_in_the_engine_exactly_as_the_subject_rule_says():
    """Every pair of theme sets (up to two of six themes: broad, audience, related and
    plain ones) with texts that name a subject, a group of people or neither, each fund
    with no stated main subject and with each of its themes stated as one, national and
    local: the matrix gate equals ``sc.scheme_topical``."""
    names = ["buurt en ontmoeting", "zorg en welzijn", "jeugd", "ouderen", "sport", "groen"]
    sets = [set(c) for size in range(3) for c in itertools.combinations(names, size)]
    mine = [(themes, text) for themes in sets for text in TEXTS]
    funds = [(themes, set()) for themes in sets]
    funds += [(themes, {main}) for themes in sets for main in sorted(themes)]
    funds = [(themes, main, TEXTS[i % len(TEXTS)]) for i, (themes, main) in enumerate(funds)]
    initiatives = [_initiative(i, *pair) for i, pair in enumerate(mine, start=1)]
    schemes = [_scheme(i, *fund) for i, fund in enumerate(funds, start=1)]
    corpus = Corpus(initiatives, schemes, [])
    prepared = scorers._prepared(corpus.schemes)
    rows = np.arange(len(initiatives))
    themes_topical = scorers._themes(corpus.initiatives, rows, prepared)[1]
    cosine = scorers._text(corpus.initiatives, rows, prepared)
    assert (cosine >= sc.quantise_one(sc.TEXT_TOPICAL)).any()  # alike texts are covered
    for level, local in ((sc.REGION_NATIONAL, False), (sc.REGION_MUNICIPALITY, True)):
        region = np.full((len(initiatives), len(schemes)), level, dtype=np.float32)
        gate = scorers._scheme_topical(
            corpus.initiatives, rows, prepared, region, themes_topical, cosine
        )
        expected = [
            [
                sc.scheme_topical(
                    a,
                    b,
                    local=local,
                    main=main,
                    my_subjects=sc.concepts(my_text),
                    their_subjects=sc.concepts(text),
                    text_milli=int(cosine[i, j]),
                    my_groups=sc.audience_of(a, my_text),
                    their_stated=sc.stated_audience(b, text),
                    my_people=sc.people_named(my_text),
                    their_people=sc.stated_people(b, text),
                )
                for j, (b, main, text) in enumerate(funds)
            ]
            for i, (a, my_text) in enumerate(mine)
        ]
        assert gate.tolist() == expected


def test_it_hears_loneliness_in_how_people_say_it_and_not_in_every_alleen():
    for said in (
        "voor mensen die de feestdagen anders alleen doorbrengen",
        "Kerstdiner voor wie alleen is",
        "ouderen die in hun eentje wonen",
        "oudere mensen die de hele week niemand spreken",
    ):
        assert "eenzaamheid" in sc.concepts(said), said
    for said in ("Alleen op zaterdag open", "alleen met een vergunning", "wie alleen kijkt"):
        assert "eenzaamheid" not in sc.concepts(said), said


def test_a_fund_whose_description_names_the_initiatives_subject_fits_it():
    dinner = sc.concepts("Een kerstdiner voor buren die de feestdagen anders alleen thuis zitten")
    lonely_fund = sc.concepts("Voor activiteiten die eenzame buurtbewoners weer verbinden")
    elderly_fund = {"ouderen", "zorg en welzijn", "buurt en ontmoeting"}
    themes = {"buurt en ontmoeting", "armoede"}
    assert sc.scheme_topical(
        themes, elderly_fund, local=False, my_subjects=dinner, their_subjects=lonely_fund
    )
    assert not sc.scheme_topical(themes, elderly_fund, local=False)  # the themes alone
    # the same words without a theme in common or related are no subject of the fund
    assert not sc.scheme_topical(
        {"cultuur"}, elderly_fund, local=False, my_subjects=dinner, their_subjects=lonely_fund
    )
    # coffee is meeting as such, as nearly every neighbourhood text says
    coffee = sc.concepts("Koffieochtenden en uitjes met ouderen")
    garden = sc.concepts("Een moestuin met koffie voor de buren")
    assert not sc.scheme_topical(
        {"groen", "buurt en ontmoeting"},
        elderly_fund,
        local=False,
        my_subjects=garden,
        their_subjects=coffee,
    )


def _initiative(pk: int, themes: set, text: str = "") -> InitiativeRecord:
    return InitiativeRecord(
        id=pk,
        name=f"Initiatief {pk}",
        text=text,
        text_concepts=sc.concepts(text),
        between_subjects=sc.subjects_between(sc.concepts(text)),
        audience=sc.audience_of(themes, text),
        people=sc.people_named(text),
        municipality_id=1,
        province_id=1,
        place="Gouda",
        province="Zuid-Holland",
        stage="start",
        legal_form="foundation",
        themes=set(themes),
    )


def _scheme(pk: int, themes: set, main: set, text: str = "") -> TargetRecord:
    """A scheme as ``corpus.load_schemes`` builds it, its subject read the same way."""
    return TargetRecord(
        id=pk,
        name=f"Regeling {pk}",
        text=text,
        text_subjects=sc.text_subjects(sc.concepts(text)),
        stated_audience=sc.stated_audience(themes, text),
        stated_people=sc.stated_people(themes, text),
        scope="",
        themes=set(themes),
        subject=sc.fund_subject(set(themes), main),
        for_neighbourhoods=sc.for_neighbourhoods(set(themes), main),
    )


@pytest.mark.django_db
def test_a_christmas_dinner_gets_the_loneliness_fund_and_hears_why():
    dinner = InitiativeFactory(
        name="Kerstdiner",
        themes=["buurt en ontmoeting", "armoede"],
        pitch="Een kerstdiner voor mensen die de feestdagen anders alleen thuis zitten",
        description="",
        legal_form="foundation",
    )
    NeedFactory(initiative=dinner, kind="money", amount=1500, description="Boodschappen")
    lonely = FundingSchemeFactory(
        name="Samen tegen eenzaamheid",
        description="Voor activiteiten die eenzame buurtbewoners weer met anderen verbinden.",
        themes=["ouderen", "zorg en welzijn", "buurt en ontmoeting"],
        organisation=OrganisationFactory(scope="national"),
    )
    engine.full_run()
    match = Match.objects.get(initiative=dinner, scheme=lonely)
    assert {"code": "subject", "subjects": ["eenzaamheid"]} in match.reasons
    with translation.override("nl"):
        assert (
            "De beschrijving van dit fonds en die van jullie gaan allebei over eenzaamheid"
            in sentences(match)
        )
        assert "Jullie regeling en hun beschrijving gaan allebei over eenzaamheid" in (
            sentences(match, side="other")
        )


def test_every_subject_a_reason_can_name_has_a_dutch_name():
    named = set(sc.DOMAIN_CONCEPTS) - sc.MEANS_CONCEPTS
    assert named <= set(SUBJECT_LABELS)
    with translation.override("nl"):
        assert all(str(SUBJECT_LABELS[name]) for name in named)
