"""Benchmark `matching_quality`: are the suggestions right, and are their reasons true?

Loads the hand-labelled set of ``tests/bench/quality_set.py`` into the database, lets
the engine score everything (loader, scorers and reasons, as in a run) and prints:

- hard_rule_violations: suggestions that break a hard rule, checked with the
  predicates of ``initiatieven.selectors`` (not the engine's matrix version);
- unrelated_top5: top-5 suggestions the labels call unrelated in subject;
- precision5_<kind>: good/ok share of the top 5 shown (averaged over initiatives that
  get suggestions), and recall5_<kind>: good/ok found in the top 5 of those there are;
- ndcg5_scheme: nDCG@5 of the scheme ranking (gain good 2, ok 1), over the schemes
  that pass the hard rules; ``*_heldout`` the same on the 20 held-out initiatives;
- unrelated_top5_<kind>: the unrelated ones per kind;
- precision5_scheme_ceiling: the best precision@5 the labels allow (a ranker showing
  only eligible good/ok schemes, and none to an initiative that has none);
- untrue_reasons: reasons that are false by construction (a place outside the other
  side's area, a theme one side lacks, an amount outside the range or not asked, a
  need or offer the side does not have, a "nearby" host that is not nearby) plus
  suggestions whose only reasons are true of everyone ("works in the whole country").
"""

import json
import math

from django.db import transaction

from initiatieven import selectors
from initiatieven.models import FundingScheme, Initiative, Organisation
from matching.engine import compute
from matching.engine import scoring as sc
from matching.engine.corpus import Corpus
from netwerkplatform.core.models import Municipality, Province
from tests.bench import quality_set as qs
from tests.bench import quality_set_heldout
from tests.initiatieven.factories import (
    FundingSchemeFactory,
    InitiativeFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
)

TOP = 5
GAIN = {"good": 2, "ok": 1}
UNIVERSAL = {"money"}  # reason codes that are true of every pair of their kind


class Rollback(Exception):
    pass


def _regions(obj, scope, names):
    if scope == "provinces":
        obj.provinces.set(Province.objects.filter(name__in=names))
    elif scope == "municipalities":
        obj.municipalities.set(Municipality.objects.filter(name__in=names))


def load() -> dict:
    """Create the set; returns key ↔ id maps."""
    keys = {"scheme": {}, "partner": {}, "initiative": {}}
    funds = {}
    for key, name, scope, regions, description in qs.FUNDS:
        fund = OrganisationFactory(name=name, slug=f"q-{key}", scope=scope, description=description)
        _regions(fund, scope, regions)
        funds[key] = fund
    for key, fund, name, themes, low, high, legal, stages, description in qs.SCHEMES:
        scheme = FundingSchemeFactory(
            organisation=funds[fund],
            name=name,
            description=description,
            themes=themes,
            min_amount=low,
            max_amount=high,
            requires_legal_entity=legal,
            eligible_stages=stages,
            scope="",
        )
        keys["scheme"][scheme.pk] = key
    for key, name, scope, regions, themes, offers, description in qs.PARTNERS:
        org = OrganisationFactory(
            name=name,
            slug=f"q-{key}",
            scope=scope,
            description=description,
            kind=Organisation.Kind.WELFARE,
            themes=themes,
        )
        _regions(org, scope, regions)
        for kind, text in offers:
            OfferFactory(organisation=org, kind=kind, description=text)
        keys["partner"][org.pk] = key
    for key, name, place, stage, legal, themes, _cluster, description, needs, offers, _l in (
        _initiatives()
    ):
        item = InitiativeFactory(
            name=name,
            slug=f"q-{key}",
            pitch=description,
            description="",
            municipality=Municipality.objects.get(name=place),
            stage=stage,
            legal_form=legal,
            themes=themes,
        )
        for kind, text, amount in needs:
            NeedFactory(initiative=item, kind=kind, description=text, amount=amount)
        for kind, text in offers:
            OfferFactory(initiative=item, organisation=None, kind=kind, description=text)
        keys["initiative"][item.pk] = key
    return keys


def _initiatives() -> list:
    """The labelled set, then the initiative-only held-out set (index >= 40)."""
    return qs.INITIATIVES + quality_set_heldout.INITIATIVES


def _labels():
    clusters = {row[0]: row[6] for row in _initiatives()}
    labels = {}
    for index, row in enumerate(_initiatives()):
        key = row[0]
        own = row[-1]
        scheme_keys = {s[0] for s in qs.SCHEMES}
        # None: schemes and partners not labelled for it (initiative-only held-out set)
        labels[key] = {
            "scheme": own and {k: v[0] for k, v in own.items() if k in scheme_keys},
            "partner": own and {k: v[0] for k, v in own.items() if k not in scheme_keys},
            "initiative": {
                other: qs.initiative_label(clusters[key], clusters[other])
                for other in clusters
                if other != key
            },
            "held_out": qs.held_out(index) or index >= len(qs.INITIATIVES),
        }
    return labels


