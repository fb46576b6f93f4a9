"""The small version of `make bench BENCH=matching_quality`: the labelled set must keep
its quality bar (no hard-rule breaks, no untrue reasons, precise partner suggestions)."""

import pytest

from tests.bench import bench_matching_quality

pytestmark = pytest.mark.django_db


def test_the_labelled_set_keeps_the_quality_bar():
    measured = bench_matching_quality.run(small=True)
    figures = {name: value for name, (value, _unit) in measured.items()}
    assert figures["matching_quality.hard_rule_violations"] == 0
    assert figures["matching_quality.untrue_reasons"] == 0
    # measured 1.0 / 0.72 / 0.955 / 0.96 on the tuning part when this test was written;
    # the bar sits a little below so a harmless reordering does not fail it
    assert figures["matching_quality.precision5_partner"] >= 0.9
    assert figures["matching_quality.precision5_scheme"] >= 0.7
    assert figures["matching_quality.ndcg5_scheme"] >= 0.93
    assert figures["matching_quality.recall5_scheme"] >= 0.9
