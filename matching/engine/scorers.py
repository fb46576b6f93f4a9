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
  Theme coverage and need shares are ratios with denominators that can produce exact
  rounding ties, so they too are divided in float64, the same operations as the
  reference's ``quantise_one(numerator / denominator)``.
- Subject gate: a cell only stays valid with a topical reason (``sc.topical``), and
  for schemes and partners inside their region (hard rule).
- Learned declines (``sc.learned_penalty``): a penalty off the cells where either side
  declined the other's theme or province, set only for the few sides that learned.
- The top K per row: ``np.partition`` finds each row's K-th best score, and only cells
  at or above it (a handful per row, more only on ties) are sorted by (score desc,
  id asc). No int64 key matrix over all cells, no Python loop over rows.
- Blocks are small so the dozen (block × targets) temporaries stay in cache.
"""

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from matching.engine import scoring as sc
from matching.engine.corpus import CONCEPTS, RESOURCE_KINDS, topic_columns_of
from matching.engine.corpus import load_learned as read_learned
from matching.engine.explain import build_reasons

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
    dense_themes = themes_t if isinstance(themes_t, np.ndarray) else themes_t.toarray()
    dense_themes = (dense_themes > 0).astype(F32)
    prepared = _prepared_common(table, text_t, themes_t, dense_themes)
    if table.is_initiative:
        prepared.update(_prepared_initiatives(table, dense_themes))
    else:
        prepared.update(_prepared_targets(table, dense_themes))
    table._prepared = prepared
    return prepared


def _prepared_common(table, text_t, themes_t, dense_themes) -> dict:
    """What every kind of table needs: text, themes, offers and concepts, transposed."""
    # For each theme and target: the target lacks it but has a related theme.
    related = table.related_themes
    reach = (related @ dense_themes) > 0 if related.size else np.zeros_like(dense_themes, bool)
    return {
        "text_t": text_t,
        # theme counts per row are tiny: an exact float32 product of 0/1 matrices
        "themes_t": themes_t.astype(F32) if isinstance(themes_t, np.ndarray) else themes_t,
        "theme_count": table.theme_count.astype(F32),
        "inactive": np.flatnonzero(~table.active),
        "offers_t": np.ascontiguousarray(table.offers.T, dtype=F32),
        "related_t": np.where(reach & (dense_themes == 0), F32(1), F32(0)),
        # shared generic themes (towards funds and partners: broad ones) count half:
        # subtracted once from 2 × shared
        "generic_t": dense_themes
        * (table.generic_themes if table.is_initiative else table.broad_themes)[:, None],
    }


def _prepared_initiatives(table, dense_themes) -> dict:
    """The initiatives' needs, their places' region table and, between initiatives,
    weighted themes, need/offer topics and the subjects their texts name."""
    money = RESOURCE_KINDS.index("money")
    prepared = {
        "needs_t": np.ascontiguousarray(table.needs.T, dtype=F32),
        "need_count": np.asarray(table.need_count, dtype=F32),
        # Needs any offer of their kind meets (``sc.met_by_kind``), and how many
        # non-money need kinds there are (the partner need share's denominator).
        "neutral_needs": np.ascontiguousarray(table.plain_needs, dtype=F32),
        "other_need_count": (table.need_count - table.needs[:, money]).astype(np.float64),
    }
    prepared.update(_place_regions(table))
    # Between initiatives: theme weights (sc.theme_weights) folded into the theme
    # matrices, the (kind, concept) topics of needs and offers, whole texts' concepts.
    weight = table.theme_weight[:, None]
    prepared["weighted_themes_t"] = np.ascontiguousarray(dense_themes * weight, dtype=F32)
    prepared["theme_weight_sum"] = prepared["weighted_themes_t"].sum(axis=0, dtype=np.float64)
    # split into topics of kinds that reach anywhere and place-bound ones (sc.reachable)
    local = topic_columns_of(sc.PLACE_BOUND_KINDS)
    for part, topics in (("far", ~local), ("local", local)):
        for side in ("need", "offer"):
            matrix = getattr(table, f"{side}_topics")[:, topics]
            prepared[f"{side}_{part}_t"] = np.ascontiguousarray(matrix.T, dtype=F32)
    subjects = table.text_concepts * np.array(
        [name not in sc.MEANS_CONCEPTS for name in CONCEPTS], dtype=F32
    )
    prepared["subjects_t"] = np.ascontiguousarray(subjects.T, dtype=F32)
    # subjects that are no subject in common between initiatives (sc.subjects_between)
    incidental = [CONCEPTS.index(name) for name in ("ontmoeting", *sorted(sc.PLACE_CONCEPTS))]
    prepared["incidental_t"] = np.ascontiguousarray(subjects[:, incidental].T, dtype=F32)
    prepared["has_subject"] = subjects.sum(axis=1) > 0
    return prepared


def _place_regions(table) -> dict:
    """Region between initiatives depends only on the two municipalities: a small
    (municipality × municipality) table, gathered per block in one pass instead of two
    comparisons over every cell."""
    places, place = np.unique(table.municipality, return_inverse=True)
    province = np.array(
        [table.province[np.argmax(table.municipality == m)] for m in places], dtype=np.int64
    )
    same_prov = province[:, None] == province[None, :]
    region = np.where(same_prov, sc.REGION_PROVINCE, 0).astype(F32)
    np.fill_diagonal(region, sc.REGION_MUNICIPALITY)
    # the initiatives of each municipality, for what only helps in the same town
    order = np.argsort(place, kind="stable")
    town_members = np.split(order, np.cumsum(np.bincount(place, minlength=len(places)))[:-1])
    return {"place": place, "place_region": region, "town_members": town_members}


def _prepared_targets(table, dense_themes) -> dict:
    """Funds' and partners' region coverage, stages, amount ranges, and for
    ``sc.scheme_topical`` a fund's main subject (``sc.fund_subject``) and the
    groups of people they are for (``sc.AUDIENCE_THEMES``)."""
    audience = table.audience_themes[:, None]
    audience_t = dense_themes * audience
    stated_t = (_dense(table.stated_audience, F32).T > 0).astype(F32)
    subject_t = (_dense(table.subject, F32).T > 0).astype(F32)
    people_t = np.ascontiguousarray(table.stated_people.T, dtype=F32)
    prepared = {
        "coverage_t": np.ascontiguousarray(table.coverage.T, dtype=F32),
        "subject_t": subject_t,
        # the fund's subject split: themes that name people (sc.for_its_people) and others
        "subject_people_t": subject_t * audience,
        "subject_other_t": subject_t * (1 - audience),
        "people_t": people_t,
        "has_people": people_t.sum(axis=0) > 0,
        "other_themes_t": dense_themes * (1 - audience),
        "text_subjects_t": np.ascontiguousarray(table.text_subjects.T, dtype=F32),
        "audience_t": audience_t,
        "has_audience": audience_t.sum(axis=0) > 0,
        "stated_t": stated_t,
        "has_stated": stated_t.sum(axis=0) > 0,
        "for_neighbourhoods": table.for_neighbourhoods,
        "knowledge_t": np.ascontiguousarray(table.knowledge.T, dtype=F32),
        # the needs (kind, concept) each partner's offers meet in content (sc.offer_topics)
        "offer_topics_t": np.ascontiguousarray(table.offer_topics.T, dtype=F32),
        "stage_ok_t": np.ascontiguousarray(table.stage_ok.T),
    }
    prepared.update(amount_bounds(table.min_amount, table.max_amount))
    return prepared


def _dense(matrix, dtype):
    return matrix.toarray().astype(dtype, copy=False) if sp.issparse(matrix) else matrix


def _product(left, right_t, dtype) -> np.ndarray:
    """Block rows × transposed table → dense (block, targets) array."""
    if isinstance(right_t, np.ndarray):
        return _dense(left, right_t.dtype) @ right_t
    return (left @ right_t).toarray().astype(dtype, copy=False)


def _share_milli(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """round(numerator / denominator × 1000) in float64 (0 for a zero denominator)."""
    ratio = np.divide(
        numerator,
        denominator,
        out=np.zeros(np.broadcast(numerator, denominator).shape),
        where=denominator > 0,
    )
    ratio *= sc.MILLI
    return np.rint(ratio, out=ratio).astype(F32)


def _themes(inits, rows, prepared) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Theme feature (``sc.theme_fit``), ``sc.themes_topical`` and "they share a theme
    that is not broad" for a block against funds or partners."""
    mine = _prepared(inits)
    own = inits.themes[rows]
    own_dense = (_dense(own, F32) > 0).astype(F32)
    shared = _product(own, prepared["themes_t"], F32)
    related = _product(own, prepared["related_t"], F32)  # my themes they relate to
    generic = _product(own, prepared["generic_t"], F32)
    # their themes I lack but relate to
    reach = ((own_dense @ inits.related_themes) > 0) & (own_dense == 0)
    related_back = _product(reach.astype(F32), prepared["themes_t"], F32)
    topical = (shared > 0) | (related > 0) | (related_back > 0)
    count = mine["theme_count"][rows].astype(np.float64)[:, None]
    numerator = 2.0 * shared.astype(np.float64) + related - generic
    return _share_milli(numerator, 2.0 * count), topical, shared > generic