def _dcg(gains) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def _check_reasons(kind, initiative, other, reasons) -> list[str]:
    """Reasons that are false by construction, as short descriptions."""
    bad = []
    place, province = initiative.municipality, initiative.municipality.province
    my_themes = {t.lower() for t in initiative.themes.names()}
    if kind == sc.KIND_INITIATIVE:
        their_themes = {t.lower() for t in other.themes.names()}
        region = None
    elif kind == sc.KIND_SCHEME:
        their_themes = {t.lower() for t in other.themes.names()}
        region = selectors.scheme_region(other)
    else:
        their_themes = {t.lower() for t in other.themes.names()}
        region = selectors.organisation_region(other)
    my_needs = {(n.kind, n.description) for n in initiative.needs.filter(status="open")}
    my_amounts = {
        float(n.amount) for n in initiative.needs.filter(status="open", kind="money") if n.amount
    }
    if kind in (sc.KIND_PARTNER, sc.KIND_INITIATIVE):
        their_offers = {(o.kind, o.description) for o in other.offers.all()}
    else:
        their_offers = set()
    codes = {r.get("code") for r in reasons}
    if not codes - UNIVERSAL - ({"region"} if _all_national(reasons) else set()):
        bad.append("only reasons true of everyone")
    for r in reasons:
        code = r.get("code")
        if code == "themes":
            for theme in r.get("themes", []):
                if theme not in my_themes or theme not in their_themes:
                    bad.append(f"theme {theme} not on both sides")
        elif code == "related":
            if r.get("mine") not in my_themes or r.get("theirs") not in their_themes:
                bad.append("related theme not on its side")
        elif code == "region":
            level = r.get("level")
            if level == "national" and region is not None and region.scope != "national":
                bad.append("says national, is not")
            if level == "municipality":
                if r.get("place") != place.name:
                    bad.append("names another place")
                if region is not None and not (
                    region.scope == "municipalities" and place.pk in region.municipality_ids
                ):
                    bad.append(f"works in {r.get('place')}? no")
                if region is None and other.municipality_id != place.pk:
                    bad.append("not both in the place")
            if level == "province":
                if r.get("place") != province.name:
                    bad.append("names another province")
                if region is not None and not (
                    region.scope == "provinces" and province.pk in region.province_ids
                ):
                    bad.append(f"works in {r.get('place')}? no")
        elif code == "offers":
            if r.get("place") and region is not None and not region.covers(
                municipality_id=place.pk, province_id=province.pk
            ):
                bad.append(f"offers in {r.get('place')} but does not work there")
            if "need" in r and (r["need_kind"], r["need"]) not in my_needs:
                bad.append("names a need they do not have")
            if "offer" in r and (r["offer_kind"], r["offer"]) not in their_offers:
                bad.append("names an offer they do not have")
        elif code == "exchange":
            their_needs = {(n.kind, n.description) for n in other.needs.filter(status="open")}
            my_offers = {(o.kind, o.description) for o in initiative.offers.all()}
            for key, needs, offers in (
                ("they_give", my_needs, their_offers),
                ("you_give", their_needs, my_offers),
            ):
                give = r.get(key)
                if give is None:
                    continue
                if (give["need_kind"], give["need"]) not in needs:
                    bad.append(f"{key}: names a need that side does not have")
                if (give["offer_kind"], give["offer"]) not in offers:
                    bad.append(f"{key}: names an offer that side does not have")
        elif code in ("amount", "money") and "asked" in r:
            if ("money", r.get("need")) not in my_needs:
                bad.append("names a money need they do not have")
            asked = r.get("asked")
            low, high = r.get("min"), r.get("max")
            if asked not in my_amounts:
                bad.append(f"amount {asked} is not one they ask")
            elif (low is not None and asked < low) or (high is not None and asked > high):
                bad.append("amount outside range")
        elif code == "penvoerder":
            for host in r.get("hosts", []):
                org = Organisation.objects.get(pk=host["id"])
                host_region = selectors.organisation_region(org)
                if host_region.scope == "national" or not host_region.covers(
                    municipality_id=place.pk, province_id=province.pk
                ):
                    bad.append(f"host {org.name} is not nearby")
    return bad


def _all_national(reasons) -> bool:
    return all(r.get("level") == "national" for r in reasons if r.get("code") == "region")


def _hard_rule_ok(kind, initiative, other) -> bool:
    if kind == sc.KIND_SCHEME:
        return selectors.initiative_meets_hard_criteria(
            initiative, selectors.scheme_hard_criteria(other)
        )
    if kind == sc.KIND_PARTNER:
        return other.is_approved and selectors.organisation_region(other).covers(
            municipality_id=initiative.municipality_id,
            province_id=initiative.municipality.province_id,
        )
    return other.pk != initiative.pk


