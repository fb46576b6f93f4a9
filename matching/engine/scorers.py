"""Scoring a block of initiatives against every target of one kind, and the top K.

Everything is whole-matrix arithmetic over a block (a few dozen initiatives × all
targets); Python only loops over blocks. Why it looks the way it does:

- Exact integers in float32. Every milli-feature is a small integer and every weighted
  sum stays below 2**24, so float32 holds them exactly, and ``(total + 500) / 1000`` is
  never within float32's error of an integer unless it is one. Half the bytes of
  float64/int64 means half the memory traffic, which is what these loops are bound by.
  Ratios of small counts (Jaccard, need share) are at least 1/union away from a
  rounding tie unless they are one exactly (then float32 is exact too), so rounding
  them in float32 agrees with the reference scorer's float64.
- Text similarity is the exception: cosines are arbitrary reals, so the product and its
  rounding stay in float64 (as in the reference) and only the rounded integer is cast.
- The top K per row: ``np.partition`` finds each row's K-th best score, and only cells
  at or above it (a handful per row, more only on ties) are sorted by (score desc,
  id asc). No int64 key matrix over all cells, no Python loop over rows.
- Blocks are small so the dozen (block × targets) temporaries stay in cache.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from matching import scoring as sc

F32 = np.float32
# Initiatives scored at once: 64 × 20,000 targets × 4 bytes = 5 MB per temporary.
BLOCK_SIZE = 64


@dataclass
class Block:
    """One block's result against one kind of target: what the top K and reasons need."""

    kind: str
    rows: np.ndarray  # initiative rows of the block
    score: np.ndarray  # (block, targets) float32 score; -1 where a hard rule fails
    text: np.ndarray  # (block, targets) float32 text similarity in thousandths
    region: np.ndarray  # (block, targets) float32 region level in thousandths


def _prepared(table) -> dict:
    """Per-table arrays in the shape the scorers want, built once per table version.

    The table resets ``_prepared`` when rows are patched in, so an incremental run pays
    for this once per change, not once per block.
    """
    cached = getattr(table, "_prepared", None)
    if cached is not None:
        return cached
    text_t, themes_t = table.transposed()
    prepared = {
        "text_t": text_t,
        # theme counts per row are tiny: an exact float32 product of 0/1 matrices
        "themes_t": themes_t.astype(F32) if isinstance(themes_t, np.ndarray) else themes_t,
        "theme_count": table.theme_count.astype(F32),
        "inactive": np.flatnonzero(~table.active),
        "offers_t": np.ascontiguousarray(table.offers.T, dtype=F32),
    }
    if table.is_initiative:
        prepared["needs_t"] = np.ascontiguousarray(table.needs.T, dtype=F32)
        prepared["need_count"] = np.asarray(table.need_count, dtype=F32)
        # Region between initiatives depends only on the two municipalities: a small
        # (municipality × municipality) table, gathered per block in one pass instead
        # of two comparisons over every cell.
        places, prepared["place"] = np.unique(table.municipality, return_inverse=True)
        province = np.array(
            [table.province[np.argmax(table.municipality == m)] for m in places], dtype=np.int64
        )
        same_prov = province[:, None] == province[None, :]
        region = np.where(same_prov, sc.REGION_PROVINCE, 0).astype(F32)
        np.fill_diagonal(region, sc.REGION_MUNICIPALITY)
        prepared["place_region"] = region
    else:
        prepared["coverage_t"] = np.ascontiguousarray(table.coverage.T, dtype=F32)
        prepared["stage_ok_t"] = np.ascontiguousarray(table.stage_ok.T)
        prepared["low"] = np.where(np.isnan(table.min_amount), -np.inf, table.min_amount)
        prepared["high"] = np.where(np.isnan(table.max_amount), np.inf, table.max_amount)
        prepared["explicit"] = (~np.isnan(table.min_amount) | ~np.isnan(table.max_amount)).astype(
            F32
        )
        prepared["requires_entity"] = table.requires_entity.astype(F32)
    table._prepared = prepared
    return prepared


def _dense(matrix, dtype):
    return matrix.toarray().astype(dtype, copy=False) if sp.issparse(matrix) else matrix


def _product(left, right_t, dtype) -> np.ndarray:
    """Block rows × transposed table → dense (block, targets) array."""
    if isinstance(right_t, np.ndarray):
        return _dense(left, right_t.dtype) @ right_t
    return (left @ right_t).toarray().astype(dtype, copy=False)


