import pytest

from initiatieven.mozaiek import results
from initiatieven.mozaiek.results import consensus, level_of
from tests.mozaiek.factories import AssessmentFactory, submitted_response

pytestmark = pytest.mark.django_db


def test_it_measures_full_agreement_as_one_and_a_split_between_extremes_as_zero():
    assert consensus({1: 0, 2: 0, 3: 0, 4: 5, 5: 0}) == 1.0
    assert consensus({1: 3, 2: 0, 3: 0, 4: 0, 5: 3}) == pytest.approx(0.0)
    assert consensus({1: 1, 2: 1, 3: 1, 4: 1, 5: 1}) == pytest.approx(0.43, abs=0.01)


@pytest.mark.parametrize(
    ("mean", "level"),
    [(4.0, "strong"), (3.96, "strong"), (3.9, "attention"), (3.0, "attention"), (2.9, "concern")],
)
def test_it_labels_means_with_the_agreed_thresholds(mean, level):
    assert level_of(mean) == level


def test_it_shows_nothing_but_the_count_below_three_answers():
    assessment = AssessmentFactory()
    submitted_response(assessment, 2)
    submitted_response(assessment, 4)
    submitted_response(assessment, 5, submitted=False)
    outcome = results.round_results(assessment)
    assert outcome.submitted == 2 and not outcome.visible and outcome.blocks == []
    assert results.statement_table(assessment) is None


def test_it_computes_block_means_from_three_submitted_answers():
    assessment = AssessmentFactory()
    for value in (2, 3, 4):
        submitted_response(assessment, value)
    outcome = results.round_results(assessment)
    assert outcome.visible
    opgave = outcome.blocks[0]
    assert opgave.mean == pytest.approx(3.0) and opgave.level == "attention"
    assert opgave.counts == {1: 0, 2: 5, 3: 5, 4: 5, 5: 0}


def test_it_leaves_dont_know_out_of_the_mean():
    assessment = AssessmentFactory()
    submitted_response(assessment, 4)
    submitted_response(assessment, 4)
    submitted_response(assessment, None)
    opgave = results.round_results(assessment).blocks[0]
    assert opgave.mean == 4.0 and opgave.dont_know == 5


def test_it_calls_a_block_divided_when_answers_are_far_apart():
    assessment = AssessmentFactory()
    for value in (1, 5, 1, 5):
        submitted_response(assessment, values={"binding": value})
    binding = next(b for b in results.round_results(assessment).blocks if b.block.key == "binding")
    assert binding.divided and binding.mean == 3.0


def test_it_ranks_the_agenda_by_low_score_and_disagreement():
    assessment = AssessmentFactory()
    for value in (1, 5, 1, 5):
        submitted_response(
            assessment, values={"binding": value, "organisatie": 2, "waarde": 3, "opgave": 5}
        )
    agenda = [b.block.key for b in results.round_results(assessment).agenda]
    assert agenda[0] == "binding"
    assert agenda.index("organisatie") < agenda.index("waarde")
    assert "opgave" not in agenda


def test_it_compares_with_the_previous_round_of_the_same_network():
    old = AssessmentFactory(status="closed")
    for _ in range(3):
        submitted_response(old, 2)
    new = AssessmentFactory(initiative=old.initiative)
    for _ in range(3):
        submitted_response(new, 4)
    outcome = results.round_results(new)
    assert outcome.previous == old
    assert outcome.blocks[0].change == pytest.approx(2.0)


def test_it_compares_groups_only_when_each_has_three_answers():
    assessment = AssessmentFactory()
    for _ in range(3):
        submitted_response(assessment, 4, partner_kind="kern")
    for _ in range(2):
        submitted_response(assessment, 2, partner_kind="advies", is_coordinator=True)
    assert results.round_results(assessment).groups == []
    submitted_response(assessment, 2, partner_kind="anders", is_coordinator=True)
    assessment.status = "closed"  # results refresh per three answers or on closing
    assessment.save()
    groups = results.round_results(assessment).groups
    # coordinators 3 vs partners 3; core 3 vs others 3
    assert len(groups) == 2
    block, first, second = groups[1].rows[0]
    assert (first, second) == (4.0, 2.0)


def test_it_draws_seven_tiles_without_overlap():
    assessment = AssessmentFactory()
    for _ in range(3):
        submitted_response(assessment, 4)
    tiles = results.mosaic_tiles(results.round_results(assessment).blocks)
    centres = {(t["x"], t["score_y"]) for t in tiles}
    assert len(tiles) == 7 and len(centres) == 7
    assert all(0 < float(t["x"]) < 360 and 0 < float(t["score_y"]) < 320 for t in tiles)
    assert "," not in tiles[0]["x"]  # never localised: SVG needs a decimal point


def test_it_shows_the_opt_in_profile_summary_only_with_results():
    assessment = AssessmentFactory(show_summary_on_profile=True)
    submitted_response(assessment, 4)
    assert results.profile_summary(assessment.initiative) is None
    submitted_response(assessment, 4)
    submitted_response(assessment, 4)
    assert results.profile_summary(assessment.initiative).assessment == assessment
    assessment.show_summary_on_profile = False
    assessment.save()
    assert results.profile_summary(assessment.initiative) is None
