"""A fresh held-out set for ``make bench BENCH=matching_quality``: funds and partners.

Written and labelled after the engine was tuned, by people who did not see the engine,
its scores or the other labels:

- one writer made 24 initiatives as neighbours would register them (all provinces,
  subjects no fund is about, broad-only themes, amounts outside every range, needs that
  only look like an offer), given only the schemes and partners on the platform;
- two labellers, each alone, judged every initiative against every scheme and partner
  by ``quality_second_opinion_guide.md`` (``a``/``b``); where they differed, a third
  decided (``c``);
- the benchmark scores it once, apart from the tuning set, and prints ``fresh_*``. It is
  not for tuning: a rule changed to fix a case here makes these figures worthless.
"""

import json
from pathlib import Path

DATA_FILE = Path(__file__).with_name("quality_set_fresh.json")


def _data() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def initiatives() -> list[tuple]:
    """The initiatives in the record shape of ``quality_set.INITIATIVES`` (no cluster:
    they are not labelled against each other)."""
    labels = labels_by_initiative()
    return [
        (
            item["key"],
            item["name"],
            item["place"],
            item["stage"],
            item["legal_form"],
            item["themes"],
            None,
            item["pitch"],
            [(n["kind"], n["description"], n["amount"]) for n in item["needs"]],
            [(o["kind"], o["description"]) for o in item["offers"]],
            labels[item["key"]],
        )
        for item in _data()["initiatives"]
    ]


def verdict(row: dict) -> str:
    """The two labellers' verdict, or the third's where they differ."""
    return row["a"] if row["a"] == row["b"] else row["c"]


def labels_by_initiative() -> dict:
    """initiative key → scheme or partner key → (verdict, the labellers' reasons)."""
    labels: dict = {}
    for row in _data()["labels"]:
        reasons = " / ".join(row[f"{who}_reason"] for who in "abc" if row.get(f"{who}_reason"))
        labels.setdefault(row["initiative"], {})[row["other"]] = (verdict(row), reasons)
    return labels
