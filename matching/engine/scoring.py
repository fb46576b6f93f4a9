"""How well two things fit: the weights, the features and the hard rules, all in one place.

Every feature is a number between 0 and 1, quantised to thousandths ("milli") so the
score is computed in integers: ``score = round(sum(weight × feature_milli) / 1000)``.
Integers make the fast matrix engine and the slow reference scorer in the tests agree
exactly, ties included (ties are broken by the lower id).

Subject fit decides; region refines. A pair is only suggested when it has a topical
reason (``topical``): shared themes (towards a fund: a theme of its main subject,
stated by the fund or else its themes that are not broad, a subject both texts name,
or any initiative in its towns for a fund for neighbourhood life as such; never a fund
for other people than the initiative's, ``scheme_topical``; between initiatives
related themes count too, and a subject both texts name lifts a fair theme fit,
``topical_between``), a need the other side meets in content, or clearly similar
descriptions. The hard rules themselves
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
  keukenspullen although both are materials), or at least ``KNOWS_SUBJECT_NEED`` when
  the partner offers knowledge about the initiative's own subject (``knows_subject``:
  a nature organisation for a community garden that asked only for money); between
  initiatives, the share of both sides' needs the other offers. A partner is only
  suggested with a need feature above 0.
- amount (funds only): how well the best-fitting money need fits the range: 1.0 when it
  is at least a fifth of the maximum, 0.7 from a twentieth, else 0.4 (a €300 ask to a
  €100,000 scheme); 0.7 when the scheme names no range; 0.5 when the need names no
  amount.

Between two initiatives (``KIND_INITIATIVE``)
- themes: a Dice coefficient over theme *weights* (``theme_weights``: smoothed IDF over
  the public initiatives), a related theme counting half: sharing the broad
  "buurt en ontmoeting" adds little, sharing "energie" a lot.
- need: half for each side with a non-money need the other's offer meets in content
  (``exchange_between``: an offer of the need's kind whose text shares a concept).
- topical (``topical_between``): descriptions this alike (``TEXT_TOPICAL``), or a theme
  fit of at least ``THEME_TOPICAL_BETWEEN``, or ``THEME_WITH_EXCHANGE`` plus a need met
  in content; the themes do not count when both texts name their subject in the domain
  vocabulary and the subjects differ (``subject_clash``). No topical reason: no
  suggestion, even if the list stays short.

Learning from "not interesting" (``DeclineReason``)
- A side that declined three suggestions (``DECLINES_TO_LEARN``) with "not our
  subject" whose other side carries theme T, which it does not list itself, has
  declined T. A side that declined three with "not our region" whose other side is an
  initiative in province P has declined P. A side is a scheme, a partner organisation
  or an initiative (its declines on its own suggestions and on those of other
  initiatives pointing at it count together).
- A pair where either side declined a theme the other side carries, or the province
  the other initiative is in, loses ``DECLINE_PENALTY`` points: it no longer reaches the
  top (and drops out below ``MIN_SCORE``). Learned afresh on every full and incremental
  run from the stored answers; a declined pair itself stays declined (engine.writes:
  a run only updates its score and reasons, never its status).
- Why 3 and 30 (``tests/bench/learning_simulation.py``, the labelled set, funds that
  give the reason on half the unrelated suggestions and by mistake on 5% of good
  ones): with 3 answers a lesson hits about ten unrelated pairs per good one (2: 7,
  1: 4; 4 halves what is learned). 30 points is more than an unrelated scheme
  suggestion's lead over ``MIN_SCORE`` in three of four cases (in the top 5 of
  ``make bench BENCH=matching_quality`` 32 of 42 score below 50, median 45), so it
  leaves the list; a good one wrongly hit (median 61, 60 of 69 at 50 or more) stays
  listed, lower.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import snowballstemmer

from initiatieven.selectors import amount_in_range, money_asks_fit
from netwerkplatform.core.vocabulary import ResourceKind

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
# they count half in the theme feature and, unless the fund states them as its main
# subject, are no subject on their own (see ``fund_subject`` and ``scheme_topical``).
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
    # not "lokaal": far more often "local" (een lokaal netwerk) than a room
    "ruimte": ("ruimte", "zaal", "zalen", "kamer", "werkplek", "vergader", "opslag"),
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
    "taal": (" taal", "nederlands", "lezen en schrijven"),
    "spelen": ("speel", "spel"),
    "repareren": ("repar",),
    "gereedschap": ("gereedschap",),  # tools: a means, not a repair subject
    "communicatie": ("website", "folder", "promotie", "communicatie"),
    # dealing with the municipality: permits, agreements, who to talk to there
    "gemeente": ("gemeente", "vergunning", "wethouder", "ambtena"),
    "sport": ("sport", "bewegen", "trainer"),
    "ontmoeting": ("koffie", "huiskamer", "soos", "praatje", "inloop"),
    "onderwijs": ("huiswerk", "school", "scholen", "scholier", "leerling", "bijles"),
    # companies and their sponsoring are a network need of their own: a network of
    # residents does not meet "contact met bedrijven die willen sponsoren"
    "ondernemen": ("ondernemer", "onderneming", "economie", "bedrijven", "sponsor"),
    # performing arts: a choir, an orchestra and a theatre group can share a stage and
    # tips; not " koor" without its space: "akkoord" is no choir
    "podiumkunsten": (
        "muziek",
        " koor",
        "zing",
        "zang",
        "orkest",
        "concert",
        "podia",
        "podium",
        "theater",
        "toneel",
        "voorstelling",
        "optreden",
        "optreed",
        "dans",
    ),
    "erfgoed": ("erfgoed", "molen", "monument", "geschiedenis", "historisch", "museum"),
    # not "tweedehands" alone: "tweedehands laptops" are a means, a shop of them a subject
    "kringloop": ("tweedehands spullen", "tweedehandswinkel", "kringloop", "hergebruik", "weggeef"),
    # not "alleen" alone: far more often "only" than "alone"
    "eenzaamheid": (
        "eenzaam",
        "eenzame",
        "isolement",
        "geïsoleerd",
        "alleenstaand",
        "niemand spre",
        "alleen thuis",
        "alleen wonen",
        "alleen woont",
        "alleen doorbreng",
        "voor wie alleen",
        "in je eentje",
        "in hun eentje",
        "in z'n eentje",
        "in zijn eentje",
        "in haar eentje",
        "sociaal contact",
        "sociale contact",
    ),
    # not "minima": "minimaal" is no poverty
    "armoede": (
        "armoede",
        "weinig geld",
        "geldzorgen",
        "schulden",
        " krap",
        "voedselbank",
    ),
}
# Compounds that contain a concept's part but name something else: a playground
# ("speeltuin") or a zoo is no garden. Removed from a text before that concept is looked for.
CONCEPT_EXCEPTIONS: dict[str, tuple[str, ...]] = {
    # "groene" about the climate (green energy, a green economy, "groene of sociale
    # ondernemingen": beside another such adjective) is no greenery; green squares,
    # greening ("vergroenen") and vegetables ("groente") are
    "tuin": (
        "speeltuin",
        "dierentuin",
        "groene econom",
        "groene onderneming",
        "groene energie",
        "groene stroom",
        "groene of ",
        "groene en ",
    ),
    # a schoolyard, a school roof or a gym ("sportschool") is a place, not teaching
    "onderwijs": ("schoolplein", "schooldak", "sportschool"),
}
# Concepts that name a means (a room, helpers, a host) rather than what an initiative
# is about: two initiatives that both need a room share no subject.
MEANS_CONCEPTS = frozenset(
    {
        "ruimte",
        "vrijwilligers",
        "penvoerder",
        "fondsenwerving",
        "organiseren",
        "communicatie",
        "gereedschap",
        "gemeente",
    }
)
# Means whose words name who provides something as often as what is done ("zalen van
# de gemeente" is a room, not help with the municipality): about these, knowing how
# and doing it do not stand in for each other (``offer_topics``).
PROVIDER_MEANS = frozenset({"gemeente"})


@lru_cache(maxsize=65536)
def concepts(text: str) -> frozenset[str]:
    """The domain concepts a need's or offer's text speaks about."""
    return _named(text, DOMAIN_CONCEPTS, CONCEPT_EXCEPTIONS)


def _named(text: str, vocabulary: dict, exceptions: dict | None = None) -> frozenset[str]:
    """The names of ``vocabulary`` whose word parts the text contains, each looked for
    with its ``exceptions`` blanked out. A part with a leading space only matches at a
    word start: Dutch glues words together, so parts are found inside compounds."""
    text = " " + text.lower()
    exceptions = exceptions or {}
    found = []
    for name, parts in vocabulary.items():
        here = _without(text, exceptions.get(name, ()))  # once per name, not per part
        if any(part in here for part in parts):
            found.append(name)
    return frozenset(found)


def _without(text: str, words) -> str:
    """The text with these words blanked out (``CONCEPT_EXCEPTIONS``)."""
    for word in words:
        text = text.replace(word, " ")
    return text


def are_related(a: str, b: str) -> bool:
    """Whether two curated themes are related (``RELATED_THEMES``)."""
    return frozenset((a, b)) in RELATED_THEMES


def related_missing(mine: set, theirs: set) -> set:
    """My themes the other side lacks but has a related theme for."""
    return {theme for theme in mine - theirs if any(are_related(theme, t) for t in theirs)}


def related_count(mine: set, theirs: set) -> int:
    """How many of my themes the other side lacks but has a related theme for."""
    return len(related_missing(mine, theirs))


def theme_fit(mine: set, theirs: set) -> tuple[int, int]:
    """(numerator, denominator) of the theme feature towards a fund or partner.

    (2·shared + related − shared broad) / (2·mine): a shared theme counts 1, a shared
    broad theme or a related one ½, relative to the initiative's own themes.
    """
    shared = mine & theirs
    numerator = 2 * len(shared) - len(shared & BROAD_THEMES) + related_count(mine, theirs)
    return numerator, 2 * len(mine)


# Themes that name who an initiative or fund is for rather than what it does. A fund
# for one of these groups is for that group: an initiative for another group is not
# its subject, whatever activity they share (see ``audience_clash``).
AUDIENCE_THEMES = frozenset({"jeugd", "ouderen"})


# Words (parts of words; a leading space: a word start) that name the people a text is
# for, a little narrower than the audience themes: a fund for "jongeren" means
# teenagers and young adults, not every child; "jeugd" and "leerling" name both. A
# playground or a school class is for children, even where the text does not say so.
# Not "ouder" alone: "ouders" are parents, and not "student": students are more often
# the helpers than the people helped. "Alle leeftijden" names everyone.
ALL_AGES = ("alle leeftijden", "jong en oud", "jong & oud")
PEOPLE_WORDS: dict[str, tuple[str, ...]] = {
    "kinderen": (
        " kind",
        "peuter",
        "kleuter",
        "basisschool",
        "schoolklas",
        "schoolplein",
        "speeltuin",
        "speelplek",
        "speelplaats",
        "speeltoestel",
        "jeugd",
        "leerling",
        *ALL_AGES,
    ),
    "jongeren": (
        "jongere",
        "tiener",
        "puber",
        "brugklas",
        "scholier",
        "jeugd",
        "leerling",
        *ALL_AGES,
    ),
    "ouderen": (
        "oudere",
        "senior",
        "bejaard",
        "gepensioneerd",
        "55+",
        "60+",
        "65+",
        "70+",
        "75+",
        "65-plus",
        "zestig",
        "zeventig",
        "tachtig",
        "op leeftijd",
        "dementie",
        "verpleeghuis",
        "verzorgingshuis",
        *ALL_AGES,
    ),
}
PEOPLE = tuple(PEOPLE_WORDS)
# The audience theme each of them belongs to: whom a text is for (``groups_named``).
PEOPLE_GROUP = {"kinderen": "jeugd", "jongeren": "jeugd", "ouderen": "ouderen"}


@lru_cache(maxsize=65536)
def people_named(text: str) -> frozenset[str]:
    """The people (``PEOPLE_WORDS``) a text names."""
    return _named(text, PEOPLE_WORDS)


def groups_named(text: str) -> frozenset[str]:
    """The audience themes of the people a text names (``PEOPLE_GROUP``)."""
    return frozenset(PEOPLE_GROUP[people] for people in people_named(text))


def stated_people(themes, text: str) -> frozenset[str]:
    """The people a fund's own words name within its audience themes: "Kansen voor
    jongeren" with "jeugd" names young people, not children."""
    return frozenset(p for p in people_named(text) if PEOPLE_GROUP[p] in themes)


