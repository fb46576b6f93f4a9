"""Results of a round: per-block scores, spread, consensus, the agenda and comparisons.

Privacy rules, in one place so tests can pin them:
- nothing but the number of submitted responses is shown below ``MIN_RESPONSES``;
- a group (coordinators, core partners, ...) is only compared when *each* group has at
  least ``MIN_RESPONSES`` responses, so no group of one or two can be singled out;
- results are computed from a stored snapshot of the submitted answers that refreshes
  only when at least ``REFRESH_BATCH`` new responses came in or the round closed: two
  looks before and after one more answer must not differ by that one person;
- per statement (a handful of answers) the distribution, mean and consensus appear
  only from ``MIN_STATEMENT_ANSWERS`` scored answers; blocks pool many answers;
- comments are shown per block without names, in a random order fixed when the
  snapshot is taken, so their order says nothing about who or when;
- individual answers never leave this module: everything returned is a count, a mean
  or a share over at least ``MIN_RESPONSES`` people.

What this cannot do (and the results page says so): someone who controls all other
answers of a batch (e.g. invites their own addresses) can still subtract those.
"""

import math
import random
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from initiatieven.mozaiek.catalogue import BuildingBlock, Catalogue
from initiatieven.mozaiek.models import Answer, Assessment, PartnerKind

MIN_RESPONSES = 3
REFRESH_BATCH = 3
MIN_STATEMENT_ANSWERS = 5
STRONG_FROM = 4.0
ATTENTION_FROM = 3.0
# Tastle & Wierman consensus below this counts as "verdeeld". For reference: an even
# spread over 1–5 scores 0.43, a split between 2 and 4 scores 0.59, all the same 1.0,
# half 1 and half 5 scores 0.0. So "divided" means: wider apart than neighbours.
DIVIDED_BELOW = 0.5
SCALE = (1, 2, 3, 4, 5)

SCALE_LABELS = [
    (1, _("strongly disagree")),
    (2, _("disagree")),
    (3, _("neutral")),
    (4, _("agree")),
    (5, _("strongly agree")),
]

LEVELS: dict[str, str | Promise] = {
    "strong": _("strong"),
    "attention": _("needs attention"),
    "concern": _("concern"),
    "none": _("no score"),
}


def consensus(counts: dict[int, int]) -> float | None:
    """Tastle & Wierman's consensus measure for ordinal (Likert) data, 0..1.

    Chosen over the standard deviation because it is made for a bounded ordinal scale:
    it is 1 when everyone gives the same score and 0 when people split evenly between
    the two extremes, whatever the mean — which is exactly the question "are we divided?"
    (Tastle & Wierman 2007, "Consensus and dissention: a measure of ordinal dispersion").
    Cns = 1 + Σ p_i · log2(1 − |X_i − μ| / d), with d = 5 − 1 the width of the scale.
    """
    total = sum(counts.values())
    if not total:
        return None
    mean = sum(value * count for value, count in counts.items()) / total
    width = SCALE[-1] - SCALE[0]
    result = 1.0
    for value, count in counts.items():
        if count:
            result += (count / total) * math.log2(1 - abs(value - mean) / width)
    return max(0.0, min(1.0, result))


def level_of(mean: float | None) -> str:
    if mean is None:
        return "none"
    # Round first so that 3.96, shown as "4.0", is also labelled strong.
    mean = round(mean, 1)
    if mean >= STRONG_FROM:
        return "strong"
    if mean >= ATTENTION_FROM:
        return "attention"
    return "concern"


