"""Benchmark `directory`: the initiatives directory with a search term and two filters.

With 50,000 generated initiatives on PostgreSQL, three typical queries are each run
several times through Django's test client (server time: URL routing, SQL, template);
prints `directory.search_median_ms` and `directory.search_p95_ms` (targets: median
< 100 ms, p95 < 250 ms), the header search (`directory.header_search_median_ms`), and
`directory.index_all_s`: recomputing every initiative's Dutch search terms from scratch
(analysis caches emptied first; target < 60 s at 50,000).

    make bench BENCH=directory
"""

import os
import statistics
import time

QUERIES = [
    {"q": "moestuin", "theme": "groen", "province": "zuid-holland"},
    {"q": "vrijwilligers", "needs": "people", "stage": "start"},
    {"q": "taal nieuwkomers", "theme": "inclusie", "legal_form": "informal"},
    {"q": "buurtmoestuinen", "province": "utrecht"},
    {"q": "coöperatie energie"},
]
HEADER_QUERIES = ["moestuin", "vrijwilligers energie"]


def _index_from_scratch() -> float:
    """Seconds to recompute all initiatives' search terms with cold analysis caches."""
    from initiatieven import services
    from initiatieven.models import Initiative
    from netwerkplatform.core.search import analysis

    for cached in (
        analysis.stem,
        analysis.split_compound,
        analysis.compound_parts,
        analysis.undiminish,
        analysis.word_terms,
    ):
        cached.cache_clear()
    ids = list(Initiative.objects.values_list("pk", flat=True))
    Initiative.objects.update(search_terms="", search_title_terms="", search_vector=None)
    started = time.perf_counter()
    services.initiative_search_refresh(ids=ids)
    return time.perf_counter() - started


def measure(*, initiatives: int = 50_000, repeats: int = 7) -> dict[str, tuple[float, str]]:
    from django.db import connection
    from django.test import Client

    from initiatieven.fake import generate
    from initiatieven.models import Initiative

    if Initiative.objects.count() < initiatives:
        generate(
            initiatives=initiatives - Initiative.objects.count(),
            organisations=300,
            schemes=600,
            seed=42,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh bulk-loaded tables: give the planner statistics
    index_seconds = _index_from_scratch()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE initiatieven_initiative")
    client = Client()
    header = []
    for q in HEADER_QUERIES:
        client.get("/zoeken/", {"q": q})
        for _ in range(repeats):
            started = time.perf_counter()
            assert client.get("/zoeken/", {"q": q}).status_code == 200
            header.append((time.perf_counter() - started) * 1000)
    samples = []
    for params in QUERIES:
        client.get("/initiatieven/", params)  # warm caches
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get("/initiatieven/", params)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return {
        "directory.search_median_ms": (round(statistics.median(samples), 1), "ms"),
        "directory.search_p95_ms": (round(p95, 1), "ms"),
        "directory.header_search_median_ms": (round(statistics.median(header), 1), "ms"),
        "directory.index_all_s": (round(index_seconds, 2), "s"),  # 150 rows take ~0.05 s
        "directory.initiatives": (Initiative.objects.count(), "rows"),
    }


def run(*, small: bool = False) -> dict[str, tuple[float, str]]:
    """Called by the runner (`make bench BENCH=directory`); BENCH_DIRECTORY_SIZE overrides."""
    size = 500 if small else int(os.environ.get("BENCH_DIRECTORY_SIZE", "50000"))
    return measure(initiatives=size, repeats=2 if small else 7)
