"""The level people see for a match instead of a percentage ("Sterke match", ...).

One home for the thresholds, so recalibrating them changes every page at once; the
score itself only sorts. Calibrated on the labelled set (tests/bench/quality_set.py,
`make bench BENCH=matching_quality`, top-5 suggestions of all kinds): from 70, 91%
were labelled good (100% good or ok); 50–69, 78% good or ok; below 50 about 60%,
half of them merely ok.
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