@dataclass
class BlockResult:
    block: BuildingBlock
    counts: dict[int, int]
    dont_know: int
    mean: float | None
    consensus: float | None
    comments: list[str] = field(default_factory=list)
    change: float | None = None  # against the previous round
    links: list = field(default_factory=list)  # [(linked block, prompt)]

    @property
    def answered(self) -> int:
        return sum(self.counts.values())

    @property
    def level(self) -> str:
        return level_of(self.mean)

    @property
    def level_label(self):
        return LEVELS[self.level]

    @property
    def divided(self) -> bool:
        return self.consensus is not None and self.consensus < DIVIDED_BELOW

    @property
    def priority(self) -> float:
        """Low score and high disagreement both push a block up the agenda (each 0..1)."""
        if self.mean is None:
            return 0.0
        return (SCALE[-1] - self.mean) / (SCALE[-1] - SCALE[0]) + (1 - (self.consensus or 0))

    @property
    def on_agenda(self) -> bool:
        return self.mean is not None and (self.level != "strong" or self.divided)

    @property
    def shares(self) -> dict[int, float]:
        """Percentage of the scored answers per value (``weet ik niet`` left out)."""
        total = self.answered
        return {v: (100 * self.counts[v] / total if total else 0.0) for v in SCALE}

    @property
    def segments(self) -> list[dict]:
        """Rectangles of a diverging stacked bar on a 0..100 axis with "neutral" centred
        on 50: disagreement grows to the left, agreement to the right."""
        p = self.shares
        x = 50 - (p[1] + p[2] + p[3] / 2) / 2
        result = []
        for value in SCALE:
            width = p[value] / 2
            # SVG coordinates as strings: templates would localise floats ("37,5").
            result.append(
                {"value": value, "x": f"{x:.2f}", "width": f"{width:.2f}", "pct": p[value]}
            )
            x += width
        return result


@dataclass
class GroupComparison:
    label: str | Promise
    first: str | Promise
    second: str | Promise
    rows: list[tuple[BuildingBlock, float | None, float | None]]


@dataclass
class RoundResults:
    assessment: Assessment
    submitted: int
    blocks: list[BlockResult]
    previous: Assessment | None = None
    groups: list[GroupComparison] = field(default_factory=list)

    @property
    def visible(self) -> bool:
        return self.submitted >= MIN_RESPONSES

    @property
    def agenda(self) -> list[BlockResult]:
        return sorted(
            (b for b in self.blocks if b.on_agenda), key=lambda b: b.priority, reverse=True
        )

    @property
    def low_blocks(self) -> list[BlockResult]:
        return [b for b in self.agenda if b.level in ("concern", "attention")]

    @property
    def has_comments(self) -> bool:
        return any(b.comments for b in self.blocks)


def _live_rows(assessment: Assessment, response_ids) -> list[list]:
    rows = [
        list(row)
        for row in Answer.objects.filter(
            response__assessment=assessment,
            response__submitted_at__isnull=False,
            response_id__in=response_ids,
        ).values_list(
            "response_id",
            "response__is_coordinator",
            "response__partner_kind",
            "statement_key",
            "value",
            "comment",
        )
    ]
    # A random order, fixed in the snapshot: comments keep it, so their order says
    # nothing about who wrote them or when.
    random.SystemRandom().shuffle(rows)
    return rows


def snapshot_refresh(assessment: Assessment, *, response_ids=None) -> None:
    """Store the rows the results are computed from. Without ``response_ids``: every
    submitted response; with it (after an erasure): the same people as before, so a
    rebuild never lets in a single new answer."""
    live = set(
        assessment.responses.filter(submitted_at__isnull=False).values_list("pk", flat=True)
    )
    ids = sorted(live if response_ids is None else live & set(response_ids))
    snapshot = {"ids": ids, "rows": _live_rows(assessment, ids)}
    now = timezone.now()
    Assessment.objects.filter(pk=assessment.pk).update(
        results_snapshot=snapshot, results_refreshed_at=now
    )
    assessment.results_snapshot = snapshot
    assessment.results_refreshed_at = now


