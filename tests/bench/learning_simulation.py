"""Why three answers and thirty points: a small simulation on the labelled set.

``python -m tests.bench.learning_simulation`` (pure Python, no database; a few seconds).

Every fund scheme of ``quality_set`` is shown the labelled initiatives it has a theme
in common with (the subject gate). A fund officer answers "Niet ons onderwerp" on a
share of the unrelated ones (``ANSWER_RATE``: the reason is optional) and, by mistake,
on a few good or ok ones (``MISTAKE_RATE``). ``scoring.learn`` turns the answers into
lessons; a lesson then costs every pair with that theme ``DECLINE_PENALTY`` points.
Per threshold (answers needed for a lesson) the simulation counts, over many random
worlds, the pairs a lesson hits: unrelated ones (what learning is for) and good/ok
ones (the harm), for the rule (a fund never learns a theme it lists itself) and for the
rule as it was (``own_themes=True``: every theme of a declined initiative counts).
"""

import random
from statistics import mean

from matching.engine import scoring as sc
from tests.bench import quality_set as qs

ANSWER_RATE = 0.5
MISTAKE_RATE = 0.05
WORLDS = 400


def _pairs():
    """(scheme key, scheme themes, initiative key, initiative themes, label) shown pairs."""
    found = []
    for scheme in qs.SCHEMES:
        key, themes = scheme[0], set(scheme[3])
        for row in qs.INITIATIVES:
            label = row[-1].get(key, ("unrelated",))[0]
            if sc.themes_topical(set(row[5]), themes):
                found.append((key, themes, row[0], set(row[5]), label))
    return found


def simulate(threshold: int, *, own_themes: bool, seed: int = 0) -> dict:
    """Mean good/ok and unrelated pairs hit by a lesson, per world."""
    rng = random.Random(seed)
    pairs = _pairs()
    themes_of = {("initiative", p[2]): p[3] for p in pairs}
    # the rule (sc.learn) leaves a fund's own themes out; without them it would not
    themes_of.update({("scheme", p[0]): set() if own_themes else p[1] for p in pairs})
    hit_good, hit_unrelated = [], []
    for _world in range(WORLDS):
        facts = []
        for scheme, _themes, initiative, _init_themes, label in pairs:
            wrong = label in ("good", "ok")
            if rng.random() < (MISTAKE_RATE if wrong else ANSWER_RATE * (label == "unrelated")):
                facts.append((sc.WHY_SUBJECT, ("scheme", scheme), ("initiative", initiative)))
        saved = sc.DECLINES_TO_LEARN
        sc.DECLINES_TO_LEARN = threshold
        try:
            learned = sc.learn(facts, lambda key: themes_of[key], lambda key: None)
        finally:
            sc.DECLINES_TO_LEARN = saved
        good = unrelated = 0
        for scheme, _themes, _initiative, init_themes, label in pairs:
            if learned.themes.get(("scheme", scheme), set()) & init_themes:
                good += label in ("good", "ok")
                unrelated += label == "unrelated"
        hit_good.append(good)
        hit_unrelated.append(unrelated)
    return {"good_ok_hit": mean(hit_good), "unrelated_hit": mean(hit_unrelated)}


def main() -> None:
    pairs = _pairs()
    print(
        f"# {len(pairs)} shown pairs, {sum(p[4] == 'unrelated' for p in pairs)} unrelated;"
        f" answer rate {ANSWER_RATE}, mistakes {MISTAKE_RATE}, {WORLDS} worlds"
    )
    for own in (True, False):
        for threshold in (1, 2, 3, 4, 5):
            result = simulate(threshold, own_themes=own)
            print(
                f"own_themes={own!s:5} threshold={threshold}:"
                f" good/ok hit {result['good_ok_hit']:.2f},"
                f" unrelated hit {result['unrelated_hit']:.2f}"
            )


if __name__ == "__main__":
    main()
