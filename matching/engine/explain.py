"""Machine-readable reasons for the pairs that made a top K (``matching.reasons`` renders them).

Only kept pairs get here — ten per initiative per kind, 600,000 in a full run of the
benchmark — so the reasons are written straight as JSON text, the form the database
stores. Each reason is a small JSON object that repeats across pairs (the same shared
themes, the same place, the same amount range), so every object is serialised once
and memoised; a pair's reasons are the join of a few cached strings. The result is
exactly ``json.dumps`` of the list of reason dicts (same separators, same order).
"""

import json
from functools import lru_cache

from matching import scoring as sc
from matching.corpus import RESOURCE_KINDS


def _object(**fields) -> str:
    return json.dumps(fields)


@lru_cache(maxsize=65536)
def _themes(a: frozenset, b: frozenset) -> str | None:
    shared = sorted(a & b)
    return _object(code="themes", themes=shared) if shared else None


@lru_cache(maxsize=1024)
def _text(text_milli: int) -> str | None:
    similarity = text_milli / sc.MILLI
    if similarity < sc.TEXT_REASON_MIN:
        return None
    return _object(code="text", similarity=round(similarity, 2))


@lru_cache(maxsize=4096)
def _region(level: int, place: str, province: str) -> str | None:
    if level == sc.REGION_MUNICIPALITY:
        return _object(code="region", level="municipality", place=place)
    if level == sc.REGION_PROVINCE:
        return _object(code="region", level="province", place=province)
    if level == sc.REGION_NATIONAL:
        return _object(code="region", level="national")
    return None


@lru_cache(maxsize=65536)
def _amount(minimum, maximum, asked) -> str:
    return _object(code="amount", min=minimum, max=maximum, asked=asked)


def _kinds(a: frozenset, b: frozenset) -> list:
    """Resource kinds in both sets, in the vocabulary's order."""
    common = a & b
    return [kind for kind in RESOURCE_KINDS if kind in common] if common else []


@lru_cache(maxsize=65536)
def _offers(needs: frozenset, offers: frozenset, place: str) -> str | None:
    kinds = _kinds(needs, offers)
    return _object(code="offers", kinds=kinds, place=place) if kinds else None


@lru_cache(maxsize=65536)
def _exchange(my_needs: frozenset, my_offers: frozenset, their_needs, their_offers) -> str | None:
    they_offer = _kinds(my_needs, their_offers)
    you_offer = _kinds(my_offers, their_needs)
    if not (they_offer or you_offer):
        return None
    return _object(code="exchange", they_offer=they_offer, you_offer=you_offer)


_MONEY = _object(code="money")


def _frozen(record, name: str) -> frozenset:
    """A record's set as a hashable frozenset, converted once per record."""
    value = getattr(record, name)
    if not isinstance(value, frozenset):
        value = frozenset(value)
        setattr(record, name, value)
    return value


def _penvoerder(corpus, municipality_id: int) -> str:
    """The penvoerder reason with the nearby fiscal hosts, once per place per corpus."""
    found = corpus.hosts_json.get(municipality_id)
    if found is None:
        found = corpus.hosts_json[municipality_id] = _object(
            code="penvoerder", hosts=corpus.fiscal_hosts(municipality_id)
        )
    return found


def build_reasons(corpus, kind: str, me, other, text_milli: int, level: int) -> str:
    """The reasons of one pair as JSON text: ``[{"code": ...}, ...]``."""
    parts = [
        _themes(_frozen(me, "themes"), _frozen(other, "themes")),
        _text(text_milli),
        _region(level, me.place, me.province),
    ]
    if kind == sc.KIND_SCHEME:
        if me.asked is not None and (other.min_amount is not None or other.max_amount is not None):
            parts.append(_amount(other.min_amount, other.max_amount, me.asked))
        elif me.asks_money:
            parts.append(_MONEY)
        if sc.needs_legal_entity(other.requires_legal_entity, me.legal_form):
            parts.append(_penvoerder(corpus, me.municipality_id))
    elif kind == sc.KIND_PARTNER:
        parts.append(_offers(_frozen(me, "need_kinds"), _frozen(other, "offer_kinds"), me.place))
    else:
        parts.append(
            _exchange(
                _frozen(me, "need_kinds"),
                _frozen(me, "offer_kinds"),
                _frozen(other, "need_kinds"),
                _frozen(other, "offer_kinds"),
            )
        )
    return "[" + ", ".join(part for part in parts if part is not None) + "]"
