"""Benchmark `matching`: full run, peak memory, incremental run and scoring throughput.

Sizes from the issue: 20,000 initiatives, 2,000 schemes, 3,000 partners with offers.
The full run goes the way production runs it: the nightly task fans the chunks out
to Celery workers on Redis, here two (one per core of the 2-core target machine).
The time runs from sending the task until the run is recorded as finished, so it
includes each worker reading the corpus; starting the workers is not included
(they are long-lived). The peak memory is the sum of both workers' peaks.
``speedup_vs_reference`` scores the same sample of initiatives against every target
with the engine and with the plain-Python reference scorer (tests/matching/reference.py)
in this run, and divides their pairs per second.
"""

import contextlib
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from django.db import connection

from initiatieven import selectors
from initiatieven.fake import generate
from initiatieven.models import Initiative
from matching import engine, tasks
from matching.engine.corpus import get_corpus
from matching.models import Match, MatchRun
from netwerkplatform.celery import app as celery_app
from tests.celery_worker import running_worker
from tests.matching import reference

WORKERS = 2


def _peak_rss_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM) in MB, read before it stops."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def _full_run_on_workers(timeout_s: float = 900) -> tuple[float, float]:
    """Seconds from sending the nightly task until the run finished; summed peak MB."""
    celery_app.conf.task_always_eager = False
    with contextlib.ExitStack() as stack:
        workers = [
            stack.enter_context(running_worker(name=f"bench-matching-{i}")) for i in range(WORKERS)
        ]
        started = time.perf_counter()
        tasks.full_run.delay()
        deadline = started + timeout_s
        run = None
        while time.perf_counter() < deadline:
            run = MatchRun.objects.filter(kind=MatchRun.Kind.FULL).first()
            if run is not None and run.finished_at is not None:
                break
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
        peak = sum(_peak_rss_mb(worker.pid) for worker in workers)
    assert run is not None and run.finished_at is not None, "full run did not finish"
    assert run.status == MatchRun.Status.SUCCEEDED, run.error
    workers_used = {chunk.scope["worker"] for chunk in run.chunks.all()}
    assert len(workers_used) == min(WORKERS, run.chunks_total), workers_used
    return elapsed, round(peak, 1)


def _as_reference_dicts(corpus, table, kind: str) -> list[dict]:
    """Corpus records in the reference scorer's shape, with the same TF-IDF vectors."""
    vocabulary = corpus.vectorizer.get_feature_names_out() if corpus.vectorizer else []
    found = []
    for row, record in enumerate(table.records):
        if not table.active[row]:
            continue
        vector_row = table.text.getrow(row)
        item = {
            "id": record.id,
            "themes": record.themes,
            "vector": {
                vocabulary[j]: v for j, v in zip(vector_row.indices, vector_row.data, strict=True)
            },
        }
        if kind == "initiative":
            item.update(
                muni=record.municipality_id,
                prov=record.province_id,
                stage=record.stage,
                legal_form=record.legal_form,
                needs=record.need_kinds,
                offers=record.offer_kinds,
                asks_money=record.asks_money,
                amounts=record.amounts,
                need_topics=record.need_topics,
                partner_need_topics=record.partner_need_topics,
                offer_topics=record.offer_topics,
                text_concepts=record.text_concepts,
                audience=record.audience,
                people=record.people,
                plain=record.plain_need_kinds,
            )
        else:
            item.update(
                region=selectors.Region(
                    scope=record.scope or "national",
                    province_ids=frozenset(record.provinces),
                    municipality_ids=frozenset(record.municipalities),
                ),
                offers=record.offer_kinds,
                topics=record.offer_topics,
                knowledge=record.knowledge_subjects,
                # the subject the loader read; stated as the main subject it reads the
                # same (sc.fund_subject of a subject is that subject)
                main=record.subject,
                text_subjects=record.text_subjects,
                stated_audience=record.stated_audience,
                stated_people=record.stated_people,
                stages=record.stages,
                min=record.min_amount,
                max=record.max_amount,
                requires_entity=record.requires_legal_entity,
            )
        found.append(item)
    return found


