"""A blind second and third opinion on the labels of ``quality_set`` (and the
initiative clusters of ``quality_set_heldout``).

Why: the first labels were written by one person, and the pairs the engine still gets
"wrong" looked more like label slips than engine faults (two nature playgrounds in
different clusters, the same need labelled good for a partner in four initiatives and
unrelated in a fifth). Changing those labels by hand, after seeing the engine's
output, would tune the measure to the engine. So the labels were checked blind:

- the pairs: every pair that moves a figure (each top 5 the engine showed, and every
  pair the first labels list) plus two random pairs per initiative and kind, 658 in
  all, written out with the texts and facts only: no score, no rank, no first label,
  in random order; a second round (``"round": 2``, 167 pairs) after later engine
  changes: the pairs newly shown in a top 5 that no label covered, plus one random
  pair per initiative and kind, so the labellers could not tell which was which; a
  third round (``"round": 3``, 201 pairs) the same way, when initiatives that name a
  subject in common began to meet (39 newly shown pairs, most of them labelled until
  then only by their subject clusters);
- two labellers, each alone, judged every pair by ``quality_second_opinion_guide.md``
  (``a``/``b`` in ``quality_second_opinion.json``, with a one-line reason each);
- a label changes only when both agree with each other and differ from the first
  label: a majority of three. Otherwise the first label stands.

The benchmark prints its figures on these labels and, as ``first_label_*``, on the
first labels alone, with the agreement between the three labellers.
"""

import json
from pathlib import Path

OPINIONS_FILE = Path(__file__).with_name("quality_second_opinion.json")
UNLISTED = "unrelated"  # what the first labels mean by leaving a pair out


def opinions() -> list[dict]:
    """Every relabelled pair: initiative, kind, other, and the verdicts ``a`` and ``b``."""
    return json.loads(OPINIONS_FILE.read_text(encoding="utf-8"))


def majority(first: str, a: str, b: str) -> str:
    """The verdict at least two of the three labellers gave; the first if all differ."""
    return a if a == b else first


def adjudicate(labels: dict) -> int:
    """Apply the majority of three to ``labels`` (initiative key → kind → other key →
    verdict) in place; returns how many labels changed."""
    changed = 0
    for row in opinions():
        kind_labels = labels[row["initiative"]][row["kind"]]
        if kind_labels is None:
            continue
        first = kind_labels.get(row["other"], UNLISTED)
        verdict = majority(first, row["a"], row["b"])
        if verdict != first:
            kind_labels[row["other"]] = verdict
            changed += 1
    return changed


def agreement(first_labels: dict) -> dict:
    """Share of the relabelled pairs on which two labellers give the same verdict, and
    the same relevance (good/ok against bad/unrelated), for each pair of labellers."""
    rows = opinions()
    firsts = [first_labels[r["initiative"]][r["kind"]].get(r["other"], UNLISTED) for r in rows]
    verdicts = {"first": firsts, "a": [r["a"] for r in rows], "b": [r["b"] for r in rows]}
    shares = {}
    for one, two in (("first", "a"), ("first", "b"), ("a", "b")):
        pairs = list(zip(verdicts[one], verdicts[two], strict=True))
        same = sum(x == y for x, y in pairs)
        same_relevance = sum(_relevant(x) == _relevant(y) for x, y in pairs)
        shares[f"{one}_{two}"] = round(same / len(pairs), 3)
        shares[f"{one}_{two}_relevance"] = round(same_relevance / len(pairs), 3)
    return shares


def _relevant(verdict: str) -> bool:
    return verdict in ("good", "ok")
