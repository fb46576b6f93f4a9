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

from initiatieven.selectors import amount_in_range, legal_form_ok
from matching.engine import scoring as sc


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


@lru_cache(maxsize=65536)
def _related(a: frozenset, b: frozenset) -> str | None:
    """The first of my themes the other lacks but has a related theme for."""
    for mine in sorted(a - b):
        for theirs in sorted(b):
            if sc.are_related(mine, theirs):
                return _object(code="related", mine=mine, theirs=theirs)
    return None


@lru_cache(maxsize=4096)
def _region(level: int, place: str, province: str, neighbourhoods: bool = False) -> str | None:
    """Only a region that names the place: "works in the whole country" is true of all.
    ``neighbourhoods``: a fund for neighbourhood life as such (``sc.for_neighbourhoods``),
    for which the place is the subject."""
    if level == sc.REGION_MUNICIPALITY:
        if neighbourhoods:
            return _object(code="region", level="municipality", place=place, neighbourhoods=True)
        return _object(code="region", level="municipality", place=place)
    if level == sc.REGION_PROVINCE:
        return _object(code="region", level="province", place=province)
    return None


@lru_cache(maxsize=65536)
def _subjects(mine: frozenset, theirs: frozenset) -> str | None:
    """The subjects both texts name (``sc.text_subjects``, as ``sc.scheme_topical``)."""
    shared = sorted(sc.text_subjects(mine) & theirs)
    return _object(code="subject", subjects=shared) if shared else None


def _scheme_amount(me, other) -> str | None:
    """The money need that fits the range best, named, or the open question of an amount."""
    low, high = other.min_amount, other.max_amount
    best = None
    for kind, description, amount in me.needs:
        if kind != "money" or amount is None:
            continue
        if not amount_in_range(amount, min_amount=low, max_amount=high):
            continue
        key = (sc.amount_fit(amount, low, high), amount)
        if best is None or key > best[0]:
            best = (key, description, amount)
    if best is not None:
        if low is None and high is None:
            return _object(code="money", need=best[1], asked=best[2])
        return _object(code="amount", min=low, max=high, asked=best[2], need=best[1])
    for kind, description, amount in me.needs:
        if kind == "money" and amount is None:
            return _object(code="amount_open", min=low, max=high, need=description)
    return None


def _partner_offer(me, other) -> str | None:
    """The need this partner meets and the offer that meets it: content first, then kind."""
    fallback = None
    for need_kind, need_text, _amount in me.needs:
        if need_kind == "money":
            continue
        wanted = sc.partner_need_topics(need_kind, need_text)
        for offer_kind, offer_text in other.offers:
            if wanted & sc.offer_topics(offer_kind, offer_text):
                return _object(
                    code="offers",
                    need_kind=need_kind,
                    need=need_text,
                    offer_kind=offer_kind,
                    offer=offer_text,
                )
            if (
                fallback is None
                and need_kind == offer_kind
                and sc.met_by_kind(need_kind, need_text)
            ):
                fallback = (need_kind, need_text, offer_kind, offer_text)
    if fallback is None:
        return None
    need_kind, need_text, offer_kind, offer_text = fallback
    return _object(
        code="offers", need_kind=need_kind, need=need_text, offer_kind=offer_kind, offer=offer_text
    )


def _partner_knows(me, other, named: str | None) -> str | None:
    """The partner's knowledge offer about the initiative's own subject
    (``sc.knows_subject``, the scored rule), in its own words; none when that offer is
    already named as meeting a need (``named``: that reason)."""
    if not sc.knows_subject(me.themes, other.themes, me.text_concepts, other.knowledge_subjects):
        return None
    mine = sc.subjects(me.text_concepts)
    for offer_kind, offer_text in other.offers:
        shared = sc.subjects(sc.concepts(offer_text)) & mine
        if offer_kind == sc.KNOWLEDGE_KIND and shared:
            if named is not None and json.loads(named)["offer"] == offer_text:
                return None
            return _object(
                code="knows", offer_kind=offer_kind, offer=offer_text, subjects=sorted(shared)
            )
    return None


def _give(needs, offers, same_place: bool) -> dict | None:
    """One non-money need of the first side that an offer of the second meets in
    content and can reach (same kind, a shared concept, ``sc.reachable``:
    ``sc.exchange_between``, the scored rule), named by their own texts."""
    offers = [(kind, text) for kind, text in offers if sc.reachable(kind, same_place)]
    for need_kind, need_text, _amount in needs:
        if need_kind == "money":
            continue
        wanted = sc.concepts(need_text)
        if not wanted:
            continue
        for offer_kind, offer_text in offers:
            if offer_kind == need_kind and wanted & sc.concepts(offer_text):
                return {
                    "need_kind": need_kind,
                    "need": need_text,
                    "offer_kind": offer_kind,
                    "offer": offer_text,
                }
    return None


def _exchange(me, other) -> str | None:
    """What the two initiatives give each other: per direction one need and the offer
    that meets it in content, in their own words (and its offer's kind)."""
    same_place = me.municipality_id == other.municipality_id
    they_give = _give(me.needs, other.offers, same_place)
    you_give = _give(other.needs, me.offers, same_place)
    if not (they_give or you_give):
        return None
    fields = {
        "code": "exchange",
        "they_offer": [they_give["offer_kind"]] if they_give else [],
        "you_offer": [you_give["offer_kind"]] if you_give else [],
    }
    if they_give:
        fields["they_give"] = they_give
    if you_give:
        fields["you_give"] = you_give
    return json.dumps(fields)


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
    """The reasons of one pair as JSON text: ``[{"code": ...}, ...]``.

    Built from the same facts that scored the pair: shared and related themes, the
    single money need that fits the range, the need the partner's offer meets, the
    knowledge it offers about the initiative's subject.
    """
    my_themes, their_themes = _frozen(me, "themes"), _frozen(other, "themes")
    parts = [_themes(my_themes, their_themes), _related(my_themes, their_themes)]
    if kind == sc.KIND_SCHEME:
        parts.append(_subjects(me.text_concepts, _frozen(other, "text_subjects")))
        parts.append(_scheme_amount(me, other))
        if not legal_form_ok(
            legal_form=me.legal_form, requires_legal_entity=other.requires_legal_entity
        ):
            parts.append(_penvoerder(corpus, me.municipality_id))
    elif kind == sc.KIND_PARTNER:
        offer = _partner_offer(me, other)
        parts += [offer, _partner_knows(me, other, offer)]
    else:
        parts.append(_subjects(me.between_subjects, other.between_subjects))
        parts.append(_exchange(me, other))
    neighbourhoods = kind == sc.KIND_SCHEME and other.for_neighbourhoods
    region = _region(level, me.place, me.province, neighbourhoods)
    if neighbourhoods and level == sc.REGION_MUNICIPALITY:
        parts.insert(0, region)  # the fund's subject here is the place: say that first
        region = None
    parts += [_text(text_milli), region]
    return "[" + ", ".join(part for part in parts if part is not None) + "]"
