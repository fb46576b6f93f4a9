"""How well two things fit: the weights, the features and the hard rules, all in one place.

Every feature is a number between 0 and 1, quantised to thousandths ("milli") so the
score is computed in integers: ``score = round(sum(weight × feature_milli) / 1000)``.
Integers make the fast matrix engine and the slow reference scorer in the tests agree
exactly, ties included (ties are broken by the lower id).

Features
- themes: Jaccard overlap of the two theme sets.
- text: cosine similarity of TF-IDF vectors over Dutch text, words reduced to their
  Snowball stem ("buurten", "buurt" → "buurt"), sublinear term frequency.
- region: same municipality 1.0 > same province 0.6 > national 0.3 (for a fund or
  partner this is how specifically its region names the initiative's place).
- need: for a fund, whether the initiative asks for money; for a partner, the share of
  the initiative's need kinds the partner offers; between initiatives, the share of
  both sides' needs the other side offers (exchange without money).
- amount (funds only): 1.0 when the amount asked lies in an explicit range of the
  scheme, 0.5 when either side names no amount.
"""

import re
from collections.abc import Iterable

import numpy as np
import snowballstemmer

KIND_SCHEME = "scheme"
KIND_PARTNER = "partner"
KIND_INITIATIVE = "initiative"
KINDS = (KIND_SCHEME, KIND_PARTNER, KIND_INITIATIVE)

# Weights per kind, in percentage points; each row sums to 100.
WEIGHTS: dict[str, dict[str, int]] = {
    # A fund first asks "is this our subject?" (themes) and "can we pay this?" (amount);
    # the description and region refine that. Asking for money at all is a clear signal.
    KIND_SCHEME: {"themes": 30, "text": 20, "region": 10, "need": 15, "amount": 25},
    # A partner helps with what it offers (space, knowledge, people), so need/offer fit
    # weighs most; being nearby matters more than for a fund because help is physical.
    KIND_PARTNER: {"themes": 25, "text": 15, "region": 20, "need": 40},
    # Initiatives bundle forces on shared subjects in the same place; exchanging needs
    # and offers comes next.
    KIND_INITIATIVE: {"themes": 35, "text": 20, "region": 25, "need": 20},
}
assert all(sum(weights.values()) == 100 for weights in WEIGHTS.values())

MILLI = 1000
REGION_MUNICIPALITY = 1000
REGION_PROVINCE = 600
REGION_NATIONAL = 300
AMOUNT_IN_RANGE = 1000
AMOUNT_UNKNOWN = 500
# Applying through a fiscal host is possible but one more step, so it ranks lower.
PENVOERDER_PENALTY = 10
# Below this a suggestion is noise: nobody wants a list padded with 5% matches.
MIN_SCORE = 15
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


def scheme_amount_ok(asked: float | None, minimum: float | None, maximum: float | None) -> bool:
    if asked is None:
        return True
    if minimum is not None and asked < minimum:
        return False
    return not (maximum is not None and asked > maximum)


def scheme_amount_feature(asked: float | None, minimum: float | None, maximum: float | None):
    if asked is not None and (minimum is not None or maximum is not None):
        return AMOUNT_IN_RANGE
    return AMOUNT_UNKNOWN


def stage_ok(eligible: Iterable[str], stage: str) -> bool:
    eligible = list(eligible or [])
    return not eligible or stage in eligible


def needs_legal_entity(requires_legal_entity: bool, legal_form: str) -> bool:
    """True when only the legal form stands in the way: "mogelijk met een penvoerder"."""
    return bool(requires_legal_entity) and legal_form == "informal"


def jaccard(a: set, b: set) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def region_level(scope: str, provinces, municipalities, municipality_id: int, province_id: int):
    """How specifically a fund's or partner's region names the initiative's place (0 = not)."""
    if scope == "municipalities":
        return REGION_MUNICIPALITY if municipality_id in municipalities else 0
    if scope == "provinces":
        return REGION_PROVINCE if province_id in provinces else 0
    return REGION_NATIONAL


def place_level(a_municipality: int, a_province: int, b_municipality: int, b_province: int):
    """Between two initiatives: same municipality > same province > elsewhere."""
    if a_municipality == b_municipality:
        return REGION_MUNICIPALITY
    if a_province == b_province:
        return REGION_PROVINCE
    return 0
