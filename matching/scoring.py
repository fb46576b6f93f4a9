"""How well two things fit: the weights, the features and the hard rules, all in one place.

Every feature is a number between 0 and 1, quantised to thousandths ("milli") so the
score is computed in integers: ``score = round(sum(weight × feature_milli) / 1000)``.
Integers make the fast matrix engine and the slow reference scorer in the tests agree
exactly, ties included (ties are broken by the lower id).

Subject fit decides; region refines. A pair is only suggested when it has a topical
reason (``topical``): shared themes (towards a fund: a shared theme that is not broad,
``scheme_topical``; between initiatives related themes count too), a need the other
side meets in content, or clearly similar descriptions. The hard rules themselves
(region, stage, amount, legal form) are the predicates of ``initiatieven.selectors``;
the engine's matrix forms of them are tested against those predicates.

Features
- themes: how much of the initiative's themes the other side covers
  (shared + ½ × related or broad-shared, over the initiative's theme count; a broad
  fund with many themes does not dilute it). See ``RELATED_THEMES``, ``BROAD_THEMES``
  (towards funds and partners) and ``GENERIC_THEMES`` (between initiatives).
- text: cosine similarity of TF-IDF vectors over Dutch text, words reduced to their
  Snowball stem ("buurten", "buurt" → "buurt"), sublinear term frequency.
- region: same municipality 1.0 > same province 0.6 > national 0.3 (for a fund or
  partner this is how specifically its region names the initiative's place).
- need: for a fund, whether the initiative asks for money; for a partner, the share of
  the initiative's non-money needs it meets: a plain need of a "neutral" kind (space,
  penvoerderschap …; ``met_by_kind``) by an offer of that kind, and any need by an
  offer that speaks about the same thing (``DOMAIN_CONCEPTS``: afvalgrijpers ≠
  keukenspullen although both are materials); between initiatives, the share of both
  sides' needs the other offers.
- amount (funds only): how well the best-fitting money need fits the range: 1.0 when it
  is at least a fifth of the maximum, 0.7 from a twentieth, else 0.4 (a €300 ask to a
  €100,000 scheme); 0.7 when the scheme names no range; 0.5 when the need names no
  amount.

Learning from "not interesting" (``DeclineReason``)
- A side that declined three suggestions (``DECLINES_TO_LEARN``) with "not our
  subject" whose other side carries theme T has declined T. A side that declined three
  with "not our region" whose other side is an initiative in province P has declined P.
  A side is a scheme, a partner organisation or an initiative (its declines on its own
  suggestions and on those of other initiatives pointing at it count together).
- A pair where either side declined a theme the other side carries, or the province
  the other initiative is in, loses ``DECLINE_PENALTY`` points: it no longer reaches the
  top (and drops out below ``MIN_SCORE``). Learned afresh on every full and incremental
  run from the stored answers; a declined pair itself stays declined (engine.writes).
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import snowballstemmer

KIND_SCHEME = "scheme"
KIND_PARTNER = "partner"
KIND_INITIATIVE = "initiative"
KINDS = (KIND_SCHEME, KIND_PARTNER, KIND_INITIATIVE)

# Weights per kind, in percentage points; each row sums to 100. Subject (themes, text
# and for partners the content of need and offer) carries most; region only refines.
WEIGHTS: dict[str, dict[str, int]] = {
    # A fund first asks "is this our subject?", then "does the ask fit our range?".
    KIND_SCHEME: {"themes": 55, "text": 10, "region": 5, "need": 10, "amount": 20},
    # A partner helps with what it offers, so need/offer fit weighs most.
    KIND_PARTNER: {"themes": 30, "text": 10, "region": 10, "need": 50},
    # Initiatives bundle forces on shared subjects; being close by comes next.
    KIND_INITIATIVE: {"themes": 50, "text": 10, "region": 20, "need": 20},
}
assert all(sum(weights.values()) == 100 for weights in WEIGHTS.values())

MILLI = 1000
REGION_MUNICIPALITY = 1000
REGION_PROVINCE = 600
REGION_NATIONAL = 300
AMOUNT_GOOD = 1000
AMOUNT_SMALL = 700  # the ask is a twentieth to a fifth of the maximum
AMOUNT_TINY = 400  # the ask is under a twentieth of the maximum
AMOUNT_NO_RANGE = 700  # the scheme names no range: nothing to judge the ask by
AMOUNT_UNKNOWN = 500  # the money need names no amount
AMOUNT_SMALL_RATIO = 0.05
AMOUNT_GOOD_RATIO = 0.2
# Below this a suggestion is noise: nobody wants a list padded with weak matches.
MIN_SCORE = 20
# Descriptions this alike (cosine) are a topical reason on their own.
TEXT_TOPICAL = 0.25
# The levels people see instead of a percentage live in matching/levels.py.
TOP_K = 10
# A text similarity is only worth telling people about from this value on.
TEXT_REASON_MIN = 0.15
STAGES = ("idea", "start", "growth", "consolidation")

# Short function words that carry no subject; stemming handles the rest.
DUTCH_STOPWORDS = frozenset(
    """aan als bij dan dat de den der des die dit door een en er had heb hebben heeft het
    hier hij hoe hun ik in is je jij jullie kan maar me met mij mijn na naar niet nog nu
    of om onder ons onze ook op over te tot uit van veel voor want was wat we wel werd
    wie wij wil worden wordt zal ze zei zij zich zijn zo zoals zonder""".split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-zà-öø-ÿ]{3,}")
_stemmer = snowballstemmer.stemmer("dutch")
_stem_cache: dict[str, str] = {}


def analyse(text: str) -> list[str]:
    """Lower-case words of three letters or more, minus stopwords, Snowball-stemmed.

    Stems are memoised: a corpus has a few thousand distinct words but millions of
    occurrences, and the stemmer is pure Python.
    """
    stems = []
    for word in _WORD.findall(text.lower()):
        if word in DUTCH_STOPWORDS:
            continue
        stem = _stem_cache.get(word)
        if stem is None:
            stem = _stem_cache[word] = _stemmer.stemWord(word)
        stems.append(stem)
    return stems


def quantise(values):
    """Feature (0..1) → integer thousandths, rounding half to even like Python's round."""
    return np.rint(np.clip(values, 0.0, 1.0) * MILLI).astype(np.int64)


