"""The matching benchmark still runs (small sizes, real workers), so it cannot rot."""

import pytest

from tests.bench import bench_matching

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_it_runs_the_matching_benchmark_small(real_broker):
    figures = bench_matching.run(small=True)
    assert set(figures) == {
        "matching.full_run_s",
        "matching.full_run_busy_s",
        "matching.full_run_peak_rss_mb",
        "matching.incremental_ms",
        "matching.pairs_per_s",
        "matching.speedup_vs_reference",
    }
    assert figures["matching.pairs_per_s"][0] > 0
