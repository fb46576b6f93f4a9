"""generate_fake stays deterministic and usable; the directory benchmark cannot rot."""

import io

import pytest
from django.core.management import call_command

from initiatieven.models import FundingScheme, Initiative, Organisation
from tests.bench.bench_directory import measure

pytestmark = pytest.mark.django_db


def test_it_generates_the_requested_amounts_deterministically():
    call_command(
        "generate_fake",
        initiatives=40,
        organisations=6,
        schemes=5,
        seed=7,
        stdout=io.StringIO(),
    )
    first = list(Initiative.objects.order_by("pk").values_list("name", "municipality_id", "stage"))
    assert len(first) == 40
    assert Organisation.objects.count() == 6 and FundingScheme.objects.count() == 5
    Initiative.objects.all().delete()
    call_command(
        "generate_fake",
        initiatives=40,
        organisations=0,
        schemes=0,
        seed=7,
        stdout=io.StringIO(),
    )
    second = list(Initiative.objects.order_by("pk").values_list("name", "municipality_id", "stage"))
    assert [row[1:] for row in first] == [row[1:] for row in second]


def test_it_runs_a_small_directory_benchmark(client):
    results = measure(initiatives=150, repeats=1)
    assert set(results) == {
        "directory.search_median_ms",
        "directory.search_p95_ms",
        "directory.header_search_median_ms",
        "directory.index_all_s",
        "directory.initiatives",
    }
    assert all(value > 0 for value, _unit in results.values())
    # indexing from scratch left every initiative with its terms again
    assert not Initiative.objects.filter(search_terms="").exists()