def quantise_one(value: float) -> int:
    return round(min(max(value, 0.0), 1.0) * MILLI)


def combine(kind: str, features: dict) -> "np.ndarray | int":
    """Weighted sum of milli-features → score 0..100 (integer, half up)."""
    total = 0
    for name, weight in WEIGHTS[kind].items():
        total = total + weight * features[name]
    return (total + 500) // 1000


# Curated themes that are close enough for partial credit (½ of a shared theme).
# Symmetric; kept small on purpose: a relation here must be one a fund officer would
# accept as "nearly our subject". No generic theme is in it: "near to ontmoeting" is
# no subject.
RELATED_THEMES: frozenset[frozenset[str]] = frozenset(
    frozenset(pair)
    for pair in [
        ("groen", "duurzaamheid"),
        ("energie", "duurzaamheid"),
        ("groen", "voedsel"),
        ("voedsel", "gezondheid"),
        ("ouderen", "zorg en welzijn"),
        ("zorg en welzijn", "gezondheid"),
        ("sport", "gezondheid"),
        ("sport", "jeugd"),
        ("jeugd", "onderwijs"),
        ("armoede", "inclusie"),
        ("armoede", "werk"),
        ("werk", "economie"),
        ("mobiliteit", "duurzaamheid"),
    ]
)

# Themes nearly every neighbourhood initiative carries: shared, they count as much as
# a related theme (half), since on their own they say little about the subject.
GENERIC_THEMES = frozenset({"buurt en ontmoeting", "participatie"})
# Towards funds and partners, broader still: themes nearly every fund lists next to its
# real subject ("zorg en welzijn" beside "ouderen", "inclusie" beside "armoede"). Shared,
# they count half in the theme feature and are no subject on their own, unless the fund
# has nothing more specific or is a local fund (see ``scheme_topical``).
BROAD_THEMES = GENERIC_THEMES | {"zorg en welzijn", "inclusie"}

