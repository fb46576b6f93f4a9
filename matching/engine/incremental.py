"""The incremental run after a save: recompute only what one change can touch.

When an initiative, scheme or partner T changes, only the scores against T change.
So an incremental run
- recomputes the changed initiatives' own suggestions (one row against everything),
- recomputes the initiatives whose stored suggestions point at T (T may have dropped
  out, and then their eleventh-best moves up),
- and for the initiatives where T now *enters* the top K, adds T and expires the
  suggestion it pushes out, without rescoring those rows: all their other scores
  are unchanged, so the new top K is the stored one plus T.
The cached corpus is patched with the changed rows, so nothing is read twice.
"""

import logging
import time
import traceback
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np

from initiatieven.models import FundingScheme, Initiative, Organisation
from matching.engine import scoring as sc
from matching.engine.corpus import Corpus, get_corpus
from matching.engine.explain import build_reasons
from matching.engine.runs import finish_run
from matching.engine.scorers import BLOCK_SIZE, SCORERS, compute, load_learned, one_blas_thread
from matching.engine.writes import TARGET_COLUMN, add, store
from matching.models import Match, MatchRun

logger = logging.getLogger(__name__)

# At most this many initiatives (the best-scoring) are checked for whether a changed
# target enters their top K; the nightly full run catches any beyond.
MAX_ENTER_CANDIDATES = 300


@dataclass
class Column:
    """Every initiative's score against one target (where the hard rules pass), with
    the text and region features the reasons are made of. Arrays are aligned."""

    rows: np.ndarray  # initiative rows in the corpus
    score: np.ndarray
    text: np.ndarray
    region: np.ndarray


def _column(corpus: Corpus, kind: str, target_id: int) -> Column | None:
    table_name = SCORERS[kind][1]
    table = getattr(corpus, table_name)
    col = table.index.get(target_id)
    if col is None or not table.active[col]:
        return None
    scorer = SCORERS[kind][0]
    load_learned(corpus)
    with one_blas_thread():
        if kind == sc.KIND_INITIATIVE:  # scores are symmetric: the column is the row
            block = scorer(corpus, np.array([col]))
            rows = np.arange(corpus.initiatives.n)
            score, text, region = block.score[0], block.text[0], block.region[0]
        else:
            view = SimpleNamespace(
                initiatives=corpus.initiatives, **{table_name: table.subset([col])}
            )
            rows = np.flatnonzero(corpus.initiatives.active)
            parts = [
                scorer(view, rows[start : start + BLOCK_SIZE * 32])
                for start in range(0, len(rows), BLOCK_SIZE * 32)
            ]
            score = np.concatenate([part.score[:, 0] for part in parts])
            text = np.concatenate([part.text[:, 0] for part in parts])
            region = np.concatenate([part.region[:, 0] for part in parts])
    hits = np.flatnonzero(score >= 0)
    return Column(rows[hits], score[hits], text[hits], region[hits])


def _pointing_at(kind: str, target_id: int) -> set[int]:
    """Initiatives with a stored match of this kind to the target."""
    return set(
        Match.objects.filter(kind=kind, **{TARGET_COLUMN[kind]: target_id}).values_list(
            "initiative_id", flat=True
        )
    )