def _themes_between(inits, rows, prepared) -> np.ndarray:
    """``sc.theme_fit_between`` for a block against all initiatives: weighted Dice.

    Weights are integers and sums stay far below 2**24, so float32 products are exact.
    """
    own = (_dense(inits.themes[rows], F32) > 0).astype(F32)
    weight = inits.theme_weight
    shared = own @ prepared["weighted_themes_t"]
    related = (own * weight) @ prepared["related_t"]  # my themes they relate to
    reach = ((own @ inits.related_themes) > 0) & (own == 0)
    related_back = reach.astype(F32) @ prepared["weighted_themes_t"]  # theirs I relate to
    numerator = 4.0 * shared.astype(np.float64) + related + related_back
    mine = (own @ weight).astype(np.float64)
    denominator = 2.0 * (mine[:, None] + prepared["theme_weight_sum"][None, :])
    return _share_milli(numerator, denominator)


def _scheme_topical(inits, rows, prepared, region, themes_topical, text) -> np.ndarray:
    """``sc.scheme_topical`` for a block: clearly alike texts, a shared theme of the
    fund's main subject, or the same subject in both texts with shared or related themes
    (``themes_topical``), the last two through a theme that names people only for the
    fund's people (``_for_its_people``), or a shared side theme where the fund works locally,
    or where the initiative has nothing more specific and a theme related to the fund's
    main subject; never for a fund that is for other people."""
    own_sparse = inits.themes[rows]
    own = (_dense(own_sparse, F32) > 0).astype(F32)
    for_them = _for_its_people(own, inits, rows, prepared)
    subject = (own @ prepared["subject_other_t"]) > 0
    subject |= ((own @ prepared["subject_people_t"]) > 0) & for_them
    texts = (_prepared(inits)["subjects_t"][:, rows].T @ prepared["text_subjects_t"]) > 0
    shared = _product(own_sparse, prepared["themes_t"], F32) > 0
    own_broad_only = (own @ (1 - inits.broad_themes)) == 0  # per row
    near = ((own @ inits.related_themes) > 0).astype(F32) @ prepared["subject_t"] > 0
    local = region == sc.REGION_MUNICIPALITY
    side = local | (own_broad_only[:, None] & near)
    anything_here = local & prepared["for_neighbourhoods"][None, :]
    texts &= themes_topical & for_them
    topical = _topical(subject | texts | (shared & side) | anything_here, text)
    return topical & ~_audience_clash(own, inits, rows, prepared)