def audience_of(themes, text: str) -> frozenset[str]:
    """Whom an initiative is for: its audience themes and the groups its text names
    (a wheelchair basketball club "for children and adults" is for young people too)."""
    return frozenset(set(themes) & AUDIENCE_THEMES) | groups_named(text)


def stated_audience(themes, text: str) -> frozenset[str]:
    """Whom a fund's scheme is for: an audience theme its own words name too. "Kansen
    voor jongeren" is for young people; a fund against loneliness that lists "ouderen"
    among its themes but speaks of "eenzame buurtbewoners" is for everyone lonely."""
    return frozenset(set(themes) & AUDIENCE_THEMES) & groups_named(text)


def audience_clash(
    mine: set, theirs: set, *, my_groups: frozenset | None = None, their_stated=frozenset()
) -> bool:
    """The fund is not for the initiative's people. Either the fund is for a group
    (``AUDIENCE_THEMES``) and the initiative's themes name another group and not the
    fund's: a youth sports fund is no fund for walking groups of elderly people,
    although both are about "sport". Or the fund states whom it is for
    (``stated_audience``) and the initiative is not for them (``my_groups``,
    ``audience_of``): a fund for young people's chances at school is no fund for adults
    learning to read, although both are about learning."""
    their_group, my_group = theirs & AUDIENCE_THEMES, mine & AUDIENCE_THEMES
    if their_group and my_group and not their_group & my_group:
        return True
    if my_groups is None:
        my_groups = frozenset(my_group)
    return bool(their_stated) and not their_stated & my_groups