# Resource kinds where the kind itself says what is needed: a room is a room.
# People are not: volunteers are for something (a nature guide is no cycling buddy).
NEUTRAL_KINDS = frozenset({"space", "fiscal_host", "network", "organising_power"})
# The concept a need of a neutral kind may name and still be met by any offer of its
# kind ("een vergaderruimte"); a need that names other content ("geschikte grote
# daken" for solar panels is space too) must be met in content (``met_by_kind``).
KIND_CONCEPTS = {
    "space": "ruimte",
    "fiscal_host": "penvoerder",
    "organising_power": "organiseren",
    "network": None,
}
# Words (parts of words: Dutch glues them together) that name what a need or offer is
# about; two texts meet in content when they share a concept. A domain vocabulary of
# what local initiatives ask and get, not a list fitted to any data set.
DOMAIN_CONCEPTS: dict[str, tuple[str, ...]] = {
    "ruimte": ("ruimte", "zaal", "zalen", "kamer", "lokaal", "werkplek", "vergader", "opslag"),
    "terrein": ("daken", "dakvlak", "stuk grond", "hectare", "akker", "perceel"),
    "tuin": ("tuin", "plant", "boom", "bomen", "voedselbos", "natuur", "groen"),
    "energie": ("energie", "zonne", "isolat", "warmte", "tocht"),
    "cooperatie": ("coöperatie", "cooperatie"),
    "afval": ("afval", "zwerf", "vuilnis", "grijper"),
    "keuken": ("keuken", "pannen", "servies", "kook"),
    "vrijwilligers": ("vrijwilliger", "maatje", "klusser"),
    "bewoners": ("bewonersinitiatie", "buurtrecht", "inspraak", "bewonersgroep"),
    "dorp": ("dorp",),
    "penvoerder": ("penvoerder",),
    "fondsenwerving": ("fondsenwerving", "subsidie", "begroting", "financiering"),
    # help to organise; a meeting itself ("bijeenkomst") is no organising help
    "organiseren": ("organiseren", "evenement"),
    "vervoer": ("vervoer", "busje", "chauffeur", "rolstoel"),
    "taal": ("taal",),
    "spelen": ("speel", "spel"),
    "repareren": ("repar", "gereedschap"),
    "communicatie": ("website", "folder", "promotie", "communicatie"),
    "sport": ("sport", "bewegen", "trainer"),
}


@lru_cache(maxsize=65536)
def concepts(text: str) -> frozenset[str]:
    """The domain concepts a need's or offer's text speaks about."""
    text = text.lower()
    return frozenset(
        name for name, parts in DOMAIN_CONCEPTS.items() if any(part in text for part in parts)
    )


def related_count(mine: set, theirs: set) -> int:
    """How many of my themes the other side lacks but has a related theme for."""
    return sum(
        1
        for theme in mine - theirs
        if any(frozenset((theme, other)) in RELATED_THEMES for other in theirs)
    )


def theme_fit(mine: set, theirs: set) -> tuple[int, int]:
    """(numerator, denominator) of the theme feature towards a fund or partner.

    (2·shared + related − shared broad) / (2·mine): a shared theme counts 1, a shared
    broad theme or a related one ½, relative to the initiative's own themes.
    """
    shared = mine & theirs
    numerator = 2 * len(shared) - len(shared & BROAD_THEMES) + related_count(mine, theirs)
    return numerator, 2 * len(mine)


def scheme_topical(mine: set, theirs: set, *, local: bool) -> bool:
    """Is this fund's subject the initiative's? A shared theme that is not broad.

    A shared broad theme ("buurt en ontmoeting") is the subject only where one side has
    nothing more specific (a meeting fund; an initiative about meeting as such), or for
    a local fund (one that works in named municipalities: the neighbourhoods of its
    places are its subject). A related theme gives partial credit in the score but is
    no subject on its own: "jeugd" is near "onderwijs", yet a school fund is no
    playground fund.
    """
    shared = mine & theirs
    if shared - BROAD_THEMES:
        return True
    return bool(shared) and (local or not theirs - BROAD_THEMES or not mine - BROAD_THEMES)


def ratio_milli(numerator: int, denominator: int) -> int:
    return quantise_one(numerator / denominator) if denominator else 0


def amount_fit(amount: float, minimum: float | None, maximum: float | None) -> int:
    """How well one in-range ask fits the scheme's range (milli)."""
    if minimum is None and maximum is None:
        return AMOUNT_NO_RANGE
    if not maximum:  # no upper bound (or a scheme that names 0): any in-range ask fits
        return AMOUNT_GOOD
    ratio = amount / maximum
    if ratio >= AMOUNT_GOOD_RATIO:
        return AMOUNT_GOOD
    return AMOUNT_SMALL if ratio >= AMOUNT_SMALL_RATIO else AMOUNT_TINY


def scheme_amount(amounts, minimum: float | None, maximum: float | None) -> int | None:
    """The amount feature for the best-fitting money need; None when none may apply.

    ``amounts`` holds one entry per open money need (None: no amount named). Whether
    the pair may be suggested at all is the selectors' predicate.
    """
    from initiatieven.selectors import amount_in_range, money_asks_fit

    amounts = list(amounts)
    if not money_asks_fit(amounts, min_amount=minimum, max_amount=maximum):
        return None
    fits = [
        amount_fit(a, minimum, maximum)
        for a in amounts
        if a is not None and amount_in_range(a, min_amount=minimum, max_amount=maximum)
    ]
    if any(a is None for a in amounts):
        fits.append(AMOUNT_UNKNOWN)
    return max(fits)