def _for_its_people(own, inits, rows, prepared) -> np.ndarray:
    """``sc.for_its_people`` for a block: the fund names no narrower people, or the
    initiative's words name the fund's people, or their other themes are shared or
    related."""
    named = (inits.people[rows] @ prepared["people_t"]) > 0
    other = own * (1 - inits.audience_themes)
    near = ((other @ inits.related_themes) > 0).astype(F32)
    meet = (other @ prepared["other_themes_t"]) > 0
    meet |= (near @ prepared["other_themes_t"]) > 0
    return ~prepared["has_people"][None, :] | named | meet


def _audience_clash(own, inits, rows, prepared) -> np.ndarray:
    """``sc.audience_clash`` for a block: the fund is for a group and the initiative's
    themes name another group and none of the fund's, or the fund states whom it is for
    and the initiative is not for them."""
    own_audience = own * inits.audience_themes
    common = (own_audience @ prepared["audience_t"]) > 0
    names_one = own_audience.sum(axis=1) > 0
    other_group = prepared["has_audience"][None, :] & names_one[:, None] & ~common
    mine = (_dense(inits.audience[rows], F32) > 0).astype(F32)
    not_mine = prepared["has_stated"][None, :] & ((mine @ prepared["stated_t"]) == 0)
    return other_group | not_mine


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


