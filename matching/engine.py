"""The matching engine: score blocks of initiatives against everything, keep the top 10.

Scoring is matrix arithmetic over a block of initiatives at a time (sparse products for
text and themes, broadcasting for region, need and amount): no Python loop over pairs.
Python only touches the pairs that make a top 10, to write their reasons.

Writing is an upsert per chunk of initiatives in one transaction, under an advisory
lock per chunk of ids, so:
- a rerun never duplicates a match (unique constraints + ``ON CONFLICT``),
- a declined or matched match keeps its status and both responses (only score, reasons
  and the run marker are updated; an expired one that qualifies again is suggested again),
- suggestions of the chunk the run did not confirm expire, unless someone responded,
- a chunk that fails rolls back entirely, so earlier matches stay as they were,
- two runs over the same initiatives take turns writing (the lock) instead of
  expiring each other's fresh suggestions.
"""

import json
import logging
import time
import traceback
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from initiatieven.models import Initiative
from matching import scoring as sc
from matching.corpus import RESOURCE_KINDS, Corpus, get_corpus, set_corpus
from matching.models import Match, MatchRun

logger = logging.getLogger(__name__)

# Initiative ids per chunk of a full run (one Celery task each). Chunk boundaries are
# fixed multiples, so the advisory lock of a chunk is the same in every run.
CHUNK_SIZE = 2000
# Initiatives scored at once: 128 × 20,000 initiatives × 8 bytes ≈ 20 MB per feature.
BLOCK_SIZE = 128
LOCK_NAMESPACE = 5105  # first key of pg_advisory_xact_lock(int, int) for matching chunks
_ID_SPAN = 2**31  # tie-break: a lower id wins; ids stay below 2**31


@dataclass
class Scored:
    """A block's scores against one kind of target, plus its features for the reasons."""

    kind: str
    rows: np.ndarray  # initiative rows of the block
    score: np.ndarray  # (block, targets) int
    valid: np.ndarray  # (block, targets) bool: passes hard rules and MIN_SCORE
    features: dict
    extra: dict

    def keys(self, target_ids: np.ndarray) -> np.ndarray:
        key = self.score * (2 * _ID_SPAN) + (_ID_SPAN - target_ids)[None, :]
        return np.where(self.valid, key, -1)


def _product(left, right_t) -> np.ndarray:
    """Sparse block × (dense or sparse) transposed table → dense array."""
    if isinstance(right_t, np.ndarray):
        return left.toarray() @ right_t
    return (left @ right_t).toarray()


def _jaccard(a_themes, a_count, b_themes_t, b_count):
    inter = _product(a_themes, b_themes_t)
    union = a_count[:, None] + b_count[None, :] - inter
    return sc.quantise(np.divide(inter, union, out=np.zeros_like(inter), where=union > 0))


def _cosine(a_text, b_text_t):
    return sc.quantise(_product(a_text, b_text_t))


def score_schemes(corpus: Corpus, rows: np.ndarray) -> Scored:
    inits, S = corpus.initiatives, corpus.schemes
    text_t, themes_t = S.transposed()
    shape = (len(rows), S.n)
    features = {
        "themes": _jaccard(inits.themes[rows], inits.theme_count[rows], themes_t, S.theme_count),
        "text": _cosine(inits.text[rows], text_t),
        "region": S.coverage[:, inits.muni_col[rows]].T,
        "need": np.broadcast_to(np.where(inits.asks_money[rows], sc.MILLI, 0)[:, None], shape),
    }
    asked = inits.asked[rows][:, None]
    has_asked = ~np.isnan(asked)
    low, high = S.min_amount[None, :], S.max_amount[None, :]
    with np.errstate(invalid="ignore"):
        amount_ok = ~has_asked | (
            (np.isnan(low) | (asked >= low)) & (np.isnan(high) | (asked <= high))
        )
    explicit = ~np.isnan(S.min_amount) | ~np.isnan(S.max_amount)
    features["amount"] = np.where(
        has_asked & explicit[None, :], sc.AMOUNT_IN_RANGE, sc.AMOUNT_UNKNOWN
    )
    score = sc.combine(sc.KIND_SCHEME, features)
    penvoerder = S.requires_entity[None, :] & inits.informal[rows][:, None]
    score = np.where(penvoerder, np.maximum(score - sc.PENVOERDER_PENALTY, 0), score)
    stage_ok = S.stage_ok[:, inits.stage[rows]].T
    valid = (
        (features["region"] > 0)
        & stage_ok
        & amount_ok
        & (score >= sc.MIN_SCORE)
        & S.active[None, :]
    )
    return Scored(sc.KIND_SCHEME, rows, score, valid, features, {"penvoerder": penvoerder})


