"""Machine-readable reasons for the pairs that made a top K (``matching.reasons`` renders them).

Only kept pairs get here — ten per initiative per kind — so this is plain Python. It
reads the features the block already computed (text, region) instead of recomputing
them, and memoises what repeats across pairs: shared themes per pair of theme sets,
shared resource kinds per pair of kind sets.
"""

from functools import lru_cache

from matching import scoring as sc
from matching.corpus import RESOURCE_KINDS


@lru_cache(maxsize=65536)
def _shared_themes(a: frozenset, b: frozenset) -> tuple:
    return tuple(sorted(a & b))


@lru_cache(maxsize=4096)
def _kinds(a: frozenset, b: frozenset) -> tuple:
    """Resource kinds in both sets, in the vocabulary's order."""
    common = a & b
    return tuple(kind for kind in RESOURCE_KINDS if kind in common) if common else ()


def _frozen(record, name: str) -> frozenset:
    """A record's set as a hashable frozenset, converted once per record."""
    value = getattr(record, name)
    if not isinstance(value, frozenset):
        value = frozenset(value)
        setattr(record, name, value)
    return value


def build_reasons(corpus, kind: str, me, other, text_milli: int, level: int) -> list[dict]:
    reasons: list[dict] = []
    shared = _shared_themes(_frozen(me, "themes"), _frozen(other, "themes"))
    if shared:
        reasons.append({"code": "themes", "themes": list(shared)})
    similarity = text_milli / sc.MILLI
    if similarity >= sc.TEXT_REASON_MIN:
        reasons.append({"code": "text", "similarity": round(similarity, 2)})
    if level == sc.REGION_MUNICIPALITY:
        reasons.append({"code": "region", "level": "municipality", "place": me.place})
    elif level == sc.REGION_PROVINCE:
        reasons.append({"code": "region", "level": "province", "place": me.province})
    elif level == sc.REGION_NATIONAL:
        reasons.append({"code": "region", "level": "national"})
    if kind == sc.KIND_SCHEME:
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
        if sc.needs_legal_entity(other.requires_legal_entity, me.legal_form):
            reasons.append({"code": "penvoerder", "hosts": corpus.fiscal_hosts(me.municipality_id)})
    elif kind == sc.KIND_PARTNER:
        kinds = _kinds(_frozen(me, "need_kinds"), _frozen(other, "offer_kinds"))
        if kinds:
            reasons.append({"code": "offers", "kinds": list(kinds), "place": me.place})
    else:
        they_offer = _kinds(_frozen(me, "need_kinds"), _frozen(other, "offer_kinds"))
        you_offer = _kinds(_frozen(me, "offer_kinds"), _frozen(other, "need_kinds"))
        if they_offer or you_offer:
            reasons.append(
                {"code": "exchange", "they_offer": list(they_offer), "you_offer": list(you_offer)}
            )
    return reasons