def _entering(corpus: Corpus, kind: str, target_id: int, column: Column, skip: set[int]):
    """Rows to add and suggestions to expire where the target enters a stored top K.

    A stored top K is the initiative's suggested and matched rows of this kind.
    """
    inits = corpus.initiatives
    ids = inits.ids[column.rows]
    order = np.lexsort((ids, -column.score))  # best first, lower id on ties
    order = order[~np.isin(ids[order], list(skip))]
    candidates = order[:MAX_ENTER_CANDIDATES].tolist()
    if not candidates:
        return [], []
    stored: dict[int, list[tuple]] = {}
    for pk, initiative_id, target, score in (
        Match.objects.filter(
            kind=kind,
            initiative_id__in=[int(ids[i]) for i in candidates],
            status__in=[Match.Status.SUGGESTED, Match.Status.MATCHED],
        )
        .exclude(**{TARGET_COLUMN[kind]: target_id})
        .values_list("pk", "initiative_id", TARGET_COLUMN[kind], "score")
    ):
        stored.setdefault(initiative_id, []).append((score, target, pk))
    table = getattr(corpus, SCORERS[kind][1])
    other = table.records[table.index[target_id]]
    rows, expire = [], []
    for i in candidates:
        me = inits.records[column.rows[i]]
        score = int(column.score[i])
        entering = (score, target_id, None)  # no stored row (pk) yet
        ranking = sorted([*stored.get(me.id, []), entering], key=_rank)
        if entering not in ranking[: sc.TOP_K]:
            continue
        reasons = build_reasons(corpus, kind, me, other, int(column.text[i]), int(column.region[i]))
        rows.append((kind, me.id, target_id, score, reasons))
        expire += [pk for _, _, pk in ranking[sc.TOP_K :]]
    return rows, expire


def _rank(entry: tuple) -> tuple:
    score, target, _ = entry
    return (-score, target)


def incremental_run(*, initiative_ids=(), scheme_ids=(), partner_ids=()) -> MatchRun:
    """Recompute what a change touches (see the module docstring); record the run."""
    started = time.monotonic()
    changed = {
        sc.KIND_INITIATIVE: sorted(set(initiative_ids)),
        sc.KIND_SCHEME: sorted(set(scheme_ids)),
        sc.KIND_PARTNER: sorted(set(partner_ids)),
    }
    run = MatchRun.objects.create(
        kind=MatchRun.Kind.INCREMENTAL,
        scope={
            "initiatives": changed[sc.KIND_INITIATIVE],
            "schemes": changed[sc.KIND_SCHEME],
            "partners": changed[sc.KIND_PARTNER],
        },
    )
    error = ""
    try:
        corpus = get_corpus()
        corpus.refresh(
            initiative_ids=changed[sc.KIND_INITIATIVE],
            scheme_ids=changed[sc.KIND_SCHEME],
            partner_ids=changed[sc.KIND_PARTNER],
        )
        run.pairs_scored, run.matches_written = _recompute(corpus, changed)
    except Exception:
        error = traceback.format_exc(limit=5)
        logger.exception("incremental matching run %s failed", run.pk)
    finish_run(run, started=started, error=error)
    return run


def _recompute(corpus: Corpus, changed: dict[str, list[int]]) -> tuple[int, int]:
    """Rescore the changed and pointing rows, then add entering targets; (pairs, written)."""
    redo = {kind: set(changed[sc.KIND_INITIATIVE]) for kind in sc.KINDS}
    columns = []
    for kind, target_ids in changed.items():
        for target_id in target_ids:
            redo[kind] |= _pointing_at(kind, target_id)
            column = _column(corpus, kind, target_id)
            if column is not None:
                columns.append((kind, target_id, column))
    pairs = written = 0
    inits = corpus.initiatives
    for kind, ids in redo.items():
        if not ids:
            continue
        rows = [inits.index[pk] for pk in sorted(ids) if pk in inits.index]
        rows = [row for row in rows if inits.active[row]]
        results, scored = compute(corpus, rows, kinds=(kind,))
        pairs += scored
        written += store(_existing(kind, results), kinds=(kind,), initiative_ids=sorted(ids))
    for kind, target_id, column in columns:
        pairs += len(column.rows)
        rows, expire = _entering(corpus, kind, target_id, column, skip=redo[kind])
        written += add(_existing(kind, rows), kind=kind, expire=expire)
    return pairs, written


def _existing(kind: str, results: list[tuple]) -> list[tuple]:
    """Drop targets deleted since the cached corpus was read (no foreign key errors)."""
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
