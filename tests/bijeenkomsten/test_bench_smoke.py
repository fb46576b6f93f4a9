"""A small run of the ``signup`` benchmark so it cannot rot (the full one: make bench)."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_runs_the_signup_benchmark_small(postgres_only):
    from tests.bench import bench_signup

    figures = bench_signup.run(small=True)
    assert figures["signup.confirmed"][0] == 10
    assert figures["signup.waitlisted"][0] == 20
    assert figures["signup.errors"][0] == 0
    assert figures["checkin.checked_in"][0] == 30
    assert figures["checkin.errors"][0] == 0
    assert figures["checkin.median_ms"][0] > 0
