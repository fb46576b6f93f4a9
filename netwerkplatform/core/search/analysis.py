"""Dutch text analysis: one function for stored text and for queries.

Both sides go through the same steps, so whatever a person types meets what was indexed:

1. **Accent folding and lower case** (``coöperatie`` → ``cooperatie``, ``café`` → ``cafe``).
2. **Tokens** of letters and digits; a small Dutch stop list drops "de", "het", "en", ...
3. **Decompounding** with a dictionary (the way Elasticsearch's dictionary decompounder
   works): a word that is a known head word + (linking ``s``/``e``/``en``) + a known
   tail word also yields its parts, recursively: ``buurtmoestuin`` → ``buurt``,
   ``moestuin``, ``moes``, ``tuin``. The dictionary is the 60,000 most frequent Dutch
   words of wordfreq (vendored in ``data/nl_words.txt.gz``; nothing is downloaded at run
   time). Parts are at least four letters and never a bare suffix (``heid``, ``ing``...),
   which keeps ``eenzaamheid`` and ``ouderen`` whole.
4. **Diminutives**: ``tuintje``, ``huisjes``, ``boompje`` also index ``tuin``, ``huis``,
   ``boom`` when that word is in the dictionary.
5. **Snowball Dutch stemming** of every term (``moestuinen`` → ``moestuin``).

The result is a set of terms (plain ``[a-z0-9]+`` strings) that the database stores as
text, identically on SQLite and PostgreSQL, so both give the same hits.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

import snowballstemmer

_DATA = Path(__file__).with_name("data") / "nl_words.txt.gz"
TOKEN = re.compile(r"[a-z0-9]+")
_WORD_SPLIT = re.compile(r"(\w+)", re.UNICODE)

MIN_PART = 4
# Linking sounds between the parts of a Dutch compound (stadslandbouw, zonnepanelen).
_LINKERS = ("", "s", "e", "en")
# Endings that are words in the frequency list but never a meaningful part on their own.
_NOT_PARTS = frozenset(
    [
        "heid",
        "heden",
        "ing",
        "ingen",
        "lijk",
        "lijke",
        "baar",
        "bare",
        "schap",
        "isch",
        "ische",
        "tie",
        "ties",
        "teit",
        "teiten",
        "erij",
        "erijen",
        "ling",
        "lingen",
        "loos",
        "loze",
        "ster",
        "sters",
        "aard",
        "tjes",
        "etje",
        "eren",
        "ers",
        "gers",
        "ende",
        "enden",
        "isme",
        "ismen",
        "iek",
        "ieken",
    ]
)
# Words that look like compounds of two dictionary words but are not (digi + taal).
_NOT_COMPOUNDS = frozenset(["digitaal", "centraal", "origineel", "materiaal", "potentieel"])
_DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "kjes", "kje", "jes", "je")

STOPWORDS = frozenset(
    [
        "aan",
        "al",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wij",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
    ]
)

_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case without accents: ``Coöperatie Café`` → ``cooperatie cafe``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    """Folded words, stop words left out."""
    return [t for t in TOKEN.findall(fold(text)) if t not in STOPWORDS]


# Rarer words in the list are mostly names and foreign words that split compounds wrongly.
DICTIONARY_SIZE = 40_000


@cache
def dictionary() -> frozenset[str]:
    with gzip.open(_DATA, "rt", encoding="utf-8") as fh:
        words = [line.strip() for line in fh if line.strip()]
    return frozenset(words[:DICTIONARY_SIZE])


# Where Snowball's Dutch stemmer splits what people mean as one word (dagen → "daag" but
# dag → "dag"; kinderen → "kinder") or joins what they keep apart (ouders and ouderen).
_STEM_OVERRIDES = {
    "mens": "mens",
    "kans": "kans",
    "dagen": "dag",
    "steden": "stad",
    "wegen": "weg",
    "daken": "dak",
    "paden": "pad",
    "schepen": "schip",
    "kinderen": "kind",
    "kinder": "kind",
    "ouderen": "oudere",
    "oudere": "oudere",
    "jongeren": "jongere",
    "jongere": "jongere",
    "gemeente": "gemeente",
    "gemeenten": "gemeente",
    "gemeentes": "gemeente",
}


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """Snowball Dutch, made consistent for singulars it over-stems: ``fiets`` → "fiet"
    but ``fietsen`` → "fiets"; a known word whose plural stems back to it stays whole."""
    if word in _STEM_OVERRIDES:
        return _STEM_OVERRIDES[word]
    stemmed = _stemmer.stemWord(word)
    if (
        stemmed != word
        and not word.endswith("en")
        and word in dictionary()
        and _stemmer.stemWord(word + "en") == word
        and not (word.endswith("s") and word[:-1] in dictionary())
    ):
        return word  # a singular, not a plural in -s (ouders) or -en (scholen)
    return stemmed


def _is_part(word: str) -> bool:
    return len(word) >= MIN_PART and word not in _NOT_PARTS and word in dictionary()


@lru_cache(maxsize=100_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The top-level split of a compound as (head, tail), or () when it is no compound.

    The longest known head wins, so ``buurtmoestuin`` splits as buurt + moestuin rather
    than at a shorter accidental word.
    """
    if len(word) < 2 * MIN_PART or not word.isalpha() or word in _NOT_COMPOUNDS:
        return ()
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        if not _is_part(head):
            continue
        for linker in _LINKERS:
            if not rest.startswith(linker):
                continue
            tail = rest[len(linker) :]
            if _is_part(tail) or split_compound(tail):
                return (head, tail)
    return ()