def score_partners(corpus: Corpus, rows: np.ndarray) -> Scored:
    inits, P = corpus.initiatives, corpus.partners
    text_t, themes_t = P.transposed()
    shared = inits.needs[rows] @ P.offers.T
    need_count = inits.need_count[rows][:, None]
    features = {
        "themes": _jaccard(inits.themes[rows], inits.theme_count[rows], themes_t, P.theme_count),
        "text": _cosine(inits.text[rows], text_t),
        "region": P.coverage[:, inits.muni_col[rows]].T,
        "need": sc.quantise(
            np.divide(shared, need_count, out=np.zeros_like(shared), where=need_count > 0)
        ),
    }
    score = sc.combine(sc.KIND_PARTNER, features)
    valid = (score >= sc.MIN_SCORE) & P.active[None, :]
    return Scored(sc.KIND_PARTNER, rows, score, valid, features, {})


def score_initiatives(corpus: Corpus, rows: np.ndarray) -> Scored:
    inits = corpus.initiatives
    text_t, themes_t = inits.transposed()
    same_muni = inits.municipality[rows][:, None] == inits.municipality[None, :]
    same_prov = inits.province[rows][:, None] == inits.province[None, :]
    exchange = inits.needs[rows] @ inits.offers.T + inits.offers[rows] @ inits.needs.T
    total_needs = inits.need_count[rows][:, None] + inits.need_count[None, :]
    features = {
        "themes": _jaccard(
            inits.themes[rows], inits.theme_count[rows], themes_t, inits.theme_count
        ),
        "text": _cosine(inits.text[rows], text_t),
        # same municipality implies same province: 600 + 400 = 1000
        "region": same_prov * sc.REGION_PROVINCE
        + same_muni * (sc.REGION_MUNICIPALITY - sc.REGION_PROVINCE),
        "need": sc.quantise(
            np.divide(exchange, total_needs, out=np.zeros_like(exchange), where=total_needs > 0)
        ),
    }
    score = sc.combine(sc.KIND_INITIATIVE, features)
    not_self = inits.ids[rows][:, None] != inits.ids[None, :]
    valid = (score >= sc.MIN_SCORE) & inits.active[None, :] & not_self
    return Scored(sc.KIND_INITIATIVE, rows, score, valid, features, {})


SCORERS = {
    sc.KIND_SCHEME: (score_schemes, "schemes"),
    sc.KIND_PARTNER: (score_partners, "partners"),
    sc.KIND_INITIATIVE: (score_initiatives, "initiatives"),
}


def top_k(keys: np.ndarray, k: int | None = None) -> list[np.ndarray]:
    """Per row the columns of the k largest keys (> -1), best first."""
    k = k or sc.TOP_K
    if keys.shape[1] == 0:
        return [np.empty(0, dtype=np.int64) for _ in range(keys.shape[0])]
    k = min(k, keys.shape[1])
    part = np.argpartition(-keys, k - 1, axis=1)[:, :k]
    best = np.take_along_axis(keys, part, axis=1)
    order = np.argsort(-best, axis=1, kind="stable")
    part = np.take_along_axis(part, order, axis=1)
    best = np.take_along_axis(best, order, axis=1)
    return [part[r][best[r] >= 0] for r in range(keys.shape[0])]


