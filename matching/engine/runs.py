"""Full runs in chunks by initiative id, each recorded in a ``MatchRun``.

A full run's chunks are independent Celery tasks that share one cached corpus per
worker process (the incremental run, ``matching.engine.incremental``, patches the
changed rows into that same cache).
"""

import logging
import time
import traceback

import numpy as np
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from initiatieven.models import Initiative
from matching.engine import scoring as sc
from matching.engine.corpus import get_corpus, set_corpus
from matching.engine.scorers import compute
from matching.engine.writes import CHUNK_SIZE, store
from matching.models import MatchRun

logger = logging.getLogger(__name__)


def finish_run(run: MatchRun, *, started: float, error: str = "") -> None:
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.error = error
    run.status = MatchRun.Status.FAILED if error else MatchRun.Status.SUCCEEDED
    run.save(
        update_fields=[
            "finished_at",
            "duration_ms",
            "error",
            "status",
            "pairs_scored",
            "matches_written",
        ]
    )


def full_run_start(
    *, requested_by=None, requested_by_id=None, chunk_size: int = CHUNK_SIZE
) -> tuple[MatchRun, list]:
    """Record a full run and split the initiative ids into chunks for the workers."""
    bounds = Initiative.objects.order_by("pk").values_list("pk", flat=True)
    first, last = bounds.first(), bounds.last()
    chunks = []
    if first is not None:
        start = first - first % chunk_size
        chunks = [(lo, lo + chunk_size) for lo in range(start, last + 1, chunk_size)]
    run = MatchRun.objects.create(
        kind=MatchRun.Kind.FULL,
        chunks_total=len(chunks),
        scope={"chunks": len(chunks), "chunk_size": chunk_size},
        requested_by_id=requested_by_id or getattr(requested_by, "pk", None),
    )
    if not chunks:
        finish_run(run, started=time.monotonic())
    return run, chunks


def full_run_chunk(*, run_id: int, lo: int, hi: int, worker: str = "") -> MatchRun:
    """Score and store initiatives with lo <= id < hi; report to the full run."""
    started = time.monotonic()
    parent = MatchRun.objects.get(pk=run_id)
    attempts = MatchRun.objects.filter(
        parent=parent, kind=MatchRun.Kind.CHUNK, scope__from_id=lo, scope__to_id=hi
    )
    done = attempts.filter(status=MatchRun.Status.SUCCEEDED).first()
    if done is not None:
        # Redelivered after it finished (the worker died before acknowledging): the run
        # already counted it, in the same transaction that marked it succeeded.
        return done
    # An attempt still "running" died with its worker (acks_late redelivered the chunk):
    # record that truthfully instead of leaving it running forever.
    attempts.filter(status=MatchRun.Status.RUNNING).update(
        status=MatchRun.Status.FAILED,
        finished_at=timezone.now(),
        error="worker lost; the chunk was redelivered and run again",
    )
    chunk = MatchRun.objects.create(
        kind=MatchRun.Kind.CHUNK,
        parent=parent,
        scope={"from_id": lo, "to_id": hi, "worker": worker},
    )
    error = ""
    try:
        corpus = get_corpus(fresh_after=parent.started_at)
        ids = corpus.initiatives.ids
        rows = np.flatnonzero((ids >= lo) & (ids < hi) & corpus.initiatives.active)
        results, pairs = compute(corpus, rows)
        chunk.pairs_scored = pairs
        chunk.matches_written = store(results, kinds=sc.KINDS, id_range=(lo, hi))
    except Exception:
        error = traceback.format_exc(limit=5)
        logger.exception("matching chunk %s-%s of run %s failed", lo, hi, run_id)
    # One transaction: a worker killed between "chunk succeeded" and "run counted it"
    # would leave a chunk the redelivery skips and a run that never finishes.
    with transaction.atomic():
        finish_run(chunk, started=started, error=error)
        _report_to_parent(parent, chunk)
    return chunk


def _report_to_parent(parent: MatchRun, chunk: MatchRun) -> None:
    updates = {
        "chunks_done": F("chunks_done") + 1,
        "pairs_scored": F("pairs_scored") + chunk.pairs_scored,
        "matches_written": F("matches_written") + chunk.matches_written,
    }
    if chunk.error:
        updates["status"] = MatchRun.Status.FAILED
        updates["error"] = chunk.error
    MatchRun.objects.filter(pk=parent.pk).update(**updates)
    parent.refresh_from_db()
    if parent.chunks_done >= parent.chunks_total and parent.finished_at is None:
        now = timezone.now()
        MatchRun.objects.filter(pk=parent.pk, finished_at__isnull=True).update(
            finished_at=now,
            duration_ms=int((now - parent.started_at).total_seconds() * 1000),
            status=MatchRun.Status.FAILED if parent.error else MatchRun.Status.SUCCEEDED,
        )


def full_run(*, requested_by=None, chunk_size: int = CHUNK_SIZE) -> MatchRun:
    """All chunks in this process: for the benchmark, tests and `manage.py` use."""
    set_corpus(None)
    run, chunks = full_run_start(requested_by=requested_by, chunk_size=chunk_size)
    for lo, hi in chunks:
        full_run_chunk(run_id=run.pk, lo=lo, hi=hi)
    run.refresh_from_db()
    return run