def for_its_people(mine: set, theirs: set, my_people=frozenset(), their_people=frozenset()) -> bool:
    """Does a shared audience theme ("jeugd") make the fund's subject the initiative's?
    Yes where the fund names no narrower people, where the initiative's words name the
    people the fund's words name (``people_named``: "jongeren" and "jongeren"), or
    where the initiative's other themes meet the fund's other themes, shared or related
    (music lessons for children of poor families and a fund for young people's chances:
    "armoede" near "inclusie"). A playground or a petting zoo for children shares
    "jeugd" with a fund for young people's chances at school and work, and no more."""
    if not their_people or my_people & their_people:
        return True
    return themes_topical(mine - AUDIENCE_THEMES, theirs - AUDIENCE_THEMES)


def themes_near(a: set, b: set) -> bool:
    """Some theme of ``a`` is related to some theme of ``b`` (``RELATED_THEMES``)."""
    return any(are_related(x, y) for x in a for y in b)


def fund_subject(themes: set, main: set = frozenset()) -> set:
    """What a fund's scheme is mainly about: the themes the fund states as its main
    subject (``FundingScheme.main_themes``); where it states none, its themes that are
    not broad; where it has only broad ones, all of them. Its other themes are side
    themes ("buurt en ontmoeting" beside "groen": it funds green meeting places, not
    every meeting)."""
    return (main & themes) or (themes - BROAD_THEMES) or set(themes)


