"""A slow, obviously correct scorer: plain Python over every pair, straight from the ORM.

It shares only the documented constants, the word analyser and the hard-rule
predicates of ``initiatieven.selectors`` with the engine, so the engine's matrix
arithmetic (its matrix form of those rules too), its loaders and its top-K selection are
checked against a direct reading of the rules in ``matching/engine/scoring.py``.
"""

import math
from collections import Counter

from django.utils import timezone

from initiatieven import selectors
from initiatieven.models import FundingScheme, Initiative, Need, Offer, Organisation
from matching.engine import scoring as sc


def _initiatives():
    found = []
    for initiative in Initiative.objects.filter(visibility="public").order_by("pk"):
        needs = list(Need.objects.filter(initiative=initiative, status="open"))
        offers = list(Offer.objects.filter(initiative=initiative))
        money = [n for n in needs if n.kind == "money"]
        amounts = [None if n.amount is None else float(n.amount) for n in money]
        text = " ".join(
            [initiative.name, initiative.pitch, initiative.description]
            + [n.description for n in needs]
            + [o.description for o in offers]
        )
        themes = {t.lower() for t in initiative.themes.names()}
        found.append(
            {
                "id": initiative.pk,
                "text": text,
                "text_concepts": sc.concepts(text),
                "need_topics": frozenset().union(
                    *(sc.kind_concepts(n.kind, n.description) for n in needs if n.kind != "money")
                ),
                "offer_topics": frozenset().union(
                    *(sc.kind_concepts(o.kind, o.description) for o in offers)
                ),
                "partner_need_topics": frozenset().union(
                    *(
                        sc.partner_need_topics(n.kind, n.description)
                        for n in needs
                        if n.kind != "money"
                    )
                ),
                "themes": themes,
                "audience": sc.audience_of(themes, text),
                "people": sc.people_named(text),
                "muni": initiative.municipality_id,
                "prov": initiative.municipality.province_id,
                "stage": initiative.stage,
                "legal_form": initiative.legal_form,
                "needs": {n.kind for n in needs},
                "offers": {o.kind for o in offers},
                "asks_money": bool(money),
                "amounts": amounts,
                "plain": {n.kind for n in needs if sc.met_by_kind(n.kind, n.description)},
            }
        )
    return found


def _region_level(region: selectors.Region, a: dict) -> int:
    """0 unless the selectors' hard rule says the region covers the place, else the
    region feature of that scope."""
    if not region.covers(municipality_id=a["muni"], province_id=a["prov"]):
        return 0
    return sc.region_level_of_scope(region.scope)


def _schemes():
    today = timezone.localdate()
    found = []
    for scheme in FundingScheme.objects.order_by("pk"):
        is_open = selectors.scheme_is_open(
            is_active=scheme.is_active,
            opens_on=scheme.opens_on,
            closes_on=scheme.closes_on,
            day=today,
        )
        if not scheme.organisation.is_approved or not is_open:
            continue
        text = f"{scheme.name} {scheme.description}"
        themes = {t.lower() for t in scheme.themes.names()}
        found.append(
            {
                "id": scheme.pk,
                "text": text,
                "text_subjects": sc.text_subjects(sc.concepts(text)),
                "stated_audience": sc.stated_audience(themes, text),
                "stated_people": sc.stated_people(themes, text),
                "themes": themes,
                "main": {t.lower() for t in scheme.main_themes},
                "region": selectors.scheme_region(scheme),
                "stages": scheme.eligible_stages,
                "min": None if scheme.min_amount is None else float(scheme.min_amount),
                "max": None if scheme.max_amount is None else float(scheme.max_amount),
                "requires_entity": scheme.requires_legal_entity,
            }
        )
    return found


def _partners():
    found = []
    for org in Organisation.objects.filter(status="approved").order_by("pk"):
        offers = list(Offer.objects.filter(organisation=org))
        if not offers:
            continue
        found.append(
            {
                "id": org.pk,
                "text": " ".join([org.name, org.description] + [o.description for o in offers]),
                "themes": {t.lower() for t in org.themes.names()},
                "region": selectors.organisation_region(org),
                "offers": {o.kind for o in offers},
                "topics": frozenset().union(
                    *(sc.offer_topics(o.kind, o.description) for o in offers)
                ),
                "knowledge": sc.knowledge_subjects((o.kind, o.description) for o in offers),
            }
        )
    return found


def _tfidf(docs: list[str]) -> list[dict[str, float]]:
    tokens = [Counter(sc.analyse(doc)) for doc in docs]
    n = len(docs)
    df = Counter(term for counts in tokens for term in counts)
    vectors = []
    for counts in tokens:
        vector = {
            term: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[term])) + 1)
            for term, c in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vector.values()))
        vectors.append({t: v / norm for t, v in vector.items()} if norm else {})
    return vectors


def _cosine(a: dict, b: dict) -> float:
    return sum(v * b[t] for t, v in a.items() if t in b)


def _themes(a: dict, b: dict) -> tuple[int, bool]:
    return (
        sc.ratio_milli(*sc.theme_fit(a["themes"], b["themes"])),
        sc.themes_topical(a["themes"], b["themes"]),
    )


