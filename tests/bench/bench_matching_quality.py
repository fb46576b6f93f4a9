"""Benchmark `matching_quality`: are the suggestions right, and are their reasons true?

Loads the hand-labelled set of ``tests/bench/quality_set.py`` into the database, lets
the engine score everything (loader, scorers and reasons, as in a run) and prints, on
the labels after the blind second opinion of ``quality_second_opinion.py``:

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
- first_label_*: the main figures on the first labels alone; label_agreement_*: how
  often the first labeller and the two blind ones (a, b) give the same verdict, or the
  same relevance, on the 825 relabelled pairs; labels_changed_by_second_opinion;
- fresh_*: the funds' and partners' figures on ``quality_set_blind.FRESH`` (24
  initiatives written and labelled after the tuning, by people who never saw the
  engine): the honest estimate of how the suggestions do on initiatives nobody tuned
  for; dev_*: the same on ``quality_set_blind.DEV`` (30 more, made the same way later),
  whose misses may be studied;
- stated_*: the main figures again after every fund has stated its main subject
  (``quality_set.MAIN_THEMES``); the others read a fund's subject from its themes;
- untrue_reasons: reasons that are false by construction (a place outside the other
  side's area, a theme one side lacks, an amount outside the range or not asked, a
  need or offer the side does not have, a "nearby" host that is not nearby, a room or
  hands from another town) plus
  suggestions whose only reasons are true of everyone ("works in the whole country").
"""

import json
import math
from dataclasses import dataclass

from django.db import connection, transaction

from initiatieven import selectors
from initiatieven.models import FundingScheme, Initiative, Organisation
from matching.engine import compute
from matching.engine import scoring as sc
from matching.engine.corpus import Corpus
from matching.levels import match_level
from netwerkplatform.core.models import Municipality, Province
from tests.bench import quality_second_opinion, quality_set_blind, quality_set_heldout
from tests.bench import quality_set as qs
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
# What one initiative can only give another in its own town (a room, things to lend,
# hands, organising help): written here on its own, not read from the engine it checks.
HANDS_ON_KINDS = {"space", "materials", "people", "organising_power"}


class Rollback(Exception):
    pass


def _regions(obj, scope, names):
    if scope == "provinces":
        obj.provinces.set(Province.objects.filter(name__in=names))
    elif scope == "municipalities":
        obj.municipalities.set(Municipality.objects.filter(name__in=names))


def load() -> dict:
    """Create the set; returns key ↔ id maps."""
    return {
        "scheme": _load_schemes(),
        "partner": _load_partners(),
        "initiative": _load_initiatives(),
    }


def _load_schemes() -> dict:
    """The funds and their schemes; scheme id → key."""
    keys = {}
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
        keys[scheme.pk] = key
    return keys


def _load_partners() -> dict:
    """The partner organisations with their offers; organisation id → key."""
    keys = {}
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
        keys[org.pk] = key
    return keys


def _load_initiatives(records=None) -> dict:
    """The initiatives (``_initiatives()`` unless given) with their needs and offers;
    initiative id → key."""
    keys = {}
    for (
        key,
        name,
        place,
        stage,
        legal,
        themes,
        _cluster,
        description,
        needs,
        offers,
        _l,
    ) in records or _initiatives():
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
        keys[item.pk] = key
    return keys


def _initiatives() -> list:
    """The labelled set, then the initiative-only held-out set (index >= 40)."""
    return qs.INITIATIVES + quality_set_heldout.INITIATIVES


def _labels(*, second_opinion: bool = True):
    """initiative key → kind → other key → verdict. With ``second_opinion`` the blind
    majority of three of ``quality_second_opinion`` replaces a first label it outvotes."""
    clusters = {row[0]: row[6] for row in _initiatives()}
    labels = {}
    for index, row in enumerate(_initiatives()):
        key = row[0]
        own = row[-1]
        # None: schemes and partners not labelled for it (initiative-only held-out set)
        labels[key] = {
            **_target_labels(own),
            "initiative": {
                other: qs.initiative_label(clusters[key], clusters[other])
                for other in clusters
                if other != key
            },
            "held_out": qs.held_out(index) or index >= len(qs.INITIATIVES),
        }
    if second_opinion:
        quality_second_opinion.adjudicate(labels)
    return labels


def _target_labels(own) -> dict:
    """One initiative's scheme and partner labels (verdicts only); None for both where
    the record labels none."""
    scheme_keys = {s[0] for s in qs.SCHEMES}
    return {
        "scheme": own and {k: v[0] for k, v in own.items() if k in scheme_keys},
        "partner": own and {k: v[0] for k, v in own.items() if k not in scheme_keys},
    }