def for_neighbourhoods(themes: set, main: set = frozenset()) -> bool:
    """Is this fund about neighbourhood life as such, whatever residents do for it? Its
    stated main subject is generic (``GENERIC_THEMES``), or, where it states none, most
    of its themes are: "Buurtinitiatieven" with "buurt en ontmoeting", "participatie"
    and "groen". Working in named towns, such a fund is for every initiative there
    (``scheme_topical``); a local fund with a subject of its own is not."""
    stated = main & themes
    if stated:
        return stated <= GENERIC_THEMES
    return 2 * len(themes & GENERIC_THEMES) > len(themes)


def scheme_topical(
    mine: set,
    theirs: set,
    *,
    local: bool,
    main: set = frozenset(),
    my_subjects: frozenset = frozenset(),
    their_subjects: frozenset = frozenset(),
    text_milli: int = 0,
    my_groups: frozenset | None = None,
    their_stated: frozenset = frozenset(),
    my_people: frozenset = frozenset(),
    their_people: frozenset = frozenset(),
) -> bool:
    """Is this fund's subject the initiative's? ``main`` is what the fund states as its
    main subject (see ``fund_subject``); ``my_subjects`` and ``their_subjects`` what
    the two texts speak about (``concepts``).

    Never for a fund for other people (``audience_clash``: ``my_groups`` whom the
    initiative is for, ``their_stated`` whom the fund says it is for). Clearly alike
    texts (``text_milli``, see ``topical``) make it, and so does a shared theme of the
    fund's subject. So do the texts when they name the same subject
    (``text_subjects``: loneliness, play, energy …) and the themes are shared or related
    (``themes_topical``): a Christmas dinner for people who would be alone and a fund
    against loneliness share only "buurt en ontmoeting", yet loneliness is the subject
    of both. Where a theme that names people ("jeugd") is all that links them, both
    routes hold only for the people the fund names (``for_its_people``: ``my_people``
    and ``their_people`` whom the two texts name): a fund for young people's chances
    suits a youth centre run by "jongeren", not a nature playground for children, even
    where both texts speak of school.

    A shared side theme alone makes it only for a local fund (the neighbourhoods of its
    places are its subject), or for an initiative about meeting or care as such (only
    broad themes) whose themes are related to the fund's subject (neighbours helping
    neighbours and a fund for the elderly; not a street party and a green fund). A
    related theme alone gives partial credit in the score but is no subject: "jeugd" is
    near "onderwijs", yet a school fund is no playground fund.
    """
    if audience_clash(mine, theirs, my_groups=my_groups, their_stated=their_stated):
        return False
    if topical(False, text_milli) or (local and for_neighbourhoods(theirs, main)):
        return True
    for_them = for_its_people(mine, theirs, my_people, their_people)
    same_text_subject = text_subjects(my_subjects) & text_subjects(their_subjects)
    if same_text_subject and themes_topical(mine, theirs) and for_them:
        return True
    shared = mine & theirs
    if not shared:
        return False
    subject = fund_subject(theirs, main)
    if shared & subject - AUDIENCE_THEMES or local:
        return True
    if shared & subject and for_them:
        return True
    return not mine - BROAD_THEMES and themes_near(mine, subject)


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


