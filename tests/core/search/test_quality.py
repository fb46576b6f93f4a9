"""Search quality set: recall and precision@10 over a fixed corpus (tests/core/search/corpus.py).

Runs on the suite's database (PostgreSQL in ``make test``: the GIN-indexed tsvector) and
again through the portable LIKE filter that SQLite uses; a third test runs the set in a
separate process on a real SQLite database and checks it gives the very same hits.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from initiatieven import search, services
from netwerkplatform.core.search import orm
from netwerkplatform.core.search.suggest import clear_vocabulary, retry_with_suggestion
from tests.core.factories import municipality
from tests.core.search.corpus import INITIATIVES, QUERIES
from tests.initiatieven.factories import InitiativeFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def _load_corpus() -> dict[str, str]:
    names = {}
    ids = []
    for key, (name, place, themes, pitch, description) in INITIATIVES.items():
        initiative = InitiativeFactory(
            name=name,
            slug=key,
            municipality=municipality(place),
            pitch=pitch,
            description=description,
            themes=themes,
        )
        names[name] = key
        ids.append(initiative.pk)
    InitiativeFactory(name="Moestuin in voorbereiding", slug="concept", visibility="draft")
    services.initiative_search_refresh(ids=ids)
    clear_vocabulary()
    return names


def _run_all() -> dict[str, list[str]]:
    """Each query as the directory answers it: its own hits, or those of "Bedoelde je …?"."""
    keys = _load_corpus()
    hits = {}
    for query in QUERIES:
        found = list(search.initiative_search(q=query).values_list("name", flat=True))
        if not found:
            retried = retry_with_suggestion(search.initiative_search, q=query)
            if retried:
                found = list(retried[0].values_list("name", flat=True))
        hits[query] = [keys[name] for name in found]
    return hits


def _scores(hits: dict[str, list[str]]) -> tuple[float, float, list[str]]:
    recalls, precisions, misses = [], [], []
    for query, expected in QUERIES.items():
        found = hits[query]
        if not expected:
            if found:
                misses.append(f"{query!r}: expected nothing, got {found}")
            continue
        top = found[:10]
        recall = len(expected & set(found)) / len(expected)
        precision = len(expected & set(top)) / min(10, len(top)) if top else 0.0
        recalls.append(recall)
        precisions.append(precision)
        if recall < 1 or precision < 1:
            misses.append(
                f"{query!r}: missing {sorted(expected - set(found))}, "
                f"extra {sorted(set(top) - expected)}"
            )
    return sum(recalls) / len(recalls), sum(precisions) / len(precisions), misses


def _report(label: str, hits) -> tuple[float, float]:
    recall, precision, misses = _scores(hits)
    print(
        f"\nsearch quality ({label}): {len(QUERIES)} queries, "
        f"recall {recall:.3f}, precision@10 {precision:.3f}"
    )
    for miss in misses:
        print("  ", miss)
    return recall, precision


def test_the_quality_set_has_enough_queries_of_every_kind():
    assert len(QUERIES) >= 60
    assert all(key in INITIATIVES for expected in QUERIES.values() for key in expected)


def test_it_meets_the_recall_and_precision_targets():
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    hits = _run_all()
    recall, precision = _report(engine, hits)
    out = os.environ.get("SEARCH_QUALITY_HITS_FILE")
    if out:
        Path(out).write_text(json.dumps(hits, sort_keys=True))
    assert recall >= 0.95
    assert precision >= 0.9


def test_the_portable_filter_gives_the_same_hits_as_the_database_index(monkeypatch):
    """The LIKE filter SQLite uses returns the same rows, in the same order, as the
    database's own path (PostgreSQL's tsvector in ``make test``)."""
    _load_corpus()

    def direct():
        return {
            q: list(search.initiative_search(q=q).values_list("slug", flat=True)) for q in QUERIES
        }

    indexed = direct()
    monkeypatch.setattr(orm.connection, "vendor", "sqlite")
    assert direct() == indexed
    assert sum(bool(found) for found in indexed.values()) > 50


@pytest.mark.timeout(180)
def test_it_gives_the_same_hits_on_sqlite(tmp_path, postgres_only):
    """``make run`` uses SQLite: the same set run there in a fresh process gives the very
    same hits, in the same order, as on PostgreSQL."""
    here = _run_all()
    out = tmp_path / "sqlite-hits.json"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'quality.sqlite3'}",
        "SEARCH_QUALITY_HITS_FILE": str(out),
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"{Path(__file__).relative_to(ROOT)}::test_it_meets_the_recall_and_precision_targets",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    print(result.stdout[-1500:])
    assert json.loads(out.read_text()) == here