def _full_run_beside_cpu_burners(burners: int = 2) -> float:
    """The same full run (from an empty Match table, fresh workers) while ``burners``
    processes keep every core busy, as other work on a shared 2-core machine does."""
    Match.objects.all().delete()
    MatchRun.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Match._meta.db_table}")
    processes = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(burners)
    ]
    try:
        elapsed, _peak = _full_run_on_workers()
    finally:
        for process in processes:
            process.kill()
            process.wait(timeout=10)
    return elapsed


def _incremental_ms(sample_ids: list[int]) -> list[float]:
    """Change one initiative's text at a time and time its incremental run (no signal:
    we time the run itself)."""
    get_corpus()  # a worker keeps its corpus between runs; the first read is not timed
    # Right after 600,000 fresh rows autovacuum is still analysing the table; settle it
    # the way it would be by the time someone edits an initiative.
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {Match._meta.db_table}")
    timings = []
    for pk in sample_ids:
        Initiative.objects.filter(pk=pk).update(description="Samen energie besparen in de buurt")
        t0 = time.perf_counter()
        run_ = engine.incremental_run(initiative_ids=[pk])
        timings.append((time.perf_counter() - t0) * 1000)
        assert run_.status == "succeeded", run_.error
    return timings


def _engine_and_reference_rates(rng, sample_size: int) -> tuple[float, float]:
    """Pairs per second on one sample, engine vs reference, every target of every kind;
    both must keep the same matches."""
    corpus = get_corpus()
    rows = rng.choice(np.flatnonzero(corpus.initiatives.active), size=sample_size, replace=False)
    t0 = time.perf_counter()
    results, pairs = engine.compute(corpus, rows)
    engine_s = time.perf_counter() - t0
    initiatives = _as_reference_dicts(corpus, corpus.initiatives, "initiative")
    schemes = _as_reference_dicts(corpus, corpus.schemes, "target")
    partners = _as_reference_dicts(corpus, corpus.partners, "target")
    by_id = {item["id"]: item for item in initiatives}
    t0 = time.perf_counter()
    expected = {}
    for row in rows:
        a = by_id[int(corpus.initiatives.ids[row])]
        expected[a["id"]] = reference.top_k_for(a, schemes, partners, initiatives)
    reference_s = time.perf_counter() - t0
    reference_pairs = len(rows) * (len(schemes) + len(partners) + len(initiatives) - 1)
    got = {}
    for kind, initiative_id, target, score, _reasons in results:
        got.setdefault(initiative_id, {}).setdefault(kind, []).append((target, score))
    for initiative_id, kinds in expected.items():
        for kind, kept in kinds.items():
            assert got.get(initiative_id, {}).get(kind, []) == kept, (initiative_id, kind)
    return pairs / engine_s, reference_pairs / reference_s


def run(*, small: bool = False) -> dict:
    sizes = (
        # every third organisation is a fund: 68 give 45 partners, 4,500 give 3,000
        {"initiatives": 300, "schemes": 30, "organisations": 68}
        if small
        else {"initiatives": 20_000, "schemes": 2_000, "organisations": 4_500}
    )
    made = generate(**sizes)
    full_run_s, peak = _full_run_on_workers()
    full_run_busy_s = _full_run_beside_cpu_burners()
    rng = np.random.default_rng(7)
    sample_ids = [int(pk) for pk in rng.choice(made["initiative_ids"], size=11, replace=False)]
    timings = _incremental_ms(sample_ids)
    engine_rate, reference_rate = _engine_and_reference_rates(rng, 5 if small else 20)
    return {
        "matching.full_run_s": (round(full_run_s, 2), "s"),
        "matching.full_run_busy_s": (round(full_run_busy_s, 2), "s"),
        "matching.full_run_peak_rss_mb": (peak, "MB"),
        "matching.incremental_ms": (round(statistics.median(timings), 1), "ms"),
        "matching.pairs_per_s": (round(engine_rate), "pairs/s"),
        "matching.speedup_vs_reference": (round(engine_rate / reference_rate, 1), "x"),
    }