def _dcg(gains) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


@dataclass
class _Sides:
    """What a reason may claim about a suggestion, read from the database."""

    kind: str
    initiative: Initiative
    other: object
    place: Municipality
    province: Province
    my_themes: set
    their_themes: set
    region: object  # the other side's selectors.Region; None for an initiative
    my_needs: set
    my_amounts: set
    their_offers: set


def _sides(kind, initiative, other) -> _Sides:
    """Read once per suggestion what every reason check compares against."""
    region = None
    if kind == sc.KIND_SCHEME:
        region = selectors.scheme_region(other)
    elif kind == sc.KIND_PARTNER:
        region = selectors.organisation_region(other)
    open_needs = initiative.needs.filter(status="open")
    return _Sides(
        kind=kind,
        initiative=initiative,
        other=other,
        place=initiative.municipality,
        province=initiative.municipality.province,
        my_themes={t.lower() for t in initiative.themes.names()},
        their_themes={t.lower() for t in other.themes.names()},
        region=region,
        my_needs={(n.kind, n.description) for n in open_needs},
        my_amounts={float(n.amount) for n in open_needs.filter(kind="money") if n.amount},
        their_offers=(
            {(o.kind, o.description) for o in other.offers.all()}
            if kind in (sc.KIND_PARTNER, sc.KIND_INITIATIVE)
            else set()
        ),
    )


def _check_reasons(kind, initiative, other, reasons) -> list[str]:
    """Reasons that are false by construction, as short descriptions."""
    sides = _sides(kind, initiative, other)
    bad = []
    codes = {r.get("code") for r in reasons}
    if not codes - UNIVERSAL - ({"region"} if _all_national(reasons) else set()):
        bad.append("only reasons true of everyone")
    for r in reasons:
        code = r.get("code")
        check = _CHECKS.get("amount" if code == "money" else code)
        if check is not None:
            bad += check(r, sides)
    return bad


def _check_themes(r, sides) -> list[str]:
    return [
        f"theme {theme} not on both sides"
        for theme in r.get("themes", [])
        if theme not in sides.my_themes or theme not in sides.their_themes
    ]


def _check_related(r, sides) -> list[str]:
    if r.get("mine") not in sides.my_themes or r.get("theirs") not in sides.their_themes:
        return ["related theme not on its side"]
    return []


def _check_region(r, sides) -> list[str]:
    """A region named must be the initiative's, and one the other side works in."""
    bad = []
    level, region, place, province = r.get("level"), sides.region, sides.place, sides.province
    if level == "national" and region is not None and region.scope != "national":
        bad.append("says national, is not")
    if r.get("neighbourhoods") and not sc.for_neighbourhoods(
        sides.their_themes, {t.lower() for t in getattr(sides.other, "main_themes", None) or []}
    ):
        bad.append("calls a fund with a subject of its own one for every initiative")
    if level == "municipality":
        if r.get("place") != place.name:
            bad.append("names another place")
        if region is not None and not (
            region.scope == "municipalities" and place.pk in region.municipality_ids
        ):
            bad.append(f"works in {r.get('place')}? no")
        if region is None and sides.other.municipality_id != place.pk:
            bad.append("not both in the place")
    if level == "province":
        if r.get("place") != province.name:
            bad.append("names another province")
        if region is not None and not (
            region.scope == "provinces" and province.pk in region.province_ids
        ):
            bad.append(f"works in {r.get('place')}? no")
    return bad


def _check_offers(r, sides) -> list[str]:
    bad = []
    if (
        r.get("place")
        and sides.region is not None
        and not sides.region.covers(municipality_id=sides.place.pk, province_id=sides.province.pk)
    ):
        bad.append(f"offers in {r.get('place')} but does not work there")
    if "need" in r and (r["need_kind"], r["need"]) not in sides.my_needs:
        bad.append("names a need they do not have")
    if "offer" in r and (r["offer_kind"], r["offer"]) not in sides.their_offers:
        bad.append("names an offer they do not have")
    return bad


def _check_knows(r, sides) -> list[str]:
    """Knowledge about the initiative's subject: an offer of knowledge they have."""
    if (r.get("offer_kind"), r.get("offer")) not in sides.their_offers:
        return ["names an offer they do not have"]
    if r.get("offer_kind") != "knowledge":
        return ["calls an offer of another kind knowledge"]
    return []


