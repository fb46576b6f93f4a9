"""The dates benchmark still runs (small), so it cannot rot."""

from tests.bench import bench_dates


def test_it_runs_the_dates_benchmark_small():
    figures = bench_dates.run(small=True)
    scheduled, _ = figures["dates.scheduled"]
    bound, _ = figures["dates.upper_bound"]
    assert 0 < scheduled <= bound
    assert figures["dates.ratio"][0] >= 0.9
    assert 0 < figures["dates.agreed_kept"][0] <= figures["dates.agreed"][0]