def _topical(themes_topical: np.ndarray, text: np.ndarray) -> np.ndarray:
    return themes_topical | (text >= sc.quantise_one(sc.TEXT_TOPICAL))


def amount_bounds(min_amount: np.ndarray, max_amount: np.ndarray) -> dict:
    """The schemes' ranges (NaN: no bound) in the form ``scheme_amounts`` reads."""
    has_max = ~np.isnan(max_amount) & (max_amount > 0)  # a maximum of 0 grades nothing
    return {
        "low": np.where(np.isnan(min_amount), -np.inf, min_amount),
        "high": np.where(np.isnan(max_amount), np.inf, max_amount),
        "explicit": ~np.isnan(min_amount) | ~np.isnan(max_amount),
        "has_max": has_max,
        "max_or_one": np.where(has_max, max_amount, 1.0),
    }


def scheme_amounts(amounts, unknown, prepared) -> tuple[np.ndarray, np.ndarray]:
    """(may apply, amount feature) for initiatives × schemes.

    The matrix form of ``initiatieven.selectors.money_asks_fit`` (one need at a time,
    never a sum; an unstated amount may apply) and of ``sc.scheme_amount``.
    """
    low, high = prepared["low"][None, :], prepared["high"][None, :]
    explicit, has_max = prepared["explicit"][None, :], prepared["has_max"][None, :]
    shape = (amounts.shape[0], low.shape[1])
    ok = np.repeat(unknown[:, None], shape[1], axis=1)
    best = np.where(ok, float(sc.AMOUNT_UNKNOWN), 0.0)
    for k in range(amounts.shape[1]):
        asked = amounts[:, k][:, None]
        inside = (asked >= low) & (asked <= high)  # NaN (no k-th amount) is never inside
        ratio = asked / prepared["max_or_one"][None, :]
        fit = np.where(
            ratio >= sc.AMOUNT_GOOD_RATIO,
            float(sc.AMOUNT_GOOD),
            np.where(ratio >= sc.AMOUNT_SMALL_RATIO, float(sc.AMOUNT_SMALL), float(sc.AMOUNT_TINY)),
        )
        fit = np.where(has_max, fit, float(sc.AMOUNT_GOOD))
        fit = np.where(explicit, fit, float(sc.AMOUNT_NO_RANGE))
        np.maximum(best, np.where(inside, fit, 0.0), out=best)
        ok |= inside
    return ok, best.astype(F32)