def _full_text(initiative) -> str:
    """All an initiative's words, as the engine reads them."""
    return " ".join(
        [initiative.name, initiative.pitch, initiative.description]
        + [n.description for n in initiative.needs.filter(status="open")]
        + [o.description for o in initiative.offers.all()]
    )


def _check_subject(r, sides) -> list[str]:
    """A subject named is one both texts speak about."""
    other = sides.other
    if sides.kind == sc.KIND_INITIATIVE:
        theirs = _full_text(other)
    else:
        theirs = f"{other.name} {other.description}"
    both = sc.concepts(_full_text(sides.initiative)) & sc.concepts(theirs)
    return [
        f"subject {name} not in both texts" for name in r.get("subjects", []) if name not in both
    ]


def _check_exchange(r, sides) -> list[str]:
    """Each direction names a need of one side and an offer of the other."""
    bad = []
    their_needs = {(n.kind, n.description) for n in sides.other.needs.filter(status="open")}
    my_offers = {(o.kind, o.description) for o in sides.initiative.offers.all()}
    for key, needs, offers in (
        ("they_give", sides.my_needs, sides.their_offers),
        ("you_give", their_needs, my_offers),
    ):
        give = r.get(key)
        if give is None:
            continue
        if (give["need_kind"], give["need"]) not in needs:
            bad.append(f"{key}: names a need that side does not have")
        if (give["offer_kind"], give["offer"]) not in offers:
            bad.append(f"{key}: names an offer that side does not have")
        if give["offer_kind"] in HANDS_ON_KINDS and sides.other.municipality_id != sides.place.pk:
            bad.append(f"{key}: a {give['offer_kind']} offer from another town")
    return bad


def _check_amount(r, sides) -> list[str]:
    """An amount named is one they ask, for a money need they have, inside the range."""
    if "asked" not in r:
        return []
    bad = []
    if ("money", r.get("need")) not in sides.my_needs:
        bad.append("names a money need they do not have")
    asked = r.get("asked")
    low, high = r.get("min"), r.get("max")
    if asked not in sides.my_amounts:
        bad.append(f"amount {asked} is not one they ask")
    elif (low is not None and asked < low) or (high is not None and asked > high):
        bad.append("amount outside range")
    return bad


def _check_penvoerder(r, sides) -> list[str]:
    bad = []
    for host in r.get("hosts", []):
        org = Organisation.objects.get(pk=host["id"])
        host_region = selectors.organisation_region(org)
        if host_region.scope == "national" or not host_region.covers(
            municipality_id=sides.place.pk, province_id=sides.province.pk
        ):
            bad.append(f"host {org.name} is not nearby")
    return bad


# One check per reason code ("money" is checked as "amount").
_CHECKS = {
    "themes": _check_themes,
    "related": _check_related,
    "region": _check_region,
    "offers": _check_offers,
    "knows": _check_knows,
    "subject": _check_subject,
    "exchange": _check_exchange,
    "amount": _check_amount,
    "penvoerder": _check_penvoerder,
}


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
    """Load the set, score it and compute every figure."""
    keys = load()
    labels = _labels()
    ranked = _ranked()
    objects = _objects()
    figures = _truth_figures(ranked, objects)
    untrue_examples = figures.pop("_examples")
    figures.update(_ranking_figures(keys, labels, ranked, objects))
    figures.update(_level_figures(keys, labels, ranked))
    figures.update(_first_label_figures(keys, ranked, objects))
    figures["_examples"] = untrue_examples
    figures["_ranked"] = {
        (keys["initiative"][i], kind): [(keys[kind][t], s) for s, t, _r in items[:TOP]]
        for (i, kind), items in ranked.items()
    }
    figures.update(_stated_figures(keys, labels, objects))
    # these replace the initiatives: after the others
    figures.update(_blind_figures(keys, quality_set_blind.DEV))
    figures.update(_blind_figures(keys, quality_set_blind.FRESH))
    return figures


BLIND = ("hard_rule_violations", "untrue_reasons", "unrelated_top5_scheme")
BLIND += ("unrelated_top5_partner", "precision5_scheme", "precision5_partner")
BLIND += ("recall5_scheme", "recall5_partner", "ndcg5_scheme")


