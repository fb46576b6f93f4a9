"""Place names as people say them, for indexing."""

from functools import cache

from netwerkplatform.core.services import MUNICIPALITY_ALIASES, PROVINCE_ALIASES


@cache
def _aliases() -> dict[str, list[str]]:
    """Official place name → the everyday names people search for ('s-Gravenhage → den haag)."""
    result: dict[str, list[str]] = {}
    for alias, official in [*MUNICIPALITY_ALIASES.items(), *PROVINCE_ALIASES.items()]:
        result.setdefault(official, []).append(alias)
    return result


def place_text(*names: str) -> str:
    """Place names with their everyday aliases, for indexing."""
    aliases = _aliases()
    return " ".join(" ".join([name, *aliases.get(name, [])]) for name in names if name)