def _submitted_rows(assessment: Assessment):
    """The snapshot's rows, refreshed first when due: the round closed, or at least
    ``REFRESH_BATCH`` responses came in since the last refresh."""
    snapshot = assessment.results_snapshot or {}
    have = set(snapshot.get("ids", []))
    live = set(
        assessment.responses.filter(submitted_at__isnull=False).values_list("pk", flat=True)
    )
    new = live - have
    due = (new and not assessment.is_open) or len(new) >= REFRESH_BATCH
    # Below the threshold nothing but the (public) count is shown, so follow it freely.
    if due or not snapshot or len(have) < MIN_RESPONSES:
        snapshot_refresh(assessment)
    elif have - live:  # a response went (account deleted): drop it, add nobody new
        snapshot_refresh(assessment, response_ids=have)
    return [tuple(row) for row in assessment.results_snapshot["rows"]]


def pending_count(assessment: Assessment) -> int:
    """Submitted responses not yet in the results (at most ``REFRESH_BATCH`` - 1)."""
    have = set((assessment.results_snapshot or {}).get("ids", []))
    return assessment.responses.filter(submitted_at__isnull=False).exclude(pk__in=have).count()


def _block_stats(cat: Catalogue, rows) -> dict[str, BlockResult]:
    block_of = cat.block_of_statement()
    counts = {b.key: dict.fromkeys(SCALE, 0) for b in cat.blocks}
    dont_know = dict.fromkeys(counts, 0)
    comments: dict[str, list[str]] = {b.key: [] for b in cat.blocks}
    for _resp, _coord, _kind, key, value, comment in rows:
        block_key = block_of.get(key)
        if block_key is None:
            continue
        if value is None:
            dont_know[block_key] += 1
        else:
            counts[block_key][value] += 1
        if comment:
            comments[block_key].append(comment)
    result = {}
    for block in cat.blocks:
        c = counts[block.key]
        total = sum(c.values())
        mean = sum(v * n for v, n in c.items()) / total if total else None
        result[block.key] = BlockResult(
            block=block,
            counts=c,
            dont_know=dont_know[block.key],
            mean=mean,
            consensus=consensus(c),
            comments=comments[block.key],
            links=[(cat.block(link.block), link.prompt) for link in block.links],
        )
    return result


def _group_means(cat: Catalogue, rows, predicate) -> tuple[dict, dict, int, int]:
    inside = [r for r in rows if predicate(r)]
    outside = [r for r in rows if not predicate(r)]
    n_in = len({r[0] for r in inside})
    n_out = len({r[0] for r in outside})
    means_in = {k: b.mean for k, b in _block_stats(cat, inside).items()}
    means_out = {k: b.mean for k, b in _block_stats(cat, outside).items()}
    return means_in, means_out, n_in, n_out


def previous_round(assessment: Assessment) -> Assessment | None:
    """The latest earlier round of the same network that has results of its own."""
    earlier = Assessment.objects.filter(
        initiative_id=assessment.initiative_id, created_at__lt=assessment.created_at
    ).order_by("-created_at")
    for candidate in earlier[:10]:
        if submitted_count(candidate) >= MIN_RESPONSES:
            return candidate
    return None


def submitted_count(assessment: Assessment) -> int:
    return assessment.responses.filter(submitted_at__isnull=False).count()


def round_results(assessment: Assessment, *, compare: bool = True) -> RoundResults:
    rows = _submitted_rows(assessment)
    submitted = len({r[0] for r in rows})
    cat = assessment.catalogue
    if submitted < MIN_RESPONSES:
        return RoundResults(assessment=assessment, submitted=submitted, blocks=[])
    stats = _block_stats(cat, rows)
    results = RoundResults(assessment=assessment, submitted=submitted, blocks=list(stats.values()))
    if not compare:
        return results
    previous = previous_round(assessment)
    if previous is not None:
        before = _block_stats(previous.catalogue, _submitted_rows(previous))
        for block in results.blocks:
            old = before.get(block.block.key)
            if old and old.mean is not None and block.mean is not None:
                block.change = block.mean - old.mean
        results.previous = previous
    for label, first, second, predicate in (
        (_("Coordinators and partners"), _("coordinators"), _("partners"), lambda r: r[1]),
        (
            _("Core partners and others"),
            PartnerKind.CORE.label,
            _("others"),
            lambda r: r[2] == PartnerKind.CORE,
        ),
    ):
        means_in, means_out, n_in, n_out = _group_means(cat, rows, predicate)
        if n_in >= MIN_RESPONSES and n_out >= MIN_RESPONSES:
            results.groups.append(
                GroupComparison(
                    label=label,
                    first=first,
                    second=second,
                    rows=[(b, means_in[b.key], means_out[b.key]) for b in cat.blocks],
                )
            )
    return results