def _blind_figures(keys, blind) -> dict:
    """The funds' and partners' figures on a set written and labelled blind
    (``quality_set_blind``): its initiatives alone (the others are deleted inside the
    measuring transaction), with the funds' subjects read from their themes as for
    the main figures."""
    FundingScheme.objects.update(main_themes=[])
    Initiative.objects.all().delete()
    records = blind.initiatives()
    keys = {**keys, "initiative": _load_initiatives(records)}
    labels = {
        row[0]: {**_target_labels(row[-1]), "initiative": None, "held_out": False}
        for row in records
    }
    objects = _objects()
    ranked = _ranked()
    figures = _truth_figures(ranked, objects)
    figures.pop("_examples")
    figures.update(_ranking_figures(keys, labels, ranked, objects))
    return {
        f"matching_quality.{blind.name}_{name}": figures[f"matching_quality.{name}"]
        for name in BLIND
    }


STATED = ("unrelated_top5", "precision5_scheme", "ndcg5_scheme")
FIRST_LABEL = STATED + ("precision5_partner", "precision5_initiative")


def _first_label_figures(keys, ranked, objects) -> dict:
    """The main figures on the first labels alone, and how often the three labellers
    agree: what the blind second opinion changed."""
    first = _labels(second_opinion=False)
    figures = _ranking_figures(keys, first, ranked, objects)
    names = [f"{name}{suffix}" for name in FIRST_LABEL for suffix in ("", "_heldout")]
    result = {
        f"matching_quality.first_label_{name}": figures[f"matching_quality.{name}"]
        for name in names
        if f"matching_quality.{name}" in figures
    }
    for name, share in quality_second_opinion.agreement(first).items():
        result[f"matching_quality.label_agreement_{name}"] = (share, "share")
    relabelled = quality_second_opinion.adjudicate(first)
    result["matching_quality.labels_changed_by_second_opinion"] = (relabelled, "labels")
    return result


def _stated_figures(keys, labels, objects) -> dict:
    """The same figures once every fund has stated its main subject (``qs.MAIN_THEMES``
    on ``FundingScheme.main_themes``): what the statement adds to the themes alone."""
    for pk, key in keys[sc.KIND_SCHEME].items():
        FundingScheme.objects.filter(pk=pk).update(main_themes=qs.MAIN_THEMES.get(key, []))
    objects[sc.KIND_SCHEME] = _objects()[sc.KIND_SCHEME]
    ranked = _ranked()
    figures = _truth_figures(ranked, objects)
    figures.pop("_examples")
    figures.update(_ranking_figures(keys, labels, ranked, objects))
    names = ["hard_rule_violations", "untrue_reasons"]
    names += [f"{name}{suffix}" for name in STATED for suffix in ("", "_heldout")]
    return {
        f"matching_quality.stated_{name}": figures[f"matching_quality.{name}"]
        for name in names
        if f"matching_quality.{name}" in figures
    }


def _ranked() -> dict:
    """(initiative id, kind) → [(score, target id, reasons JSON)], best first, as a run
    scores them (loader, scorers and reasons)."""
    corpus = Corpus.load()
    rows, _pairs = compute(corpus, range(corpus.initiatives.n))
    ranked: dict = {}
    for kind, init_id, target_id, score, reasons in rows:
        ranked.setdefault((init_id, kind), []).append((score, target_id, reasons))
    for items in ranked.values():
        items.sort(key=lambda x: (-x[0], x[1]))
    return ranked


def _objects() -> dict:
    """kind → id → the model instance the checks read."""
    return {
        sc.KIND_SCHEME: {o.pk: o for o in FundingScheme.objects.select_related("organisation")},
        sc.KIND_PARTNER: {o.pk: o for o in Organisation.objects.all()},
        sc.KIND_INITIATIVE: {
            o.pk: o for o in Initiative.objects.select_related("municipality__province")
        },
    }


def _truth_figures(ranked, objects) -> dict:
    """Hard-rule violations and untrue reasons in every top 5 (labels play no part)."""
    violations = untrue = 0
    untrue_examples = []
    for (init_id, kind), items in ranked.items():
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
    return {
        "matching_quality.hard_rule_violations": (violations, "suggestions"),
        "matching_quality.untrue_reasons": (untrue, "suggestions"),
        "_examples": untrue_examples,
    }


def _level_figures(keys, labels, ranked) -> dict:
    """What each level people see ("Sterke match", ``matching.levels``) holds: of the
    top-5 suggestions of every kind at that level (tuning and held-out parts), the
    share labelled good, the share good or ok, and how many there are. The thresholds
    were calibrated on these; printed so that a rule change that moves scores shows."""
    found: dict = {}
    for init_pk, init_key in keys["initiative"].items():
        label = labels[init_key]
        for kind in sc.KINDS:
            if label[kind] is None:
                continue
            for score, target, _reasons in ranked.get((init_pk, kind), [])[:TOP]:
                verdict = label[kind].get(keys[kind][target], "unrelated")
                found.setdefault(match_level(score), []).append(verdict)
    figures = {}
    for level in ("strong", "good", "possible"):
        verdicts = found.get(level, [])
        name = f"matching_quality.level_{level}"
        figures[f"{name}_good"] = (_mean([v == "good" for v in verdicts]), "share")
        figures[f"{name}_relevant"] = (_mean([v in GAIN for v in verdicts]), "share")
        figures[f"{name}_count"] = (len(verdicts), "suggestions")
    return figures


