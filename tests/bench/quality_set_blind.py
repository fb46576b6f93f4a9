"""Sets written and labelled blind, for ``make bench BENCH=matching_quality``: funds and
partners. Both were made the same way, by people who did not see the engine, its scores
or the other labels:

- one writer made the initiatives as neighbours would register them (all provinces,
  subjects no fund is about, broad-only themes, amounts outside every range, needs that
  only look like an offer), given only the schemes and partners on the platform;
- two labellers, each alone, judged every initiative against every scheme and partner
  by ``quality_second_opinion_guide.md`` (``a``/``b``); where they differed, a third
  decided (``c``).

``FRESH`` (``quality_set_fresh.json``, 24 initiatives, made after the first tuning) is
held out: the benchmark scores it apart and prints ``fresh_*``, and nobody looks at its
cases. A rule changed to fix a case there makes those figures worthless.
``DEV`` (``quality_set_dev.json``, 30 initiatives, made later) is for development: its
misses may be read to find what the engine lacks (``dev_*``), so its figures are no
estimate of how the engine does on new initiatives; ``FRESH``'s are.
"""

import json
from dataclasses import dataclass
from pathlib import Path


def verdict(row: dict) -> str:
    """The two labellers' verdict, or the third's where they differ."""
    return row["a"] if row["a"] == row["b"] else row["c"]


@dataclass(frozen=True)
class BlindSet:
    name: str
    data_file: Path

    def _data(self) -> dict:
        return json.loads(self.data_file.read_text(encoding="utf-8"))

    def initiatives(self) -> list[tuple]:
        """The initiatives in the record shape of ``quality_set.INITIATIVES`` (no
        cluster: they are not labelled against each other)."""
        labels = self.labels_by_initiative()
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
            for item in self._data()["initiatives"]
        ]

    def labels_by_initiative(self) -> dict:
        """initiative key → scheme or partner key → (verdict, the labellers' reasons)."""
        labels: dict = {}
        for row in self._data()["labels"]:
            reasons = " / ".join(row[f"{who}_reason"] for who in "abc" if row.get(f"{who}_reason"))
            labels.setdefault(row["initiative"], {})[row["other"]] = (verdict(row), reasons)
        return labels


HERE = Path(__file__).parent
FRESH = BlindSet("fresh", HERE / "quality_set_fresh.json")
DEV = BlindSet("dev", HERE / "quality_set_dev.json")