NEED_KINDS = tuple(kind for kind in ResourceKind.values if kind != "money")


def offer_topics(kind: str, text: str) -> frozenset:
    """The (kind, concept) pairs of the needs a partner's offer meets in content: needs
    of its own kind that speak about the same thing. About a means (``MEANS_CONCEPTS``:
    volunteers, a room, organising, money), knowing how and doing it help each other:
    advice on recruiting meets a need for volunteers, community workers who help to
    organise meet a need for coaching in organising. About a subject they do not:
    advice about nature gives no parents for a planting day, and advice on schoolyards
    is no contact with schools."""
    found = kind_concepts(kind, text)
    means = concepts(text) & (MEANS_CONCEPTS - PROVIDER_MEANS)
    if kind == KNOWLEDGE_KIND:
        found |= {(need_kind, concept) for concept in means for need_kind in NEED_KINDS}
    return found | {(KNOWLEDGE_KIND, concept) for concept in means}


# What a need is for whatever its words say, towards partners: people are helpers, so
# advice on finding volunteers and a volunteer centre meet any need for people. Not
# between initiatives, whose helpers are for something (a nature guide is no cycling
# buddy).
IMPLIED_MEANS = {"people": "vrijwilligers"}


def partner_need_topics(kind: str, text: str) -> frozenset:
    """The (kind, concept) pairs of a non-money need that a partner's offer may meet
    (``offer_topics``): its own words (``kind_concepts``) and ``IMPLIED_MEANS``."""
    found = kind_concepts(kind, text)
    if kind in IMPLIED_MEANS:
        found |= {(kind, IMPLIED_MEANS[kind])}
    return found


