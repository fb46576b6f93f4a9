"""Runs: a full run in chunks by initiative id, and the incremental run after a save.

Both record a ``MatchRun``. A full run's chunks are independent Celery tasks that share
one cached corpus per worker process; an incremental run patches the changed rows into
that cache and recomputes only the initiatives whose top K the change can touch.
"""

import logging
import time
import traceback
from types import SimpleNamespace

import numpy as np
from django.db.models import F
from django.utils import timezone

from initiatieven.models import Initiative
from matching import scoring as sc
from matching.corpus import Corpus, get_corpus, set_corpus
from matching.engine.scorers import BLOCK_SIZE, SCORERS, compute, one_blas_thread
from matching.engine.writes import CHUNK_SIZE, store
from matching.models import Match, MatchRun

logger = logging.getLogger(__name__)


def _finish(run: MatchRun, *, started: float, error: str = "") -> None:
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
        _finish(run, started=time.monotonic())
    return run, chunks


def full_run_chunk(*, run_id: int, lo: int, hi: int, worker: str = "") -> MatchRun:
    """Score and store initiatives with lo <= id < hi; report to the full run."""
    started = time.monotonic()
    parent = MatchRun.objects.get(pk=run_id)
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
        chunk.matches_written = store(chunk, results, kinds=sc.KINDS, id_range=(lo, hi))
    except Exception:
        error = traceback.format_exc(limit=5)
        logger.exception("matching chunk %s-%s of run %s failed", lo, hi, run_id)
    _finish(chunk, started=started, error=error)
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


def _kth_scores(kind: str, initiative_ids) -> dict[int, tuple[int, int]]:
    """Per initiative: (how many live matches of this kind, the lowest of its top K)."""
    found: dict[int, list[int]] = {}
    for pk, score in Match.objects.filter(
        kind=kind,
        initiative_id__in=list(initiative_ids),
        status__in=[Match.Status.SUGGESTED, Match.Status.MATCHED],
    ).values_list("initiative_id", "score"):
        found.setdefault(pk, []).append(score)
    return {pk: (len(s), sorted(s, reverse=True)[: sc.TOP_K][-1]) for pk, s in found.items()}


# An incremental run checks at most this many initiatives (the best-scoring) for whether
# a changed target now enters their top K; the nightly full run catches the rest.
MAX_ENTER_CANDIDATES = 300


def _would_enter(kind: str, candidates: dict[int, int]) -> set[int]:
    """Initiatives for which a target scoring ``candidates[id]`` enters their top K."""
    if len(candidates) > MAX_ENTER_CANDIDATES:
        best = sorted(candidates.items(), key=lambda item: (-item[1], item[0]))
        candidates = dict(best[:MAX_ENTER_CANDIDATES])
    current = _kth_scores(kind, candidates)
    return {
        pk
        for pk, score in candidates.items()
        if pk not in current or current[pk][0] < sc.TOP_K or score >= current[pk][1]
    }


def _column(corpus: Corpus, kind: str, target_id: int) -> dict[int, int]:
    """Scores of every initiative against one target, for those that pass the rules."""
    table_name = SCORERS[kind][1]
    table = getattr(corpus, table_name)
    col = table.index.get(target_id)
    if col is None or not table.active[col]:
        return {}
    inits = corpus.initiatives
    with one_blas_thread():
        if kind == sc.KIND_INITIATIVE:  # scores are symmetric: the column is the row
            score = SCORERS[kind][0](corpus, np.array([col])).score[0]
            hits = np.flatnonzero(score >= 0)
            return dict(
                zip(inits.ids[hits].tolist(), score[hits].astype(int).tolist(), strict=True)
            )
        view = SimpleNamespace(initiatives=inits, **{table_name: table.subset([col])})
        rows = np.flatnonzero(inits.active)
        found: dict[int, int] = {}
        for start in range(0, len(rows), BLOCK_SIZE * 32):
            block = rows[start : start + BLOCK_SIZE * 32]
            score = SCORERS[kind][0](view, block).score[:, 0]
            hits = np.flatnonzero(score >= 0)
            found.update(
                zip(inits.ids[block[hits]].tolist(), score[hits].astype(int).tolist(), strict=True)
            )
        return found


def incremental_run(*, initiative_ids=(), scheme_ids=(), partner_ids=()) -> MatchRun:
    """Recompute only what a change touches: the changed initiatives' own suggestions,
    and the suggestions of initiatives a changed target (or initiative) now enters or
    already appears in."""
    started = time.monotonic()
    initiative_ids = sorted(set(initiative_ids))
    scheme_ids = sorted(set(scheme_ids))
    partner_ids = sorted(set(partner_ids))
    run = MatchRun.objects.create(
        kind=MatchRun.Kind.INCREMENTAL,
        scope={"initiatives": initiative_ids, "schemes": scheme_ids, "partners": partner_ids},
    )
    error = ""
    try:
        corpus = get_corpus()
        corpus.refresh(
            initiative_ids=initiative_ids, scheme_ids=scheme_ids, partner_ids=partner_ids
        )
        todo: dict[str, set[int]] = {kind: set() for kind in sc.KINDS}
        for kind in sc.KINDS:
            todo[kind].update(initiative_ids)
        inits = corpus.initiatives
        for pk in initiative_ids:
            column = _column(corpus, sc.KIND_INITIATIVE, pk)  # symmetric scores
            pointing = Match.objects.filter(kind=sc.KIND_INITIATIVE, other_initiative_id=pk)
            todo[sc.KIND_INITIATIVE].update(pointing.values_list("initiative_id", flat=True))
            todo[sc.KIND_INITIATIVE].update(_would_enter(sc.KIND_INITIATIVE, column))
        for kind, ids, field in (
            (sc.KIND_SCHEME, scheme_ids, "scheme_id"),
            (sc.KIND_PARTNER, partner_ids, "partner_id"),
        ):
            for pk in ids:
                pointing = Match.objects.filter(kind=kind, **{field: pk})
                todo[kind].update(pointing.values_list("initiative_id", flat=True))
                todo[kind].update(_would_enter(kind, _column(corpus, kind, pk)))
        written = pairs = 0
        for kind, ids in todo.items():
            if not ids:
                continue
            rows = [
                inits.index[pk]
                for pk in sorted(ids)
                if pk in inits.index and inits.active[inits.index[pk]]
            ]
            results, scored = compute(corpus, rows, kinds=(kind,))
            pairs += scored
            results = _existing_targets(kind, results)
            written += store(run, results, kinds=(kind,), initiative_ids=sorted(ids))
        run.pairs_scored = pairs
        run.matches_written = written
    except Exception:
        error = traceback.format_exc(limit=5)
        logger.exception("incremental matching run %s failed", run.pk)
    _finish(run, started=started, error=error)
    return run


def _existing_targets(kind: str, results: list[tuple]) -> list[tuple]:
    """Drop targets deleted since the cached corpus was read (no foreign key errors)."""
    from initiatieven.models import FundingScheme, Organisation

    model = {
        sc.KIND_SCHEME: FundingScheme,
        sc.KIND_PARTNER: Organisation,
        sc.KIND_INITIATIVE: Initiative,
    }[kind]
    wanted = {row[2] for row in results}
    if not wanted:
        return results
    existing = set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    return [row for row in results if row[2] in existing]