@lru_cache(maxsize=100_000)
def compound_parts(word: str) -> tuple[str, ...]:
    """Every part of a compound (not the word itself). Dutch compounds are right-headed,
    so only the tail is split further: ``buurtmoestuin`` → buurt, moestuin, moes, tuin;
    ``jongerenwerk`` → jongeren, werk (and not jong + eren)."""
    split = split_compound(word)
    if not split:
        return ()
    head, tail = split
    return tuple(dict.fromkeys((head, tail, *compound_parts(tail))))


@lru_cache(maxsize=100_000)
def undiminish(word: str) -> str:
    """``tuintje`` → ``tuin``; '' when the word is no diminutive of a known word."""
    if len(word) < 5 or not word.endswith(("je", "jes")):
        return ""
    for ending in _DIMINUTIVES:
        if word.endswith(ending):
            base = word[: -len(ending)]
            if len(base) >= 3 and base in dictionary():
                return base
    return ""


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> frozenset[str]:
    """All terms one folded word stands for: its stem, its parts', its diminutive base's."""
    terms = set()
    base = undiminish(word)
    for each in (word, *compound_parts(base or word)):
        terms.add(stem(each))
        small = undiminish(each)
        if small:
            terms.add(stem(small))
    if base:
        terms.add(stem(base))
    return frozenset(terms)


def terms(text: str) -> set[str]:
    """The terms a stored text is indexed under."""
    found: set[str] = set()
    for token in tokens(text):
        found |= word_terms(token)
    return found


def as_stored(found: set[str] | frozenset[str]) -> str:
    """Terms as stored in a text column: space-separated, with a space at both ends so
    ``LIKE '% term %'`` matches a whole term only."""
    return f" {' '.join(sorted(found))} " if found else ""


# --- queries -------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A parsed query: every group must match (AND); a group matches when one of its
    alternatives has all its terms (``buurtmoestuin`` = buurtmoestuin OR buurt+moestuin)."""

    text: str
    words: tuple[str, ...] = ()
    groups: tuple[tuple[tuple[str, ...], ...], ...] = ()
    all_terms: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.groups)

    def matches(self, stored: set[str] | frozenset[str]) -> bool:
        return all(any(set(alt) <= stored for alt in group) for group in self.groups)

    def score(self, title: set[str] | frozenset[str], body: set[str] | frozenset[str]) -> int:
        """3 for each group found in the title fields, 1 for each found in the body."""
        total = 0
        for group in self.groups:
            if any(set(alt) <= title for alt in group):
                total += 3
            elif any(set(alt) <= body for alt in group):
                total += 1
        return total


@lru_cache(maxsize=512)
def parse_query(text: str) -> Query:
    text = " ".join((text or "").split())[:200]
    words = tuple(dict.fromkeys(tokens(text)))
    groups = []
    every: set[str] = set()
    for word in words:
        alternatives = [(stem(word),)]
        base = undiminish(word)
        if base:
            alternatives.append((stem(base),))
        split = split_compound(base or word)
        if split:
            alternatives.append(tuple(dict.fromkeys(stem(part) for part in split)))
        alternatives = list(dict.fromkeys(alternatives))
        groups.append(tuple(alternatives))
        for alt in alternatives:
            every.update(alt)
    return Query(text=text, words=words, groups=tuple(groups), all_terms=frozenset(every))


# --- highlighting --------------------------------------------------------------------


def highlight_spans(text: str, query: Query) -> list[tuple[str, bool]]:
    """The text cut into (piece, matched) pieces: a word is matched when one of its terms
    is one of the query's, so ``tuin`` marks ``Buurtmoestuin``."""
    if not text:
        return []
    if not query:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    for piece in _WORD_SPLIT.split(text):
        if not piece:
            continue
        hit = False
        if piece[0].isalnum():
            for token in TOKEN.findall(fold(piece)):
                if token not in STOPWORDS and word_terms(token) & query.all_terms:
                    hit = True
                    break
        if pieces and pieces[-1][1] == hit:
            pieces[-1] = (pieces[-1][0] + piece, hit)
        else:
            pieces.append((piece, hit))
    return pieces
