"""How much a date is worth to the scheduler (kept apart so the benchmark and the
services agree)."""


def value_of(*, mutual: bool, score: int | None) -> float:
    """1 for every date, so the count matters most; +0.5 when both asked each other;
    up to +1 for the match score (0–100) of the two people's initiatives."""
    return 1.0 + (0.5 if mutual else 0.0) + max(0, min(score or 0, 100)) / 100