def profile_summary(initiative) -> RoundResults | None:
    """The newest round the network chose to show publicly, if it has results."""
    for assessment in Assessment.objects.filter(
        initiative=initiative, show_summary_on_profile=True
    ).order_by("-created_at")[:5]:
        results = round_results(assessment, compare=False)
        if results.visible:
            return results
    return None


# --- The mosaic picture --------------------------------------------------------------

# Honeycomb: the shared challenge in the middle, the other six around it.
_HEX_R = 58
_LAYOUT = {
    "opgave": (0, 0),
    "waarde": (1, -1),
    "samen_doen": (1, 0),
    "verankering": (0, 1),
    "deelname": (-1, 1),
    "binding": (-1, 0),
    "organisatie": (0, -1),
}


def _hex_centre(q: int, r: int) -> tuple[float, float]:
    """Axial hex coordinates (pointy-top) to x, y."""
    x = _HEX_R * math.sqrt(3) * (q + r / 2)
    y = _HEX_R * 1.5 * r
    return x, y


def mosaic_tiles(blocks: list[BlockResult]) -> list[dict]:
    tiles = []
    for index, result in enumerate(blocks):
        q, r = _LAYOUT.get(result.block.key, (index - 3, 2))
        cx, cy = _hex_centre(q, r)
        cx, cy = cx + 180, cy + 160
        corners = []
        radius = _HEX_R - 3  # a small gap between the tiles
        for i in range(6):
            angle = math.radians(60 * i - 30)
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            corners.append(f"{x:.1f},{y:.1f}")
        # SVG coordinates as strings: templates would localise floats ("180,5").
        tiles.append(
            {
                "result": result,
                "x": f"{cx:.1f}",
                "name_y": f"{cy - 8:.1f}",
                "score_y": f"{cy + 16:.1f}",
                "points": " ".join(corners),
            }
        )
    return tiles


def statement_table(assessment: Assessment) -> list[list] | None:
    """Rows for the anonymous CSV: one per block, then one per statement (aggregates only).
    None below the threshold, so an export can never reveal what the page hides."""
    rows = _submitted_rows(assessment)
    if len({r[0] for r in rows}) < MIN_RESPONSES:
        return None
    cat = assessment.catalogue
    per_statement = {key: dict.fromkeys(SCALE, 0) for key in cat.statement_keys()}
    dont_know = dict.fromkeys(per_statement, 0)
    for _resp, _coord, _kind, key, value, _comment in rows:
        if key not in per_statement:
            continue
        if value is None:
            dont_know[key] += 1
        else:
            per_statement[key][value] += 1

    def line(name, text, counts, unknown, *, statement=False):
        total = sum(counts.values())
        if statement and total < MIN_STATEMENT_ANSWERS:
            # Too few to show a distribution without pointing at someone.
            return [str(name), str(text), total, *[""] * 8]
        mean = sum(v * n for v, n in counts.items()) / total if total else None
        cns = consensus(counts)
        return [
            str(name),
            str(text),
            total,
            f"{mean:.2f}".replace(".", ",") if mean is not None else "",
            *[counts[v] for v in SCALE],
            unknown,
            f"{cns:.2f}".replace(".", ",") if cns is not None else "",
        ]

    stats = _block_stats(cat, rows)
    table = []
    for block in cat.blocks:
        result = stats[block.key]
        table.append(line(block.name, "", result.counts, result.dont_know))
        for statement in block.statements:
            table.append(
                line(
                    block.name,
                    statement.text,
                    per_statement[statement.key],
                    dont_know[statement.key],
                    statement=True,
                )
            )
    return table