def partner_need(
    need_kinds: set,
    plain_kinds: set,
    offer_kinds: set,
    need_topics: frozenset,
    their_topics: frozenset,
) -> tuple[int, int]:
    """(numerator, denominator): non-money needs met by kind or in content.

    ``plain_kinds``: the kinds of the needs ``met_by_kind`` says any such offer meets;
    ``need_topics``: ``partner_need_topics`` of the non-money needs; ``their_topics``:
    the ``offer_topics`` of the partner's offers.
    """
    mine = need_kinds - {"money"}
    met = len(plain_kinds & offer_kinds)
    content = 1 if need_topics & their_topics else 0
    return min(met + content, len(mine)), len(mine)


# A partner that knows about an initiative's own subject is worth a look even when the
# initiative asked for no knowledge: a nature organisation for a community garden, an
# energy desk for an insulation team. Only what it offers as knowledge counts (advice
# reaches anyone; hands or things nobody asked for are no help), only subjects (not
# means: nearly every initiative works with volunteers, so advice on volunteers would
# go to all), and only with a shared theme that is not broad, so one word is not enough.
KNOWLEDGE_KIND = "knowledge"
# Such knowledge counts towards the need feature like meeting part of a need: the
# initiative did not ask for it, so it ranks below a partner that meets what was asked.
KNOWS_SUBJECT_NEED = 300


def subjects(concept_set) -> frozenset:
    """The concepts that name what something is about, not a means (``MEANS_CONCEPTS``)."""
    return frozenset(concept_set) - MEANS_CONCEPTS


def text_subjects(concept_set) -> frozenset:
    """What a fund's or an initiative's text is about, for ``scheme_topical``: its
    subjects without meeting as such (coffee, a living room), which nearly every
    neighbourhood text names, as nearly every fund lists "buurt en ontmoeting"."""
    return subjects(concept_set) - {"ontmoeting"}


# Concepts that say where something happens rather than what it is: a village, land
# or roofs. Between initiatives they are no subject in common (``subjects_between``).
PLACE_CONCEPTS = frozenset({"dorp", "terrein"})


def subjects_between(concept_set) -> frozenset:
    """What an initiative's text is about, towards another initiative's: its text
    subjects without places (``PLACE_CONCEPTS``): a village house's new roof and a
    village playground are no one subject, nor are solar panels on big roofs and a
    food forest on a vacant plot."""
    return text_subjects(concept_set) - PLACE_CONCEPTS


def knowledge_subjects(offers) -> frozenset:
    """The subjects a partner's knowledge offers speak about; ``offers``: (kind, text)."""
    return frozenset().union(
        *(subjects(concepts(text)) for kind, text in offers if kind == KNOWLEDGE_KIND)
    )


def knows_subject(my_themes, their_themes, my_subjects, their_knowledge) -> bool:
    """The partner offers knowledge about the subject the initiative's text names, and
    they share a theme that is not broad (see the note above ``KNOWLEDGE_KIND``)."""
    shared = (set(my_themes) & set(their_themes)) - BROAD_THEMES
    return bool(shared) and bool(subjects(my_subjects) & their_knowledge)


def theme_weights(counts: dict, initiatives: int) -> dict:
    """How specific each theme is among initiatives: smoothed IDF, in thousandths
    (1000 for a theme everyone has, about 1000 × (1 + ln N) for one only you have).

    Between initiatives a shared broad theme ("buurt en ontmoeting", carried by a third
    of them) says little about the subject, a shared rare one ("werk") says a lot; a
    fixed list of generic themes cannot know that, the corpus does. Integers, so the
    engine's matrix sums and the reference scorer agree exactly.
    """
    return {
        theme: round(MILLI * (math.log((1 + initiatives) / (1 + df)) + 1))
        for theme, df in counts.items()
    }


def theme_fit_between(a: set, b: set, weights: dict) -> tuple[int, int]:
    """The theme feature between two initiatives: a Dice coefficient over theme weights
    (``theme_weights``), symmetric, a related theme counting half. Themes the corpus
    does not know weigh nothing (the engine has no column for them)."""

    def weight(themes) -> int:
        return sum(weights.get(theme, 0) for theme in themes)

    numerator = 4 * weight(a & b) + weight(related_missing(a, b)) + weight(related_missing(b, a))
    return numerator, 2 * (weight(a) + weight(b))


