"""The small version of `make bench BENCH=matching_quality`: the labelled set must keep
its quality bar (no hard-rule breaks, no untrue reasons, precise partner suggestions)."""

import functools

import pytest

from tests.bench import bench_matching_quality, quality_second_opinion, quality_set_blind
from tests.bench import quality_set as qs

pytestmark = pytest.mark.django_db


@functools.cache
def _figures() -> dict:
    """One small run for all tests here (it rolls itself back, so nothing it leaves
    behind can leak between them): figure name → value."""
    return {name: value for name, (value, _unit) in bench_matching_quality.run(small=True).items()}


def test_the_labelled_set_keeps_the_quality_bar():
    figures = _figures()
    assert figures["matching_quality.hard_rule_violations"] == 0
    assert figures["matching_quality.untrue_reasons"] == 0
    # measured on the labels after the blind second opinion (quality_second_opinion):
    # precision@5 0.933 / 1.0 for partners / funds, nDCG@5 0.976, recall@5 0.765 /
    # 0.957; the bar sits a little below so a harmless reordering does not fail it
    assert figures["matching_quality.precision5_partner"] >= 0.9
    # a partner that knows the initiative's subject counts, asked for or not
    # (sc.knows_subject), and so does help to find volunteers for a need for people
    # (sc.IMPLIED_MEANS): 0.682 and, on the development set, 0.361 without them
    assert figures["matching_quality.recall5_partner"] >= 0.73
    assert figures["matching_quality.dev_recall5_partner"] >= 0.45
    assert figures["matching_quality.precision5_scheme"] >= 0.97
    assert figures["matching_quality.ndcg5_scheme"] >= 0.96
    assert figures["matching_quality.recall5_scheme"] >= 0.9
    # funds that say whom they are for, local funds for neighbourhood life as such and
    # loneliness as people say it: 0.688 / 0.777 on the development set before them
    assert figures["matching_quality.dev_recall5_scheme"] >= 0.7
    assert figures["matching_quality.dev_ndcg5_scheme"] >= 0.8
    # a fund whose words name its people is a subject for those people only
    # (sc.for_its_people): 0.933 on the development set before, 1.0 with it
    assert figures["matching_quality.dev_precision5_scheme"] >= 0.97


def test_a_higher_level_holds_more_suggestions_labelled_good():
    """ "Sterke match" must mean more than "Mogelijk" (matching.levels): measured 0.919,
    0.648 and 0.51 labelled good from the strongest level down."""
    figures = _figures()
    strong, good, possible = (
        figures[f"matching_quality.level_{level}_good"] for level in ("strong", "good", "possible")
    )
    assert strong > good > possible
    assert strong >= 0.85
    assert figures["matching_quality.level_strong_relevant"] >= 0.95


def test_initiatives_are_suggested_to_each_other_only_for_a_subject_in_common():
    figures = _figures()
    # measured 1.0 and 0.957: a choir and a windmill share "cultuur", a solar coop and
    # a second-hand shop "duurzaamheid", but their texts name other subjects
    # (subject_clash), and a room in Assen is no exchange with Den Bosch (reachable);
    # the two left in the held-out part: a street party and a seniors' afternoon that
    # both name music, each in the other's top 5 (the subject both texts name)
    assert figures["matching_quality.precision5_initiative"] >= 0.95
    assert figures["matching_quality.precision5_initiative_heldout"] >= 0.95
    assert figures["matching_quality.unrelated_top5_initiative"] <= 2
    assert figures["matching_quality.unrelated_top5_initiative_heldout"] <= 2
    # a subject both texts name lets more of the right initiatives meet (0.41 and 0.47
    # without it; measured 0.567 and 0.556)
    assert figures["matching_quality.recall5_initiative"] >= 0.55
    assert figures["matching_quality.recall5_initiative_heldout"] >= 0.5
    # a youth fund's "jeugd" for a nature playground for small children was the last
    # one, until a fund's words for its people counted (sc.for_its_people)
    assert figures["matching_quality.unrelated_top5_scheme"] == 0
    assert figures["matching_quality.unrelated_top5_partner"] == 0


def test_a_stated_main_subject_keeps_the_rules_and_the_reasons_true():
    """Once every fund states its main subject, suggestions still keep the hard rules
    and give only true reasons, and the funds' side themes stop carrying suggestions."""
    figures = _figures()
    assert figures["matching_quality.stated_hard_rule_violations"] == 0
    assert figures["matching_quality.stated_untrue_reasons"] == 0
    # measured 1, as from the themes alone (5 against 7 on the first labels: a meeting
    # fund no longer offered to a homework class for the "inclusie" beside its subject)
    assert (
        figures["matching_quality.stated_unrelated_top5"]
        <= figures["matching_quality.unrelated_top5"]
    )


def test_a_label_changes_only_when_both_blind_labellers_outvote_it():
    assert quality_second_opinion.majority("good", "ok", "ok") == "ok"
    assert quality_second_opinion.majority("good", "ok", "bad") == "good"  # no majority
    assert quality_second_opinion.majority("good", "good", "bad") == "good"
    rows = quality_second_opinion.opinions()
    pairs = [(r["initiative"], r["kind"], r["other"]) for r in rows]
    assert len(pairs) == len(set(pairs)) == 658 + 167 + 201  # three rounds
    verdicts = {"good", "ok", "bad", "unrelated"}
    assert all(r["a"] in verdicts and r["b"] in verdicts and r["a_reason"] for r in rows)


def test_the_blind_sets_keep_the_rules_and_the_reasons_true():
    """The fresh held-out set is for measuring, not tuning: only what holds whatever the
    labels say is asserted here (``make bench`` prints its other figures), and the same
    for the development set."""
    figures = _figures()
    assert figures["matching_quality.fresh_hard_rule_violations"] == 0
    assert figures["matching_quality.fresh_untrue_reasons"] == 0
    assert figures["matching_quality.dev_hard_rule_violations"] == 0
    assert figures["matching_quality.dev_untrue_reasons"] == 0


@pytest.mark.parametrize(
    ("blind", "count"), [(quality_set_blind.FRESH, 24), (quality_set_blind.DEV, 30)]
)
def test_every_blind_initiative_is_labelled_against_every_scheme_and_partner(blind, count):
    records = blind.initiatives()
    targets = {s[0] for s in qs.SCHEMES} | {p[0] for p in qs.PARTNERS}
    assert len(records) == count
    assert all(set(record[-1]) == targets for record in records)


def test_a_third_labeller_decides_only_where_the_two_differ():
    assert quality_set_blind.verdict({"a": "ok", "b": "ok"}) == "ok"
    assert quality_set_blind.verdict({"a": "ok", "b": "bad", "c": "bad"}) == "bad"
