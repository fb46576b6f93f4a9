"""Hard rules live once, in initiatieven.selectors; the engine's matrix forms (amount,
region) and the scheme form's live count must say exactly what the predicate says."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from initiatieven import selectors
from matching import engine
from matching.engine import scoring as sc
from matching.engine.corpus import TargetRecord, coverage_matrix
from matching.engine.scorers import amount_bounds, scheme_amounts
from matching.models import Match
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OrganisationFactory,
)

amount = st.one_of(st.none(), st.integers(0, 200_000).map(float))
bound = st.one_of(st.none(), st.integers(0, 150_000).map(float))
scheme_range = st.tuples(bound, bound)


def _prepared(ranges):
    low = np.array([math.nan if lo is None else lo for lo, _ in ranges])
    high = np.array([math.nan if hi is None else hi for _, hi in ranges])
    return amount_bounds(low, high)


@settings(max_examples=200, deadline=None)
@given(
    asks=st.lists(st.lists(amount, max_size=4), min_size=1, max_size=6),
    ranges=st.lists(scheme_range, min_size=1, max_size=6),
)
def test_the_engines_amount_matrix_says_what_the_selectors_predicate_says(asks, ranges):
    width = max([1] + [sum(a is not None for a in row) for row in asks])
    amounts = np.full((len(asks), width), np.nan)
    for i, row in enumerate(asks):
        known = [a for a in row if a is not None]
        amounts[i, : len(known)] = known
    unknown = np.array([any(a is None for a in row) for row in asks])
    ok, feature = scheme_amounts(amounts, unknown, _prepared(ranges))
    for i, row in enumerate(asks):
        for j, (low, high) in enumerate(ranges):
            fits = selectors.money_asks_fit(row, min_amount=low, max_amount=high)
            assert bool(ok[i, j]) == fits, (row, low, high)
            if fits:
                assert int(feature[i, j]) == sc.scheme_amount(row, low, high)


MUNICIPALITIES = np.arange(10, 16)
region_record = st.builds(
    TargetRecord,
    id=st.just(1),
    name=st.just("Fonds"),
    text=st.just(""),
    scope=st.sampled_from(["national", "provinces", "municipalities", ""]),
    provinces=st.sets(st.integers(1, 3), max_size=2),
    municipalities=st.sets(st.integers(8, 17), max_size=3),
)


@settings(max_examples=200, deadline=None)
@given(
    records=st.lists(region_record, min_size=1, max_size=5),
    provinces=st.lists(st.integers(1, 3), min_size=6, max_size=6),
)
def test_it_covers_exactly_the_places_the_selectors_region_covers(records, provinces):
    """The engine's coverage matrix is the selectors' ``Region.covers``, cell by cell."""
    muni_province = np.array(provinces)
    coverage = coverage_matrix(records, MUNICIPALITIES, muni_province)
    for row, record in enumerate(records):
        region = selectors.Region(
            scope=record.scope or "national",
            province_ids=frozenset(record.provinces),
            municipality_ids=frozenset(record.municipalities),
        )
        for col, (municipality, province) in enumerate(zip(MUNICIPALITIES, provinces, strict=True)):
            covered = region.covers(municipality_id=int(municipality), province_id=province)
            level = sc.region_level_of_scope(record.scope) if covered else 0
            assert coverage[row, col] == level, (record, municipality, province)


def test_one_need_must_fit_the_range_on_its_own_not_the_sum_of_all():
    assert selectors.money_asks_fit([8000, 120_000], min_amount=1000, max_amount=10_000)
    assert not selectors.money_asks_fit([3000, 3000], min_amount=5000, max_amount=10_000)
    assert selectors.money_asks_fit([None], min_amount=5000, max_amount=10_000)
    assert not selectors.money_asks_fit([], min_amount=None, max_amount=None)


@pytest.mark.django_db
def test_the_live_count_and_the_engine_agree_on_which_initiatives_fit_a_scheme():
    def initiative(name, *needs):
        item = InitiativeFactory(name=name, themes=["groen"], legal_form="foundation")
        for value in needs:
            NeedFactory(initiative=item, kind="money", amount=value)
        return item

    cases = {
        initiative("Twee kleine vragen", 3000, 3000): False,  # never summed to 6,000
        initiative("Klein en groot", 8000, 120_000): True,  # the 8,000 fits
        initiative("Nog geen bedrag", None): True,  # the fund can still judge it
        initiative("Vraagt geen geld"): False,
        initiative("Te groot", 60_000): False,
    }
    scheme = FundingSchemeFactory(
        organisation=OrganisationFactory(),
        themes=["groen"],
        min_amount=5000,
        max_amount=50_000,
    )
    engine.full_run()
    counted = set(selectors.initiatives_fitting_scheme(scheme).values_list("pk", flat=True))
    matched = set(Match.objects.filter(scheme=scheme).values_list("initiative_id", flat=True))
    expected = {item.pk for item, fits in cases.items() if fits}
    assert counted == matched == expected