def measure() -> dict:
    """Score the loaded set and compute every figure (the set must be loaded)."""
    keys = load()
    labels = _labels()
    corpus = Corpus.load()
    rows, _pairs = compute(corpus, range(corpus.initiatives.n))
    by_kind = {sc.KIND_SCHEME: FundingScheme, sc.KIND_PARTNER: Organisation}
    objects = {
        sc.KIND_SCHEME: {o.pk: o for o in FundingScheme.objects.select_related("organisation")},
        sc.KIND_PARTNER: {o.pk: o for o in Organisation.objects.all()},
        sc.KIND_INITIATIVE: {
            o.pk: o for o in Initiative.objects.select_related("municipality__province")
        },
    }
    del by_kind
    ranked: dict = {}
    violations = untrue = 0
    untrue_examples = []
    for kind, init_id, target_id, score, reasons in rows:
        ranked.setdefault((init_id, kind), []).append((score, target_id, reasons))
    for (init_id, kind), items in ranked.items():
        items.sort(key=lambda x: (-x[0], x[1]))
        initiative = objects[sc.KIND_INITIATIVE][init_id]
        for _score, target_id, reasons in items[:TOP]:
            other = objects[kind][target_id]
            if not _hard_rule_ok(kind, initiative, other):
                violations += 1
            problems = _check_reasons(kind, initiative, other, json.loads(reasons))
            if problems:
                untrue += 1
                if len(untrue_examples) < 5:
                    untrue_examples.append((initiative.name, str(other), problems))
    figures = {}
    unrelated = 0
    unrelated_by_kind: dict = {}
    per = {}
    for init_pk, init_key in keys["initiative"].items():
        label = labels[init_key]
        initiative = objects[sc.KIND_INITIATIVE][init_pk]
        for kind in sc.KINDS:
            if label[kind] is None:
                continue
            top = ranked.get((init_pk, kind), [])[:TOP]
            got = [keys[kind][t] for _s, t, _r in top]
            verdicts = [label[kind].get(k, "unrelated") for k in got]
            unrelated += verdicts.count("unrelated")
            if kind == sc.KIND_INITIATIVE:
                split = "_heldout" if label["held_out"] else ""
                name = f"matching_quality.unrelated_top5_initiative{split}"
                before = figures.get(name, (0, ""))[0]
                figures[name] = (before + verdicts.count("unrelated"), "suggestions")
            unrelated_by_kind[kind] = unrelated_by_kind.get(kind, 0) + verdicts.count("unrelated")
            relevant = [k for k, v in label[kind].items() if v in GAIN]
            if kind == sc.KIND_SCHEME:
                relevant = [
                    k
                    for k in relevant
                    if _hard_rule_ok(kind, initiative, objects[kind][_pk(keys, kind, k)])
                ]
            bucket = per.setdefault((kind, label["held_out"]), {"p": [], "r": [], "n": []})
            if got:
                bucket["p"].append(sum(v in GAIN for v in verdicts) / len(got))
            if relevant:
                bucket["r"].append(sum(v in GAIN for v in verdicts) / min(TOP, len(relevant)))
            if kind == sc.KIND_SCHEME and relevant:
                # the best a ranker can do: show only these (nothing where there are none)
                bucket.setdefault("ceiling", []).append(1.0)
                ideal = sorted((GAIN[label[kind][k]] for k in relevant), reverse=True)[:TOP]
                gains = [GAIN.get(v, 0) for v in verdicts]
                bucket["n"].append(_dcg(gains) / _dcg(ideal))
    figures["matching_quality.hard_rule_violations"] = (violations, "suggestions")
    figures["matching_quality.unrelated_top5"] = (unrelated, "suggestions")
    for kind in sc.KINDS:
        count = unrelated_by_kind.get(kind, 0)
        figures[f"matching_quality.unrelated_top5_{kind}"] = (count, "suggestions")
    figures["matching_quality.untrue_reasons"] = (untrue, "suggestions")
    for held in (False, True):
        suffix = "_heldout" if held else ""
        for kind in sc.KINDS:
            bucket = per.get((kind, held), {"p": [], "r": [], "n": []})
            figures[f"matching_quality.precision5_{kind}{suffix}"] = (_mean(bucket["p"]), "share")
            figures[f"matching_quality.recall5_{kind}{suffix}"] = (_mean(bucket["r"]), "share")
            if kind == sc.KIND_SCHEME:
                figures[f"matching_quality.ndcg5_scheme{suffix}"] = (_mean(bucket["n"]), "share")
                ceiling = _mean(bucket.get("ceiling", []))
                figures[f"matching_quality.precision5_scheme_ceiling{suffix}"] = (ceiling, "share")
    figures["_examples"] = untrue_examples
    figures["_ranked"] = {
        (keys["initiative"][i], kind): [(keys[kind][t], s) for s, t, _r in items[:TOP]]
        for (i, kind), items in ranked.items()
    }
    return figures


def _pk(keys, kind, key):
    for pk, k in keys[kind].items():
        if k == key:
            return pk
    raise KeyError(key)


def _mean(values) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0


def run(*, small: bool = False, verbose: bool = True) -> dict:
    """Measure inside a transaction that is rolled back: the database stays as it was."""
    result = {}
    try:
        with transaction.atomic():
            result = measure()
            raise Rollback
    except Rollback:
        pass
    examples = result.pop("_examples")
    ranked = result.pop("_ranked")
    if verbose and not small:
        for name, problems in [(f"{a} → {b}", p) for a, b, p in examples]:
            print(f"# untrue: {name}: {problems}")
        for (key, kind), items in sorted(ranked.items()):
            print(f"# {key} {kind}: {items}")
    return result

