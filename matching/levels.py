"""The level people see for a match instead of a percentage ("Sterke match", ...).

One home for the thresholds, so recalibrating them changes every page at once; the
score itself only sorts. Calibrated on the labelled set (tests/bench/quality_set.py,
top-5 suggestions of all kinds); `make bench BENCH=matching_quality` prints what each
level holds (``level_*``). Measured on 2026-12-03: from 70, 92% labelled good (all good
or ok, 37 suggestions); 50–69, 65% good (98% good or ok, 122); below 50, 51% good
(98% good or ok, 155). Since suggestions need a subject in common, few unrelated ones
are left at any level: the level says how likely "good" is, not whether it is right.
"""

from django.utils.translation import gettext as _

STRONG_AT = 70
GOOD_AT = 50


def match_level(score: int) -> str:
    """The level code of a score 0–100: "strong", "good" or "possible"."""
    if score >= STRONG_AT:
        return "strong"
    if score >= GOOD_AT:
        return "good"
    return "possible"


def match_level_label(score: int) -> str:
    return {
        "strong": _("Strong match"),
        "good": _("Good match"),
        "possible": _("Possible match"),
    }[match_level(score)]