def _kinds(a: set, b: set) -> list[str]:
    """Resource kinds in both sets, in the vocabulary's order."""
    common = a & b
    return [kind for kind in RESOURCE_KINDS if kind in common] if common else []


def build_reasons(corpus: Corpus, scored: Scored, r: int, col: int) -> list[dict]:
    """Machine-readable reasons; ``matching.reasons`` turns them into Dutch sentences."""
    inits = corpus.initiatives
    row = scored.rows[r]
    me = inits.records[row]
    table = getattr(corpus, SCORERS[scored.kind][1])
    other = table.records[col]
    features = scored.features
    reasons: list[dict] = []
    shared = sorted(me.themes & other.themes)
    if shared:
        reasons.append({"code": "themes", "themes": shared})
    similarity = int(features["text"][r, col]) / sc.MILLI
    if similarity >= sc.TEXT_REASON_MIN:
        reasons.append({"code": "text", "similarity": round(similarity, 2)})
    level = int(features["region"][r, col])
    if level == sc.REGION_MUNICIPALITY:
        reasons.append({"code": "region", "level": "municipality", "place": me.place})
    elif level == sc.REGION_PROVINCE:
        reasons.append({"code": "region", "level": "province", "place": me.province})
    elif level == sc.REGION_NATIONAL:
        reasons.append({"code": "region", "level": "national"})
    if scored.kind == sc.KIND_SCHEME:
        if me.asked is not None and (other.min_amount is not None or other.max_amount is not None):
            reasons.append(
                {
                    "code": "amount",
                    "min": other.min_amount,
                    "max": other.max_amount,
                    "asked": me.asked,
                }
            )
        elif me.asks_money:
            reasons.append({"code": "money"})
        if scored.extra["penvoerder"][r, col]:
            reasons.append({"code": "penvoerder", "hosts": corpus.fiscal_hosts(me.municipality_id)})
    elif scored.kind == sc.KIND_PARTNER:
        kinds = _kinds(me.need_kinds, other.offer_kinds)
        if kinds:
            reasons.append({"code": "offers", "kinds": kinds, "place": me.place})
    else:
        they_offer = _kinds(me.need_kinds, other.offer_kinds)
        you_offer = _kinds(me.offer_kinds, other.need_kinds)
        if they_offer or you_offer:
            reasons.append({"code": "exchange", "they_offer": they_offer, "you_offer": you_offer})
    return reasons


def compute(corpus: Corpus, rows, kinds=sc.KINDS) -> tuple[list[tuple], int]:
    """Top-K rows ``(kind, initiative_id, target_id, score, reasons)`` and pairs scored."""
    rows = np.asarray(rows, dtype=np.int64)
    results: list[tuple] = []
    pairs = 0
    inits = corpus.initiatives
    for start in range(0, len(rows), BLOCK_SIZE):
        block = rows[start : start + BLOCK_SIZE]
        for kind in kinds:
            scorer, table_name = SCORERS[kind]
            table = getattr(corpus, table_name)
            if table.n == 0:
                continue
            scored = scorer(corpus, block)
            pairs += scored.score.size
            for r, cols in enumerate(top_k(scored.keys(table.ids))):
                for col in cols:
                    results.append(
                        (
                            kind,
                            int(inits.ids[block[r]]),
                            int(table.ids[col]),
                            int(scored.score[r, col]),
                            build_reasons(corpus, scored, r, int(col)),
                        )
                    )
    return results, pairs


# --- storing -----------------------------------------------------------------------

_TARGET_COLUMN = {
    sc.KIND_SCHEME: "scheme_id",
    sc.KIND_PARTNER: "partner_id",
    sc.KIND_INITIATIVE: "other_initiative_id",
}
_COLUMNS = (
    "kind, initiative_id, scheme_id, partner_id, other_initiative_id, score, reasons, status,"
    " initiative_response, other_response, source, last_run_id, created_at, updated_at"
)


