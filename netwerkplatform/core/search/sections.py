"""The header search: each app contributes a section (initiatives, funds, partners,
events) without core importing the apps (DESIGN.md, convention 10)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Hit:
    title: str
    url: str
    meta: str = ""
    text: str = ""


@dataclass(frozen=True)
class SearchSection:
    """``search(q, limit)`` returns (number of hits, the first ``limit`` as Hits);
    ``more_url(q)`` is the app's own list with the query applied."""

    key: str
    title: Any
    search: Callable[[str, int], tuple[int, list[Hit]]]
    more_url: Callable[[str], str]
    order: int = 100


_sections: dict[str, SearchSection] = {}


def register_search_section(section: SearchSection) -> None:
    _sections[section.key] = section


def search_sections() -> list[SearchSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
