""" "Bedoelde je …?": close spellings from the words the platform actually contains.

The vocabulary is the folded words (and compound parts) of what apps register as
searchable text, with how often each occurs. It is built in-process on the first query
without hits and kept for a few minutes: only queries that found nothing pay for it.
A word of the query is kept when the platform knows one of its terms; otherwise it is
replaced by the known word at the smallest edit distance (the more frequent on a tie).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable

from django.core.cache import cache

from netwerkplatform.core.search.analysis import (
    STOPWORDS,
    TOKEN,
    compound_parts,
    fold,
    word_terms,
)

VOCABULARY_SECONDS = 300

_sources: dict[str, Callable[[], Iterable[str]]] = {}
_lock = threading.Lock()
_vocabulary: tuple[float, Counter, frozenset[str]] | None = None


def register_vocabulary_source(key: str, texts: Callable[[], Iterable[str]]) -> None:
    """An app's searchable texts (names, pitches, themes, places ...)."""
    _sources[key] = texts


_CACHE_KEY = "search:vocabulary:v1"


def clear_vocabulary() -> None:
    """Forget the vocabulary, e.g. after a bulk change or between tests."""
    global _vocabulary
    with _lock:
        _vocabulary = None
    cache.delete(_CACHE_KEY)


def _build() -> tuple[Counter, frozenset[str]]:
    counts: Counter = Counter()
    for key in sorted(_sources):
        for text in _sources[key]():
            for token in TOKEN.findall(fold(text or "")):
                if token in STOPWORDS or token.isdigit() or len(token) < 3:
                    continue
                counts[token] += 1
                for part in compound_parts(token):
                    counts[part] += 1
    return counts, _known(counts)


def _known(counts: Counter) -> frozenset[str]:
    known: set[str] = set()
    for word in counts:
        known |= word_terms(word)
    return frozenset(known)


def vocabulary() -> tuple[Counter, frozenset[str]]:
    global _vocabulary
    with _lock:
        if _vocabulary is None or time.monotonic() - _vocabulary[0] > VOCABULARY_SECONDS:
            # Shared through the cache (Redis in production), so one process builds it
            # for all of them.
            counts = cache.get(_CACHE_KEY)
            if counts is None:
                counts, known = _build()
                cache.set(_CACHE_KEY, counts, VOCABULARY_SECONDS)
            else:
                known = _known(counts)
            _vocabulary = (time.monotonic(), counts, known)
        return _vocabulary[1], _vocabulary[2]


def _closest(word: str, counts: Counter) -> str | None:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    cutoff = 1 if len(word) <= 4 else 2
    candidates = process.extract(
        word, list(counts), scorer=Levenshtein.distance, score_cutoff=cutoff, limit=20
    )
    if not candidates:
        return None
    best = min(candidates, key=lambda c: (c[1], -counts[c[0]], c[0]))
    return best[0]


def suggest(text: str) -> str | None:
    """A corrected query, or None when every word is known or nothing is close."""
    words = [t for t in TOKEN.findall(fold(text or "")) if t not in STOPWORDS]
    if not words:
        return None
    counts, known = vocabulary()
    changed = False
    result = []
    for word in words:
        if word.isdigit() or word_terms(word) & known:
            result.append(word)
            continue
        closest = _closest(word, counts)
        if closest and closest != word:
            result.append(closest)
            changed = True
        else:
            result.append(word)
    return " ".join(result) if changed else None


def retry_with_suggestion(search: Callable[..., object], *, q: str = "", **filters):
    """Call after ``search(q=q, **filters)`` found nothing: (results, suggestion) for the
    closest spelling that does find something, or None."""
    if not (q or "").strip():
        return None
    suggestion = suggest(q)
    if suggestion:
        corrected = search(q=suggestion, **filters)
        if corrected.exists():
            return corrected, suggestion
    return None
