"""Dates whose two people agreed a time: they go to that slot before the scheduler
fills the rest. A pure function, like the scheduler, so the benchmark runs it too.

An agreed time binds: such a date is placed at its slot (first free table) and handed
to the scheduler as fixed. It falls back to normal scheduling only when the slot cannot
take it after all (the organiser removed tables, someone blocked the slot later).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from matching.dates.scheduler import DateSpec, FixedAssignment, SlotSpec


def pin_agreed(
    *,
    slots: Sequence[SlotSpec],
    dates: Iterable[DateSpec],
    agreed: Mapping[int, int],
    fixed: Iterable[FixedAssignment] = (),
    blocked: Mapping | None = None,
    max_per_person: int | None = None,
) -> tuple[list[FixedAssignment], list[DateSpec]]:
    """Returns (the pinned dates as fixed assignments, the dates left to schedule)."""
    tables = {s.id: s.tables for s in slots}
    used: dict[int, set[int]] = defaultdict(set)
    busy: set[tuple] = set()
    count: dict = defaultdict(int)
    for f in fixed:
        used[f.slot].add(f.table)
        busy |= {(f.a, f.slot), (f.b, f.slot)}
        count[f.a] += 1
        count[f.b] += 1
    blocked = blocked or {}
    pinned: list[FixedAssignment] = []
    rest: list[DateSpec] = []
    # Most valuable first, as the scheduler does, so a clash keeps the dearer date.
    for d in sorted(dates, key=lambda d: (-d.value, d.id)):
        slot = agreed.get(d.id)
        ok = (
            slot in tables
            and len(used[slot]) < tables[slot]
            and (d.a, slot) not in busy
            and (d.b, slot) not in busy
            and slot not in blocked.get(d.a, ())
            and slot not in blocked.get(d.b, ())
            and (
                max_per_person is None
                or (count[d.a] < max_per_person and count[d.b] < max_per_person)
            )
        )
        if not ok:
            rest.append(d)
            continue
        table = next(t for t in range(1, tables[slot] + 1) if t not in used[slot])
        used[slot].add(table)
        busy |= {(d.a, slot), (d.b, slot)}
        count[d.a] += 1
        count[d.b] += 1
        pinned.append(FixedAssignment(id=d.id, a=d.a, b=d.b, slot=slot, table=table))
    return pinned, rest