def _upsert(kind: str, rows: list[tuple], run_id: int, now) -> None:
    if not rows:
        return
    table = Match._meta.db_table
    target = _TARGET_COLUMN[kind]
    values = []
    for _, initiative_id, target_id, score, reasons in rows:
        targets = [target_id if column == target else None for column in _TARGET_COLUMN.values()]
        values.append(
            (
                kind,
                initiative_id,
                *targets,
                score,
                json.dumps(reasons),
                Match.Status.SUGGESTED,
                "",
                "",
                Match.Source.ENGINE,
                run_id,
                now,
                now,
            )
        )
    conflict = (
        f" ON CONFLICT (initiative_id, {target}) DO UPDATE SET score = EXCLUDED.score,"
        " reasons = EXCLUDED.reasons, last_run_id = EXCLUDED.last_run_id,"
        " updated_at = EXCLUDED.updated_at,"
        f" status = CASE WHEN {table}.status = 'expired' THEN 'suggested'"
        f" ELSE {table}.status END"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            template = "(" + ", ".join(["%s"] * 6 + ["%s::jsonb"] + ["%s"] * 7) + ")"
            execute_values(
                cursor.cursor,
                f"INSERT INTO {table} ({_COLUMNS}) VALUES %s{conflict}",
                values,
                template=template,
                page_size=2000,
            )
        else:
            placeholders = ", ".join(["%s"] * 14)
            cursor.executemany(
                f"INSERT INTO {table} ({_COLUMNS}) VALUES ({placeholders}){conflict}", values
            )


def _lock_chunks(initiative_ids) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite allows one writer at a time anyway
    with connection.cursor() as cursor:
        for bucket in sorted({pk // CHUNK_SIZE for pk in initiative_ids}):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, bucket])


def store(run: MatchRun, results, *, kinds, initiative_ids=None, id_range=None) -> int:
    """Write one chunk's top-K and expire what it no longer suggests, all or nothing."""
    now = timezone.now()
    by_kind: dict[str, list] = {kind: [] for kind in kinds}
    for row in results:
        by_kind[row[0]].append(row)
    stale = Match.objects.filter(
        kind__in=kinds,
        source=Match.Source.ENGINE,
        status=Match.Status.SUGGESTED,
        initiative_response="",
        other_response="",
    ).exclude(last_run=run)
    if id_range is not None:
        stale = stale.filter(initiative_id__gte=id_range[0], initiative_id__lt=id_range[1])
        lock_ids = range(id_range[0], id_range[1], CHUNK_SIZE)
    else:
        stale = stale.filter(initiative_id__in=list(initiative_ids))
        lock_ids = initiative_ids
    with transaction.atomic():
        _lock_chunks(lock_ids)
        for kind, rows in by_kind.items():
            _upsert(kind, rows, run.pk, now)
        stale.update(status=Match.Status.EXPIRED, updated_at=now)
    return len(results)


# --- runs --------------------------------------------------------------------------


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
    if kind == sc.KIND_INITIATIVE:  # scores are symmetric: the column is the row
        scored = score_initiatives(corpus, np.array([col]))
        hits = np.flatnonzero(scored.valid[0])
        return {int(inits.ids[j]): int(scored.score[0, j]) for j in hits}
    view = SimpleNamespace(initiatives=inits, **{table_name: table.subset([col])})
    rows = np.flatnonzero(inits.active)
    found: dict[int, int] = {}
    for start in range(0, len(rows), BLOCK_SIZE * 32):
        block = rows[start : start + BLOCK_SIZE * 32]
        scored = SCORERS[kind][0](view, block)
        for r in np.flatnonzero(scored.valid[:, 0]):
            found[int(inits.ids[block[r]])] = int(scored.score[r, 0])
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
