"""On random small datasets the engine's stored top-K equals the slow reference scorer's."""

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatieven.models import Initiative, Offer, Organisation
from matching import engine
from matching.engine import scoring as sc
from matching.engine.corpus import set_corpus
from matching.models import DeclineReason, Match
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

WORDS = [
    "buurt",
    "buurten",
    "moestuin",
    "speeltuin",
    "energie",
    "wonen",
    "ouderen",
    "jongeren",
    "zaal",
    "geld",
]
# Broad ("zorg en welzijn", "buurt en ontmoeting"), audience ("jeugd", "ouderen") and
# related ones ("ouderen" ~ "zorg en welzijn", "sport" ~ "jeugd"): every subject rule.
THEMES = [
    "wonen",
    "energie",
    "groen",
    "zorg en welzijn",
    "cultuur",
    "buurt en ontmoeting",
    "jeugd",
    "ouderen",
    "sport",
]
PLACES = ["Gouda", "Waddinxveen", "Zwolle"]  # two in Zuid-Holland, one in Overijssel
KINDS = ["money", "space", "knowledge", "people", "fiscal_host", "materials"]
# Need and offer texts: some meet in content (scoring.DOMAIN_CONCEPTS), some do not.
WHAT = ["hulp", "een zaal", "afvalgrijpers", "keukenspullen", "vrijwilligers", "zonnepanelen"]

text = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)
themes = st.lists(st.sampled_from(THEMES), max_size=3, unique=True)
needs = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.one_of(st.none(), st.integers(100, 9000)),
        st.sampled_from(WHAT),
    ),
    max_size=3,
)
offers = st.lists(st.tuples(st.sampled_from(KINDS), st.sampled_from(WHAT)), max_size=2)
initiative = st.fixed_dictionaries(
    {
        "text": text,
        "themes": themes,
        "place": st.sampled_from(PLACES),
        "stage": st.sampled_from(sc.STAGES),
        "legal_form": st.sampled_from(["informal", "foundation"]),
        "needs": needs,
        "offers": offers,
    }
)
scope = st.sampled_from(["national", "provinces", "municipalities", ""])
scheme = st.fixed_dictionaries(
    {
        "text": text,
        "themes": themes,
        # the main subject a fund states; a stated theme the scheme lacks is ignored
        "main": st.lists(st.sampled_from(THEMES), max_size=2, unique=True),
        "scope": scope,
        "min": st.one_of(st.none(), st.integers(0, 3000)),
        "span": st.one_of(st.none(), st.integers(0, 6000)),
        "stages": st.lists(st.sampled_from(sc.STAGES), max_size=2, unique=True),
        "legal": st.booleans(),
        "closed": st.booleans(),
    }
)
partner = st.fixed_dictionaries(
    {
        "text": text,
        "themes": themes,
        "scope": scope,
        "offers": st.lists(
            st.tuples(st.sampled_from(KINDS), st.sampled_from(WHAT)), min_size=1, max_size=3
        ),
    }
)


def _region(obj, scope_value):
    if scope_value == "provinces":
        obj.provinces.set([Municipality.objects.get(name="Zwolle").province])
    elif scope_value == "municipalities":
        obj.municipalities.set([Municipality.objects.get(name="Gouda")])


def _build(initiatives, schemes, partners):
    for data in initiatives:
        item = InitiativeFactory(
            name="Initiatief",
            pitch=data["text"],
            description="",
            municipality=Municipality.objects.get(name=data["place"]),
            stage=data["stage"],
            legal_form=data["legal_form"],
            themes=data["themes"],
        )
        for kind, amount, what in data["needs"]:
            NeedFactory(initiative=item, kind=kind, amount=amount, description=what)
        for kind, what in data["offers"]:
            Offer.objects.create(initiative=item, kind=kind, description=what)
    InitiativeFactory(name="Concept", visibility=Initiative.Visibility.DRAFT)
    for data in schemes:
        fund = OrganisationFactory(scope=data["scope"] or "provinces")
        _region(fund, data["scope"] or "provinces")
        minimum = data["min"]
        maximum = None if data["span"] is None else (minimum or 0) + data["span"]
        item = FundingSchemeFactory(
            organisation=fund,
            name="Regeling",
            description=data["text"],
            themes=data["themes"],
            main_themes=data["main"],
            scope=data["scope"],
            min_amount=minimum,
            max_amount=maximum,
            eligible_stages=data["stages"],
            requires_legal_entity=data["legal"],
            closes_on=datetime.date(2000, 1, 1) if data["closed"] else None,
        )
        _region(item, data["scope"])
    for data in partners:
        org = OrganisationFactory(
            kind=Organisation.Kind.WELFARE,
            name="Partner",
            description=data["text"],
            scope=data["scope"] or "national",
            themes=data["themes"],
        )
        _region(org, data["scope"] or "national")
        for kind, what in data["offers"]:
            OfferFactory(organisation=org, kind=kind, description=what)


def _stored():
    found = {}
    for match in Match.objects.filter(status="suggested").order_by("-score", "pk"):
        target = match.scheme_id or match.partner_id or match.other_initiative_id
        found.setdefault((match.initiative_id, match.kind), []).append((target, match.score))
    return {key: sorted(pairs, key=lambda p: (-p[1], p[0])) for key, pairs in found.items()}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    initiatives=st.lists(initiative, min_size=1, max_size=6),
    schemes=st.lists(scheme, max_size=4),
    partners=st.lists(partner, max_size=4),
    k=st.integers(1, 3),
    declines=st.lists(
        st.tuples(
            st.integers(0, 60),
            st.sampled_from(["initiative", "other"]),
            st.sampled_from(["subject", "region", "amount"]),
        ),
        max_size=5,
    ),
    to_learn=st.integers(1, 2),
)
def test_it_stores_the_same_top_k_as_the_reference_scorer(
    initiatives, schemes, partners, k, declines, to_learn, monkeypatch
):
    monkeypatch.setattr(sc, "TOP_K", k)
    # Fewer declines make a lesson, so the small random sets learn something.
    monkeypatch.setattr(sc, "DECLINES_TO_LEARN", to_learn)
    with transaction.atomic():
        set_corpus(None)
        _build(initiatives, schemes, partners)
        engine.full_run()
        assert _stored() == reference_top_k()
        # Answers come in; the next run learns from them exactly as the reference does.
        matches = list(Match.objects.order_by("pk"))
        for index, side, why in declines if matches else ():
            DeclineReason.objects.update_or_create(
                match=matches[index % len(matches)], side=side, defaults={"why": why}
            )
        engine.full_run()
        assert _stored() == reference_top_k()
        transaction.set_rollback(True)