def score_schemes(corpus, rows: np.ndarray) -> Block:
    inits, prepared = corpus.initiatives, _prepared(corpus.schemes)
    region = prepared["coverage_t"][inits.muni_col[rows]]
    text = _text(inits, rows, prepared)
    themes, themes_topical, _specific = _themes(inits, rows, prepared)
    topical = _scheme_topical(inits, rows, prepared, region, themes_topical, text)
    amount_ok, amount = scheme_amounts(inits.amounts[rows], inits.amount_unknown[rows], prepared)
    need = np.repeat(
        np.where(inits.asks_money[rows], F32(sc.MILLI), F32(0))[:, None], region.shape[1], axis=1
    )
    total = _weighted(
        sc.KIND_SCHEME, themes=themes, text=text, region=region, need=need, amount=amount
    )
    score = _to_score(total)
    _penalise(score, corpus, sc.KIND_SCHEME, rows, corpus.schemes)
    valid = (region > 0) & prepared["stage_ok_t"][inits.stage[rows]] & amount_ok & topical
    valid &= score >= sc.MIN_SCORE
    np.copyto(score, F32(-1), where=~valid)
    score[:, prepared["inactive"]] = -1
    return Block(sc.KIND_SCHEME, rows, score, text, region)


def score_partners(corpus, rows: np.ndarray) -> Block:
    inits, prepared = corpus.initiatives, _prepared(corpus.partners)
    mine = _prepared(inits)
    region = prepared["coverage_t"][inits.muni_col[rows]]
    text = _text(inits, rows, prepared)
    themes, _topical_themes, specific = _themes(inits, rows, prepared)
    content = (inits.partner_need_topics[rows] @ prepared["offer_topics_t"]) > 0
    met = mine["neutral_needs"][rows] @ prepared["offers_t"]
    met += content
    denominator = mine["other_need_count"][rows][:, None]
    np.minimum(met, denominator.astype(F32), out=met)
    need = _share_milli(met.astype(np.float64), denominator)
    # A need met (by a neutral kind or in content) is itself the topical reason, and
    # so is knowledge of the initiative's own subject (sc.knows_subject).
    knows = (mine["subjects_t"][:, rows].T @ prepared["knowledge_t"] > 0) & specific
    np.maximum(need, np.where(knows, F32(sc.KNOWS_SUBJECT_NEED), F32(0)), out=need)
    valid = (region > 0) & (need > 0)
    total = _weighted(sc.KIND_PARTNER, themes=themes, text=text, region=region, need=need)
    score = _to_score(total)
    _penalise(score, corpus, sc.KIND_PARTNER, rows, corpus.partners)
    np.copyto(score, F32(-1), where=~valid)
    _drop_invalid(score, prepared)
    return Block(sc.KIND_PARTNER, rows, score, text, region)


def score_initiatives(corpus, rows: np.ndarray) -> Block:
    inits = corpus.initiatives
    prepared = _prepared(inits)
    place = prepared["place"]
    region = np.take(prepared["place_region"][place[rows]], place, axis=1)
    text = _text(inits, rows, prepared)
    themes = _themes_between(inits, rows, prepared)
    need = _exchange_between(rows, prepared)
    topical = _topical_between(rows, prepared, themes, text, need)
    total = _weighted(sc.KIND_INITIATIVE, themes=themes, text=text, region=region, need=need)
    score = _to_score(total)
    _penalise(score, corpus, sc.KIND_INITIATIVE, rows, inits)
    np.copyto(score, F32(-1), where=~topical)
    _drop_invalid(score, prepared)
    score[np.arange(len(rows)), rows] = -1  # never yourself
    return Block(sc.KIND_INITIATIVE, rows, score, text, region)