def score_scheme(a: dict, s: dict) -> int | None:
    """None when a hard rule fails or there is no subject in common, else the score."""
    region = _region_level(s["region"], a)
    if not region or not selectors.stage_eligible(stage=a["stage"], stages=s["stages"]):
        return None
    amount = sc.scheme_amount(a["amounts"], s["min"], s["max"])
    if amount is None:
        return None
    themes, _related_too = _themes(a, s)
    text = sc.quantise_one(_cosine(a["vector"], s["vector"]))
    local = region == sc.REGION_MUNICIPALITY
    subject = sc.scheme_topical(
        a["themes"],
        s["themes"],
        local=local,
        main=s["main"],
        my_subjects=a["text_concepts"],
        their_subjects=s["text_subjects"],
        text_milli=text,
        my_groups=a["audience"],
        their_stated=s["stated_audience"],
        my_people=a["people"],
        their_people=s["stated_people"],
    )
    if not subject:
        return None
    features = {
        "themes": themes,
        "text": text,
        "region": region,
        "need": sc.MILLI if a["asks_money"] else 0,
        "amount": amount,
    }
    return sc.combine(sc.KIND_SCHEME, features)


def score_partner(a: dict, p: dict) -> int | None:
    region = _region_level(p["region"], a)
    need = sc.ratio_milli(
        *sc.partner_need(a["needs"], a["plain"], p["offers"], a["partner_need_topics"], p["topics"])
    )
    themes, _topical = _themes(a, p)
    text = sc.quantise_one(_cosine(a["vector"], p["vector"]))
    knows = sc.knows_subject(a["themes"], p["themes"], a["text_concepts"], p["knowledge"])
    if knows:
        need = max(need, sc.KNOWS_SUBJECT_NEED)
    if not region or not need:  # a need met is itself the topical reason
        return None
    features = {"themes": themes, "text": text, "region": region, "need": need}
    return sc.combine(sc.KIND_PARTNER, features)


def score_initiative(a: dict, b: dict, weights: dict) -> int | None:
    themes = sc.ratio_milli(*sc.theme_fit_between(a["themes"], b["themes"], weights))
    need = sc.exchange_between(
        a["need_topics"],
        a["offer_topics"],
        b["need_topics"],
        b["offer_topics"],
        same_place=a["muni"] == b["muni"],
    )
    text = sc.quantise_one(_cosine(a["vector"], b["vector"]))
    clash = sc.subject_clash(a["text_concepts"], b["text_concepts"])
    same = bool(sc.subjects_between(a["text_concepts"]) & sc.subjects_between(b["text_concepts"]))
    if not sc.topical_between(themes, text, need, clash, same):
        return None
    features = {
        "themes": themes,
        "text": text,
        "region": sc.place_level(a["muni"], a["prov"], b["muni"], b["prov"]),
        "need": need,
    }
    return sc.combine(sc.KIND_INITIATIVE, features)


def theme_weights(initiatives) -> dict:
    """Each theme's weight between initiatives, counted over all public initiatives."""
    counts = Counter(theme for a in initiatives for theme in a["themes"])
    return sc.theme_weights(counts, len(initiatives))


def _learned() -> sc.Learned:
    """The lessons of the stored declines, with themes and provinces read per object."""
    from matching.services import decline_facts

    models = {"initiative": Initiative, "scheme": FundingScheme, "partner": Organisation}

    def themes_of(key):
        return {t.lower() for t in models[key[0]].objects.get(pk=key[1]).themes.names()}

    def province_of(key):
        if key[0] != "initiative":
            return None
        return Initiative.objects.get(pk=key[1]).municipality.province_id

    return sc.learn(decline_facts(), themes_of, province_of)


def _minus_lessons(score, learned, kind, a, b):
    """A learned decline (``sc.learned_penalty``) takes DECLINE_PENALTY points off."""
    if score is None or learned is None:
        return score
    penalty = sc.learned_penalty(
        learned,
        (sc.KIND_INITIATIVE, a["id"]),
        a["themes"],
        a["prov"],
        (kind, b["id"]),
        b["themes"],
        b.get("prov"),
    )
    return score - sc.DECLINE_PENALTY if penalty else score


def top_k_for(
    a: dict, schemes, partners, initiatives, learned=None, weights=None
) -> dict[str, list[tuple[int, int]]]:
    """Every pair of one initiative, in plain Python, ranked (score desc, id asc)."""
    candidates = {sc.KIND_SCHEME: [], sc.KIND_PARTNER: [], sc.KIND_INITIATIVE: []}
    for s in schemes:
        score = _minus_lessons(score_scheme(a, s), learned, sc.KIND_SCHEME, a, s)
        if score is not None:
            candidates[sc.KIND_SCHEME].append((s["id"], score))
    for p in partners:
        score = _minus_lessons(score_partner(a, p), learned, sc.KIND_PARTNER, a, p)
        if score is not None:
            candidates[sc.KIND_PARTNER].append((p["id"], score))
    weights = theme_weights(initiatives) if weights is None else weights
    for b in initiatives:
        if b["id"] != a["id"]:
            score = score_initiative(a, b, weights)
            score = _minus_lessons(score, learned, sc.KIND_INITIATIVE, a, b)
            if score is not None:
                candidates[sc.KIND_INITIATIVE].append((b["id"], score))
    return {
        kind: sorted(
            (pair for pair in scored if pair[1] >= sc.MIN_SCORE),
            key=lambda pair: (-pair[1], pair[0]),
        )[: sc.TOP_K]
        for kind, scored in candidates.items()
    }


def reference_top_k() -> dict[tuple[int, str], list[tuple[int, int]]]:
    """(initiative id, kind) → [(target id, score)] best first, as the rules say."""
    initiatives, schemes, partners = _initiatives(), _schemes(), _partners()
    vectors = _tfidf([x["text"] for x in initiatives + schemes + partners])
    for x, vector in zip(initiatives + schemes + partners, vectors, strict=True):
        x["vector"] = vector
    result = {}
    learned = _learned()
    weights = theme_weights(initiatives)
    for a in initiatives:
        for kind, kept in top_k_for(a, schemes, partners, initiatives, learned, weights).items():
            if kept:
                result[(a["id"], kind)] = kept
    return result