def _ranking_figures(keys, labels, ranked, objects) -> dict:
    """Unrelated suggestions, precision, recall and nDCG of the top 5s, per kind and
    for the tuning and held-out parts."""
    figures = {}
    unrelated_by_kind: dict = {}
    per: dict = {}
    for init_pk, init_key in keys["initiative"].items():
        label = labels[init_key]
        initiative = objects[sc.KIND_INITIATIVE][init_pk]
        for kind in sc.KINDS:
            if label[kind] is None:
                continue
            top = ranked.get((init_pk, kind), [])[:TOP]
            verdicts = [label[kind].get(keys[kind][t], "unrelated") for _s, t, _r in top]
            count = verdicts.count("unrelated")
            unrelated_by_kind[kind] = unrelated_by_kind.get(kind, 0) + count
            if kind == sc.KIND_INITIATIVE and label["held_out"]:
                name = "matching_quality.unrelated_top5_initiative_heldout"
                figures[name] = (figures.get(name, (0, ""))[0] + count, "suggestions")
            bucket = per.setdefault((kind, label["held_out"]), {"p": [], "r": [], "n": []})
            relevant = _relevant(keys, label, kind, initiative, objects)
            _add_ranking(bucket, kind, verdicts, relevant, label)
    total = sum(unrelated_by_kind.values())
    figures["matching_quality.unrelated_top5"] = (total, "suggestions")
    for kind in sc.KINDS:
        count = unrelated_by_kind.get(kind, 0)
        figures[f"matching_quality.unrelated_top5_{kind}"] = (count, "suggestions")
    figures.update(_averages(per))
    return figures


def _relevant(keys, label, kind, initiative, objects) -> list:
    """The good/ok targets of one initiative; for schemes only those the hard rules allow."""
    relevant = [k for k, v in label[kind].items() if v in GAIN]
    if kind == sc.KIND_SCHEME:
        relevant = [
            k
            for k in relevant
            if _hard_rule_ok(kind, initiative, objects[kind][_pk(keys, kind, k)])
        ]
    return relevant


def _add_ranking(bucket, kind, verdicts, relevant, label) -> None:
    """One initiative's precision@5, recall@5 and (schemes) nDCG@5 and ceiling."""
    if verdicts:
        bucket["p"].append(sum(v in GAIN for v in verdicts) / len(verdicts))
    if relevant:
        bucket["r"].append(sum(v in GAIN for v in verdicts) / min(TOP, len(relevant)))
    if kind == sc.KIND_SCHEME and relevant:
        # the best a ranker can do: show only these (nothing where there are none)
        bucket.setdefault("ceiling", []).append(1.0)
        ideal = sorted((GAIN[label[kind][k]] for k in relevant), reverse=True)[:TOP]
        gains = [GAIN.get(v, 0) for v in verdicts]
        bucket["n"].append(_dcg(gains) / _dcg(ideal))


def _averages(per) -> dict:
    """The per-initiative figures averaged, per kind, tuning part and held out."""
    figures = {}
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
    return figures


def _pk(keys, kind, key):
    for pk, k in keys[kind].items():
        if k == key:
            return pk
    raise KeyError(key)


def _mean(values) -> float:
    return round(sum(values) / len(values), 3) if values else 0.0


def _start_from_nothing() -> None:
    """Empty the initiatives and organisations (and all that hangs on them) inside the
    measuring transaction, so only the labelled set is scored. ``make bench`` runs the
    other benchmarks first in the same database, and their thousands of generated
    initiatives would otherwise crowd the top 5s. The rollback brings them back."""
    if connection.vendor != "postgresql":  # a local SQLite test run holds no bulk data
        Initiative.objects.all().delete()
        Organisation.objects.all().delete()
        return
    tables = [Initiative._meta.db_table, Organisation._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


def run(*, small: bool = False, verbose: bool = True) -> dict:
    """Measure inside a transaction that is rolled back: the database stays as it was."""
    result = {}
    try:
        with transaction.atomic():
            _start_from_nothing()
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
