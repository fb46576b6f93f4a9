"""Searching small tables (funds, partners, schemes, events) in Python.

These lists hold hundreds of rows, not tens of thousands: analysing their text per
request (words are cached by the analysis) costs a few milliseconds, needs no stored
column to keep up to date, and gives the same hits on every database by construction.
"""

from __future__ import annotations

from collections.abc import Iterable

from netwerkplatform.core.search.analysis import Query, terms


def matching_ids(rows: Iterable[tuple[int, str, str]], query: Query) -> list[int]:
    """Ids of the rows (id, title text, body text) that match, best first; ties keep the
    order the rows came in. A row may appear several times (e.g. once per scheme): its
    texts are then combined."""
    titles: dict[int, set[str]] = {}
    bodies: dict[int, set[str]] = {}
    for pk, title, body in rows:
        titles.setdefault(pk, set()).update(terms(title or ""))
        bodies.setdefault(pk, set()).update(terms(body or ""))
    scored = []
    for position, pk in enumerate(titles):
        everything = titles[pk] | bodies[pk]
        if query.matches(everything):
            scored.append((-query.score(titles[pk], everything), position, pk))
    scored.sort()
    return [pk for _score, _position, pk in scored]