def met_by_kind(kind: str, text: str) -> bool:
    """Whether any offer of this need's kind meets it: a neutral kind, and a text that
    names no content beyond the kind itself (a roof is space, but no meeting room)."""
    return kind in NEUTRAL_KINDS and concepts(text) <= {KIND_CONCEPTS[kind]}


def partner_need(
    need_kinds: set,
    plain_kinds: set,
    offer_kinds: set,
    need_concepts: frozenset,
    offer_concepts: frozenset,
) -> tuple[int, int]:
    """(numerator, denominator): non-money needs met by kind or in content.

    ``plain_kinds``: the kinds of the needs ``met_by_kind`` says any such offer meets.
    """
    mine = need_kinds - {"money"}
    met = len(plain_kinds & offer_kinds)
    content = 1 if need_concepts & offer_concepts else 0
    return min(met + content, len(mine)), len(mine)


def theme_fit_between(a: set, b: set) -> tuple[int, int]:
    """The theme feature between two initiatives, symmetric (a Dice coefficient with
    the same half credits): both sides' themes count, and a's score for b is b's for a."""
    shared = a & b
    numerator = 2 * (2 * len(shared) - len(shared & GENERIC_THEMES))
    numerator += related_count(a, b) + related_count(b, a)
    return numerator, 2 * (len(a) + len(b))


def themes_topical(mine: set, theirs: set) -> bool:
    """A shared theme (a generic one too: a neighbourhood fund's subject *is* meeting
    each other; it only weighs half), or a related theme (either way round)."""
    return bool(mine & theirs) or bool(related_count(mine, theirs) or related_count(theirs, mine))


def topical(themes: bool, text_milli: int, content: bool = False) -> bool:
    """A suggestion needs a subject: themes, clearly alike texts, or content that meets."""
    return themes or content or text_milli >= quantise_one(TEXT_TOPICAL)


# How specifically a fund's or partner's region names an initiative's place, by its
# scope, once the hard rule (``initiatieven.selectors.Region.covers``) holds: a feature,
# not a rule. A region without a scope is the whole country, as in the selectors.
REGION_LEVELS = {"municipalities": REGION_MUNICIPALITY, "provinces": REGION_PROVINCE}


def region_level_of_scope(scope: str) -> int:
    """The region feature (milli) of a covering region with this scope."""
    return REGION_LEVELS.get(scope, REGION_NATIONAL)


def place_level(a_municipality: int, a_province: int, b_municipality: int, b_province: int):
    """Between two initiatives: same municipality > same province > elsewhere."""
    if a_municipality == b_municipality:
        return REGION_MUNICIPALITY
    if a_province == b_province:
        return REGION_PROVINCE
    return 0


DECLINES_TO_LEARN = 3
DECLINE_PENALTY = 30
WHY_SUBJECT = "subject"
WHY_REGION = "region"


@dataclass(frozen=True)
class Learned:
    """What the stored declines taught: side → declined themes / province ids.

    A side is a key ``(kind, id)``: ("scheme", id), ("partner", id), ("initiative", id).
    """

    themes: dict = field(default_factory=dict)
    provinces: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.themes or self.provinces)


def learn(facts, themes_of, province_of) -> Learned:
    """``facts``: (why, decider, other) per stored decline; ``themes_of(other)`` → the
    other side's themes, ``province_of(other)`` → its province id (None unless an
    initiative). Counts per decider and theme/province; three make a lesson."""
    theme_counts: Counter = Counter()
    province_counts: Counter = Counter()
    for why, decider, other in facts:
        if why == WHY_SUBJECT:
            for theme in themes_of(other):
                theme_counts[(decider, theme)] += 1
        elif why == WHY_REGION:
            province = province_of(other)
            if province is not None:
                province_counts[(decider, province)] += 1
    themes: dict = {}
    provinces: dict = {}
    for (decider, theme), n in theme_counts.items():
        if n >= DECLINES_TO_LEARN:
            themes.setdefault(decider, set()).add(theme)
    for (decider, province), n in province_counts.items():
        if n >= DECLINES_TO_LEARN:
            provinces.setdefault(decider, set()).add(province)
    return Learned(themes, provinces)


def learned_penalty(
    learned: Learned,
    mine: tuple,
    my_themes,
    my_province,
    theirs: tuple,
    their_themes,
    their_province=None,
) -> bool:
    """True when either side declined the other's theme or province (see module doc)."""
    if not learned:
        return False
    empty: set = set()
    return bool(
        learned.themes.get(theirs, empty) & set(my_themes)
        or learned.themes.get(mine, empty) & set(their_themes)
        or my_province in learned.provinces.get(theirs, empty)
        or (their_province is not None and their_province in learned.provinces.get(mine, empty))
    )
