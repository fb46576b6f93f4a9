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
    # measured 1.0 / 0.91 / 0.966 / 0.935 on the tuning part, and 8 / 1 unrelated funds /
    # partners in all top-5s (52 / 1 before subject fit decided), when this was written;
    # the bar sits a little below so a harmless reordering does not fail it
    assert figures["matching_quality.precision5_partner"] >= 0.9
    assert figures["matching_quality.precision5_scheme"] >= 0.88
    assert figures["matching_quality.ndcg5_scheme"] >= 0.95
    assert figures["matching_quality.recall5_scheme"] >= 0.9


def test_initiatives_are_suggested_to_each_other_only_for_a_subject_in_common():
    figures = {n: v for n, (v, _u) in bench_matching_quality.run(small=True).items()}
    # measured 0.958 (tuning part) and 0.963 (held out) on the merged set; the unrelated
    # pairs left are a nature playground and a play forest the clusters split, and one
    # pair with an initiative of the funds' held-out set that this tuning never saw
    assert figures["matching_quality.precision5_initiative"] >= 0.95
    assert figures["matching_quality.precision5_initiative_heldout"] >= 0.9
    assert figures["matching_quality.unrelated_top5_initiative"] <= 2
    # 4 since a fund's broad themes are side themes and a fund for one group of people
    # is not for another (8 before); the four left share a theme the labels find too
    # thin (a meeting fund's "inclusie" for a homework class, a youth fund's "jeugd"
    # for a nature playground), which no theme rule can tell from the good ones
    assert figures["matching_quality.unrelated_top5_scheme"] <= 4
    assert figures["matching_quality.unrelated_top5_partner"] <= 1


def test_a_stated_main_subject_keeps_the_rules_and_the_reasons_true():
    """Once every fund states its main subject, suggestions still keep the hard rules
    and give only true reasons, and the funds' side themes stop carrying suggestions."""
    figures = {n: v for n, (v, _u) in bench_matching_quality.run(small=True).items()}
    assert figures["matching_quality.stated_hard_rule_violations"] == 0
    assert figures["matching_quality.stated_untrue_reasons"] == 0
    # measured 5 against 7 from the themes alone: a meeting fund no longer offered to a
    # homework class or a clothing bank for the "inclusie" it lists beside its subject
    assert (
        figures["matching_quality.stated_unrelated_top5"]
        < figures["matching_quality.unrelated_top5"]
    )