def _exchange_between(rows, prepared) -> np.ndarray:
    """``sc.exchange_between``: half for each side whose needs the other meets in
    content, with an offer that reaches it (place-bound kinds: same municipality)."""
    met = np.zeros((len(rows), len(prepared["place"])), dtype=F32)
    for needs, offers in (("need", "offer"), ("offer", "need")):
        side = prepared[f"{needs}_far_t"].T[rows] @ prepared[f"{offers}_far_t"] > 0
        _add_same_town(
            side, rows, prepared[f"{needs}_local_t"], prepared[f"{offers}_local_t"], prepared
        )
        met += side
    met *= sc.EXCHANGE_PER_SIDE
    return met


def _add_same_town(side, rows, needs_t, offers_t, prepared) -> None:
    """Mark the place-bound exchanges of a block in ``side``: only between initiatives
    of one municipality, so per row over its own town rather than a whole block product
    (few rows have a place-bound need or offer at all)."""
    place, members = prepared["place"], prepared["town_members"]
    for i in np.flatnonzero(needs_t[:, rows].any(axis=0)):
        town = members[place[rows[i]]]
        side[i, town[needs_t[:, rows[i]] @ offers_t[:, town] > 0]] = True


def _topical_between(rows, prepared, themes, text, need) -> np.ndarray:
    """``sc.topical_between`` with ``sc.subject_clash``, for a block (before weighting)."""
    subjects_t, has = prepared["subjects_t"], prepared["has_subject"]
    in_common = subjects_t.T[rows] @ subjects_t
    clash = (in_common == 0) & has[rows][:, None] & has[None, :]
    # a subject in common besides meeting and places (sc.subjects_between)
    incidental_t = prepared["incidental_t"]
    same_subject = in_common > incidental_t.T[rows] @ incidental_t
    by_themes = themes >= sc.THEME_TOPICAL_BETWEEN
    by_themes |= (need > 0) & (themes >= sc.THEME_WITH_EXCHANGE)
    by_themes |= same_subject & (themes >= sc.THEME_WITH_SUBJECT)
    by_themes &= ~clash
    return by_themes | (text >= sc.quantise_one(sc.TEXT_TOPICAL))


def _theme_mask(table, theme: str) -> np.ndarray:
    """Which rows of a table carry this theme, cached per table version."""
    masks = _prepared(table).setdefault("theme_masks", {})
    mask = masks.get(theme)
    if mask is None:
        mask = masks[theme] = np.array([theme in r.themes for r in table.records], dtype=bool)
    return mask


def _penalise(score: np.ndarray, corpus, kind: str, rows: np.ndarray, table) -> None:
    """``sc.DECLINE_PENALTY`` off the cells where either side declined the other's theme
    or province (``sc.learned_penalty``); loops only over the sides that learned."""
    learned = getattr(corpus.initiatives, "learned", None)
    if not learned:
        return
    inits = corpus.initiatives
    hit = np.zeros(score.shape, dtype=bool)
    # The target declined a theme / province the initiative has.
    for lessons, province in ((learned.themes, False), (learned.provinces, True)):
        for (side, target_id), values in lessons.items():
            col = table.index.get(target_id) if side == kind else None
            if col is None:
                continue
            if province:
                hit[:, col] |= np.isin(inits.province[rows], list(values))
            else:
                for theme in values:
                    hit[:, col] |= _theme_mask(inits, theme)[rows]
    # The initiative declined a theme the target has, or (between initiatives) a province.
    for i, initiative_id in enumerate(inits.ids[rows].tolist()):
        key = (sc.KIND_INITIATIVE, initiative_id)
        for theme in learned.themes.get(key, ()):
            hit[i] |= _theme_mask(table, theme)
        if kind == sc.KIND_INITIATIVE and key in learned.provinces:
            hit[i] |= np.isin(inits.province, list(learned.provinces[key]))
    score[hit] -= sc.DECLINE_PENALTY


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
    rows = np.asarray(rows, dtype=np.int64)
    inits = corpus.initiatives
    load_learned(corpus)
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


def load_learned(corpus) -> None:
    """Read what the declines taught (once per run step: answers come in any time)."""
    corpus.initiatives.learned = read_learned()


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