# Between initiatives shared themes alone are a topical reason from this theme fit on
# (two thirds: e.g. all of one side's themes and most of the other's, or the specific
# ones); a need the other meets in content counts from THEME_WITH_EXCHANGE on.
THEME_TOPICAL_BETWEEN = 667
THEME_WITH_EXCHANGE = 400
# ... and a subject both texts name from just over half on: at half, a homework club
# and a nature playground visited by school classes (both "jeugd", both "school") made it
THEME_WITH_SUBJECT = 550
EXCHANGE_PER_SIDE = 500  # each side that gets a need met in content: half the feature


def subject_clash(mine: frozenset, theirs: frozenset) -> bool:
    """Both texts name what they do (``DOMAIN_CONCEPTS`` minus ``MEANS_CONCEPTS``) and
    it differs: a litter clean-up and a vegetable garden may share "groen" and
    "duurzaamheid", but they are not one subject, so shared themes do not make them so."""
    mine, theirs = mine - MEANS_CONCEPTS, theirs - MEANS_CONCEPTS
    return bool(mine and theirs and not mine & theirs)


def kind_concepts(kind: str, text: str) -> frozenset:
    """(resource kind, concept) pairs of one need or offer: what ``exchange_between``
    compares, so a need is only met by an offer of its kind that speaks about it."""
    return frozenset((kind, concept) for concept in concepts(text))


# Resource kinds that only help nearby: a room, things to lend, helping hands, help to
# organise on the spot. Between initiatives they meet a need only in the same
# municipality: a soos room in Assen is no room for a conversation in Den Bosch.
PLACE_BOUND_KINDS = frozenset({"space", "materials", "people", "organising_power"})


def reachable(kind: str, same_place: bool) -> bool:
    """Whether an offer of this kind can meet a need of the other initiative."""
    return same_place or kind not in PLACE_BOUND_KINDS


def exchange_between(
    my_needs: frozenset, my_offers: frozenset, their_needs, their_offers, *, same_place: bool
) -> int:
    """The need feature between initiatives (milli): half for each side that has a
    non-money need the other's offer meets in content: an offer of the same resource
    kind whose text shares a concept (``kind_concepts``), and that can reach it
    (``reachable``). Kind alone is not enough (a storage room is no stage for a play),
    nor a word alone ("vergadercultuur" is no meeting room, a playground building no
    planting day)."""
    if not same_place:
        my_offers = frozenset(t for t in my_offers if reachable(t[0], same_place))
        their_offers = frozenset(t for t in their_offers if reachable(t[0], same_place))
    met = bool(my_needs & their_offers) + bool(their_needs & my_offers)
    return met * EXCHANGE_PER_SIDE


def topical_between(
    themes_milli: int, text_milli: int, need_milli: int, clash: bool, same_subject: bool = False
) -> bool:
    """A pair of initiatives needs a subject in common: clearly alike texts, or (unless
    their subjects clash) a strong theme fit, or a fair one plus a need met in content
    or a somewhat better one plus a subject both texts name (``same_subject``:
    ``subjects_between`` in common; a vegetable garden and a courtyard being greened both
    speak of plants). Otherwise nothing is shown: fewer but right suggestions."""
    if text_milli >= quantise_one(TEXT_TOPICAL):
        return True
    if clash:
        return False
    return (
        themes_milli >= THEME_TOPICAL_BETWEEN
        or (need_milli > 0 and themes_milli >= THEME_WITH_EXCHANGE)
        or (same_subject and themes_milli >= THEME_WITH_SUBJECT)
    )


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
    """``facts``: (why, decider, other) per stored decline; ``themes_of(side)`` → a
    side's themes, ``province_of(other)`` → its province id (None unless an
    initiative). Counts per decider and theme/province; three make a lesson.

    A decider never learns to decline a theme it lists itself: that theme is why the
    pair was suggested, not why it was wrong. Counting it made a third of the good
    pairs of the labelled set lose points after a few answers
    (``tests/bench/learning_simulation.py``)."""
    theme_counts: Counter = Counter()
    province_counts: Counter = Counter()
    for why, decider, other in facts:
        if why == WHY_SUBJECT:
            for theme in set(themes_of(other)) - set(themes_of(decider)):
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