def _ratio_milli(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """round(numerator / denominator × 1000), in place on the numerator.

    A zero denominator (no themes, no needs on either side) comes with a zero
    numerator, so dividing by max(denominator, 1) gives the 0 the rules ask for.
    """
    np.maximum(denominator, 1, out=denominator)
    np.divide(numerator, denominator, out=numerator)
    numerator *= sc.MILLI
    return np.rint(numerator, out=numerator)


def _themes(inits, rows, prepared) -> np.ndarray:
    mine = _prepared(inits)
    inter = _product(inits.themes[rows], prepared["themes_t"], F32)
    union = np.subtract(mine["theme_count"][rows][:, None], inter)
    union += prepared["theme_count"][None, :]
    return _ratio_milli(inter, union)


def _text(inits, rows, prepared) -> np.ndarray:
    similarity = _product(inits.text[rows], prepared["text_t"], np.float64)
    similarity *= sc.MILLI
    # TF-IDF weights are >= 0 and rows have unit length, so 0 <= cosine <= 1 up to
    # float error, and rounding already lands on 0..1000: no clip needed.
    np.rint(similarity, out=similarity)
    return similarity.astype(F32)


def _weighted(kind: str, **features) -> np.ndarray:
    """Σ weight × feature (exact in float32), in place: fresh 5 MB arrays cost page faults.

    The first feature array becomes the total; the others are scaled in place unless
    they are kept for the reasons (text, region), which go through one scratch array.
    """
    weights = sc.WEIGHTS[kind]
    names = list(features)
    total = features[names[0]]
    total *= weights[names[0]]
    scratch = None
    for name in names[1:]:
        value = features[name]
        if name in ("text", "region"):
            scratch = np.multiply(value, F32(weights[name]), out=scratch)
            total += scratch
        else:
            value *= weights[name]
            total += value
    return total


def _to_score(total: np.ndarray) -> np.ndarray:
    """Weighted thousandths → score 0..100, rounding half up like ``sc.combine``."""
    total += 500
    total /= 1000
    return np.floor(total, out=total)


def score_schemes(corpus, rows: np.ndarray) -> Block:
    inits, prepared = corpus.initiatives, _prepared(corpus.schemes)
    region = prepared["coverage_t"][inits.muni_col[rows]]
    text = _text(inits, rows, prepared)
    total = _weighted(
        sc.KIND_SCHEME, themes=_themes(inits, rows, prepared), text=text, region=region
    )
    weights = sc.WEIGHTS[sc.KIND_SCHEME]
    need = np.where(inits.asks_money[rows], sc.MILLI, 0).astype(F32) * weights["need"]
    asked = inits.asked[rows]
    has_asked = ~np.isnan(asked)
    amount_explicit = np.outer(has_asked.astype(F32), prepared["explicit"])
    # amount feature: 1000 when asked and explicit, else 500
    amount = amount_explicit * F32(sc.AMOUNT_IN_RANGE - sc.AMOUNT_UNKNOWN) + F32(sc.AMOUNT_UNKNOWN)
    total += need[:, None]
    total += amount * weights["amount"]
    score = _to_score(total)
    penvoerder = np.outer(inits.informal[rows].astype(F32), prepared["requires_entity"])
    score -= penvoerder * sc.PENVOERDER_PENALTY
    np.maximum(score, 0, out=score)
    ask = np.where(has_asked, asked, 0.0)[:, None]
    amount_ok = ((ask >= prepared["low"][None, :]) & (ask <= prepared["high"][None, :])) | (
        ~has_asked[:, None]
    )
    valid = (region > 0) & prepared["stage_ok_t"][inits.stage[rows]] & amount_ok
    valid &= score >= sc.MIN_SCORE
    np.copyto(score, F32(-1), where=~valid)
    score[:, prepared["inactive"]] = -1
    return Block(sc.KIND_SCHEME, rows, score, text, region)


def score_partners(corpus, rows: np.ndarray) -> Block:
    inits, prepared = corpus.initiatives, _prepared(corpus.partners)
    region = prepared["coverage_t"][inits.muni_col[rows]]
    text = _text(inits, rows, prepared)
    shared = inits.needs[rows].astype(F32) @ prepared["offers_t"]
    need_count = _prepared(inits)["need_count"][rows][:, None]  # (block, 1), broadcast
    total = _weighted(
        sc.KIND_PARTNER,
        themes=_themes(inits, rows, prepared),
        text=text,
        region=region,
        need=_ratio_milli(shared, need_count),
    )
    score = _to_score(total)
    _drop_invalid(score, prepared)
    return Block(sc.KIND_PARTNER, rows, score, text, region)


def score_initiatives(corpus, rows: np.ndarray) -> Block:
    inits = corpus.initiatives
    prepared = _prepared(inits)
    place = prepared["place"]
    region = np.take(prepared["place_region"][place[rows]], place, axis=1)
    needs_t, offers_t = prepared["needs_t"], prepared["offers_t"]
    exchange = needs_t.T[rows] @ offers_t
    exchange += offers_t.T[rows] @ needs_t
    total_needs = prepared["need_count"][rows][:, None] + prepared["need_count"][None, :]
    text = _text(inits, rows, prepared)
    total = _weighted(
        sc.KIND_INITIATIVE,
        themes=_themes(inits, rows, prepared),
        text=text,
        region=region,
        need=_ratio_milli(exchange, total_needs),
    )
    score = _to_score(total)
    _drop_invalid(score, prepared)
    score[np.arange(len(rows)), rows] = -1  # never yourself
    return Block(sc.KIND_INITIATIVE, rows, score, text, region)


def _drop_invalid(score: np.ndarray, prepared: dict) -> None:
    """-1 below the minimum score and for inactive (replaced or removed) targets."""
    np.copyto(score, F32(-1), where=score < sc.MIN_SCORE)
    score[:, prepared["inactive"]] = -1


SCORERS = {
    sc.KIND_SCHEME: (score_schemes, "schemes"),
    sc.KIND_PARTNER: (score_partners, "partners"),
    sc.KIND_INITIATIVE: (score_initiatives, "initiatives"),
}


def top_k(score: np.ndarray, ids: np.ndarray, k: int | None = None):
    """(row, column) of each row's k best valid cells, by score desc then lower id.

    Returned sorted by row, best first within a row.
    """
    k = k or sc.TOP_K
    n = score.shape[1]
    if n == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty
    if n > k:
        threshold = np.partition(score, n - k, axis=1)[:, n - k]
        np.maximum(threshold, 0, out=threshold)
    else:
        threshold = np.zeros(score.shape[0], dtype=score.dtype)
    r, c = np.nonzero(score >= threshold[:, None])
    order = np.lexsort((ids[c], -score[r, c], r))
    r, c = r[order], c[order]
    rank = np.arange(len(r)) - np.searchsorted(r, r)
    keep = rank < k
    return r[keep], c[keep]


def compute(corpus, rows, kinds=sc.KINDS) -> tuple[list[tuple], int]:
    """Top-K rows ``(kind, initiative_id, target_id, score, reasons)`` and pairs scored."""
    from matching.engine.explain import build_reasons

    rows = np.asarray(rows, dtype=np.int64)
    inits = corpus.initiatives
    with one_blas_thread():
        return _compute(corpus, inits, rows, kinds, build_reasons)


def _compute(corpus, inits, rows, kinds, build_reasons):
    results: list[tuple] = []
    pairs = 0
    for start in range(0, len(rows), BLOCK_SIZE):
        block_rows = rows[start : start + BLOCK_SIZE]
        for kind in kinds:
            scorer, table_name = SCORERS[kind]
            table = getattr(corpus, table_name)
            if table.n == 0:
                continue
            block = scorer(corpus, block_rows)
            pairs += block.score.size
            r, c = top_k(block.score, table.ids)
            scores = block.score[r, c].astype(np.int64).tolist()
            texts = block.text[r, c].astype(np.int64).tolist()
            levels = block.region[r, c].astype(np.int64).tolist()
            init_rows = block_rows[r].tolist()
            for i, (row, col) in enumerate(zip(init_rows, c.tolist(), strict=True)):
                me, other = inits.records[row], table.records[col]
                results.append(
                    (
                        kind,
                        me.id,
                        other.id,
                        scores[i],
                        build_reasons(corpus, kind, me, other, texts[i], levels[i]),
                    )
                )
    return results, pairs


_blas = None


def one_blas_thread():
    """BLAS on one thread while scoring.

    The products per block are small; OpenBLAS's second thread spin-waits for work and,
    on a machine shared with other processes, made them 5–20× slower. Parallelism comes
    from running chunks in several workers instead.
    """
    global _blas
    if _blas is None:
        from threadpoolctl import ThreadpoolController

        _blas = ThreadpoolController()
    return _blas.limit(limits=1, user_api="blas")
