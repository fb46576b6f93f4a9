"""Assign accepted date requests to (slot, table): a pure function, no database.

The problem: a graph whose vertices are people and whose edges are accepted dates;
colours are the date slots. Every slot must be a *matching* (nobody twice in one
slot) of at most ``tables`` edges, some people cannot use some slots (blocked), and
each person has at most ``max_per_person`` dates in total. We want the heaviest set of
coloured edges (value = mutual interest + match score, so the most valuable dates win
when not all fit). It is an edge-colouring / b-matching hybrid and NP-hard in general,
so:

* small instances (few (date, slot) variables) are solved *exactly* as a 0/1 program
  with HiGHS (``scipy.optimize.milp``);
* larger ones get a greedy pass by value followed by repair: bounded ejection chains
  (move the dates that block a slot to another slot, recursively, as in a Kempe-chain
  recolouring) and value swaps (evict cheaper dates for a dearer one, then try to
  re-place them). Published assignments never move.

``upper_bound`` gives a number no schedule can beat, so a run can say how close it is.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

Person = Hashable

# Above this many (date, slot) variables we use the heuristic instead of the exact
# solver: HiGHS is fast on these 0/1 programs, but its running time is not bounded.
EXACT_MAX_VARIABLES = 1500
EXACT_TIME_LIMIT = 5.0
LP_TIME_LIMIT = 3.0


@dataclass(frozen=True)
class SlotSpec:
    id: int
    tables: int


@dataclass(frozen=True)
class DateSpec:
    """An accepted request between ``a`` and ``b`` worth ``value`` (> 0)."""

    id: int
    a: Person
    b: Person
    value: float = 1.0


@dataclass(frozen=True)
class FixedAssignment:
    """A published date: it keeps its slot and table and takes their capacity."""

    id: int
    a: Person
    b: Person
    slot: int
    table: int


@dataclass
class Schedule:
    placed: dict[int, tuple[int, int]] = field(default_factory=dict)  # date id → (slot, table)
    unplaced: list[int] = field(default_factory=list)
    value: float = 0.0
    method: str = "heuristic"  # "exact" when HiGHS proved optimality

    @property
    def count(self) -> int:
        return len(self.placed)


class _Instance:
    """The free capacity left after the fixed dates, and which slots each date may use."""

    def __init__(self, slots, dates, fixed, blocked, max_per_person):
        self.slot_ids = [s.id for s in slots]
        self.slot_order = {s: i for i, s in enumerate(self.slot_ids)}
        self.tables = {s.id: s.tables for s in slots}
        self.blocked = {p: set(v) for p, v in (blocked or {}).items()}
        self.max_per_person = max_per_person
        self.used_tables: dict[int, set[int]] = defaultdict(set)
        self.busy: dict[tuple[Person, int], int] = {}
        self.count: dict[Person, int] = defaultdict(int)
        for f in fixed:
            self.used_tables[f.slot].add(f.table)
            self.busy[(f.a, f.slot)] = f.id
            self.busy[(f.b, f.slot)] = f.id
            self.count[f.a] += 1
            self.count[f.b] += 1
        self.capacity = {
            s: max(0, self.tables[s] - len(self.used_tables[s])) for s in self.slot_ids
        }
        seen: set[int] = set()
        self.dates: list[DateSpec] = []
        for d in dates:
            if d.id in seen or d.a == d.b or d.value <= 0:
                continue
            seen.add(d.id)
            self.dates.append(d)
        # Most valuable first; ids break ties so results are deterministic.
        self.dates.sort(key=lambda d: (-d.value, d.id))
        self.allowed: dict[int, list[int]] = {}
        for d in self.dates:
            self.allowed[d.id] = [
                s
                for s in self.slot_ids
                if self.capacity[s] > 0
                and s not in self.blocked.get(d.a, ())
                and s not in self.blocked.get(d.b, ())
                and (d.a, s) not in self.busy
                and (d.b, s) not in self.busy
            ]

    def room(self, person: Person) -> int:
        """How many more dates ``person`` may get."""
        if self.max_per_person is None:
            return len(self.slot_ids)
        return max(0, self.max_per_person - self.count[person])


def schedule(
    *,
    slots: Sequence[SlotSpec],
    dates: Iterable[DateSpec],
    fixed: Iterable[FixedAssignment] = (),
    blocked: Mapping[Person, Iterable[int]] | None = None,
    max_per_person: int | None = None,
    exact_max_variables: int = EXACT_MAX_VARIABLES,
) -> Schedule:
    """Place as much date value as fits; see the module docstring for how."""
    fixed = list(fixed)
    inst = _Instance(slots, dates, fixed, blocked, max_per_person)
    n_vars = sum(len(v) for v in inst.allowed.values())
    chosen: dict[int, int] | None = None
    method = "heuristic"
    if 0 < n_vars <= exact_max_variables:
        chosen = _solve_exact(inst)
        if chosen is not None:
            method = "exact"
    if chosen is None:
        chosen = _Heuristic(inst).run(_lp_guide(inst))
    return _with_tables(inst, chosen, method)


def _with_tables(inst: _Instance, chosen: dict[int, int], method: str) -> Schedule:
    result = Schedule(method=method)
    by_slot: dict[int, list[int]] = defaultdict(list)
    for date_id, slot in chosen.items():
        by_slot[slot].append(date_id)
    for slot, ids in by_slot.items():
        free = (t for t in range(1, 10**6) if t not in inst.used_tables[slot])
        for date_id in sorted(ids):
            result.placed[date_id] = (slot, next(free))
    for d in inst.dates:
        if d.id in chosen:
            result.value += d.value
        else:
            result.unplaced.append(d.id)
    return result


# --- exact ---------------------------------------------------------------------------


def _model(inst: _Instance, weights: Mapping[int, float]):
    """The 0/1 program: one variable per (date, allowed slot), rows ≤ upper bounds."""
    cols: list[tuple[int, int]] = []
    for d in inst.dates:
        for s in inst.allowed[d.id]:
            cols.append((d.id, s))
    ends = {d.id: (d.a, d.b) for d in inst.dates}
    rows: dict[tuple, int] = {}
    ub: list[float] = []
    ri, ci = [], []

    def row(key, bound):
        if key not in rows:
            rows[key] = len(ub)
            ub.append(bound)
        return rows[key]

    for j, (date_id, s) in enumerate(cols):
        a, b = ends[date_id]
        keys = [
            (row(("date", date_id), 1)),
            (row(("slot", s), inst.capacity[s])),
            (row(("ps", a, s), 1)),
            (row(("ps", b, s), 1)),
        ]
        if inst.max_per_person is not None:
            keys.append(row(("p", a), inst.room(a)))
            keys.append(row(("p", b), inst.room(b)))
        for r in keys:
            ri.append(r)
            ci.append(j)
    matrix = sparse.csr_matrix(
        (np.ones(len(ri)), (np.array(ri), np.array(ci))), shape=(len(ub), len(cols))
    )
    c = -np.array([weights[date_id] for date_id, _ in cols], dtype=float)
    return cols, matrix, np.array(ub, dtype=float), c


def _solve_exact(inst: _Instance) -> dict[int, int] | None:
    weights = {d.id: d.value for d in inst.dates}
    cols, matrix, ub, c = _model(inst, weights)
    if not cols:
        return {}
    res = milp(
        c=c,
        constraints=LinearConstraint(matrix, -np.inf, ub),
        integrality=np.ones(len(cols)),
        bounds=Bounds(0, 1),
        options={"time_limit": EXACT_TIME_LIMIT, "mip_rel_gap": 0},
    )
    if res.status != 0 or res.x is None:  # not proven optimal: let the heuristic do it
        return None
    return {cols[j][0]: cols[j][1] for j in np.flatnonzero(res.x > 0.5)}


def _lp_guide(inst: _Instance) -> dict[tuple[int, int], float]:
    """The LP relaxation's solution, {(date, slot): x}. A dual-simplex vertex is mostly
    0/1 on these instances, and its 1s form a valid partial schedule (any subset of a
    feasible point is feasible); the heuristic starts from them. Empty on a timeout."""
    weights = {d.id: d.value for d in inst.dates}
    cols, matrix, ub, c = _model(inst, weights)
    if not cols:
        return {}
    res = linprog(
        c,
        A_ub=matrix,
        b_ub=ub,
        bounds=(0, 1),
        method="highs-ds",
        options={"time_limit": LP_TIME_LIMIT},
    )
    if res.status != 0 or res.x is None:
        return {}
    return {cols[j]: float(res.x[j]) for j in np.flatnonzero(res.x > 1e-6)}


# --- heuristic -----------------------------------------------------------------------


class _Heuristic:
    def __init__(self, inst: _Instance):
        self.inst = inst
        self.ends = {d.id: (d.a, d.b) for d in inst.dates}
        self.value = {d.id: d.value for d in inst.dates}
        self.slot_of: dict[int, int] = {}
        self.occ: dict[tuple[Person, int], int] = {}  # (person, slot) → date id (ours)
        self.in_slot: dict[int, set[int]] = defaultdict(set)
        self.count: dict[Person, int] = defaultdict(int)
        self.log: list[tuple[str, int, int]] = []
        self.budget = 0

    # state changes, logged so a failed chain can be rolled back
    def _assign(self, d: int, s: int) -> None:
        a, b = self.ends[d]
        self.slot_of[d] = s
        self.occ[(a, s)] = d
        self.occ[(b, s)] = d
        self.in_slot[s].add(d)
        self.count[a] += 1
        self.count[b] += 1
        self.log.append(("+", d, s))

    def _unassign(self, d: int) -> None:
        s = self.slot_of.pop(d)
        a, b = self.ends[d]
        del self.occ[(a, s)]
        del self.occ[(b, s)]
        self.in_slot[s].discard(d)
        self.count[a] -= 1
        self.count[b] -= 1
        self.log.append(("-", d, s))

    def _rollback(self, mark: int) -> None:
        while len(self.log) > mark:
            op, d, s = self.log.pop()
            if op == "+":
                self._unassign(d)
            else:
                self._assign(d, s)
            self.log.pop()  # the inverse operation just logged itself

    def _has_room(self, d: int) -> bool:
        a, b = self.ends[d]
        inst = self.inst
        return self.count[a] < inst.room(a) and self.count[b] < inst.room(b)

    def _free(self, d: int, s: int) -> bool:
        a, b = self.ends[d]
        return (
            (a, s) not in self.occ
            and (b, s) not in self.occ
            and len(self.in_slot[s]) < self.inst.capacity[s]
        )

    def run(self, guide: Mapping[tuple[int, int], float]) -> dict[int, int]:
        inst = self.inst
        total_capacity = sum(inst.capacity.values())
        # 0. Take the LP's whole (x = 1) assignments, then order the rest by how much
        #    the LP wanted them (fractional mass), then by value.
        mass: dict[int, float] = defaultdict(float)
        for (d, s), x in sorted(guide.items()):
            mass[d] += x
            if x > 1 - 1e-6 and d not in self.slot_of and self._has_room(d) and self._free(d, s):
                self._assign(d, s)
        order = sorted(inst.dates, key=lambda d: (-round(mass[d.id], 6), -d.value, d.id))
        # 1. Greedy; among the free slots take the emptiest one, which keeps slots
        #    balanced and leaves each person the most choice for later dates.
        for d in order:
            if d.id in self.slot_of:
                continue
            if len(self.slot_of) >= total_capacity:
                break
            if not self._has_room(d.id):
                continue
            free = [s for s in inst.allowed[d.id] if self._free(d.id, s)]
            if free:
                best = max(
                    free,
                    key=lambda s: (inst.capacity[s] - len(self.in_slot[s]), -inst.slot_order[s]),
                )
                self._assign(d.id, best)
        self.log.clear()
        # 2. Repair: place what is left through ejection chains (depth 1, then 2).
        for depth in (1, 2):
            for d in order:
                if len(self.slot_of) >= total_capacity:
                    break
                if d.id in self.slot_of or not self._has_room(d.id):
                    continue
                self.budget = 400 * depth
                mark = len(self.log)
                if not self._insert(d.id, depth, frozenset()):
                    self._rollback(mark)
                self.log.clear()
        # 3. Value swaps: a dearer date may push out cheaper ones, which then try to
        #    find another place; kept only when the total value goes up.
        self._swaps()
        # 4. One out, two in: steps 1–3 only ever add dates, so they miss schedules
        #    where dropping one date frees a person for two others.
        self._one_out_two_in()
        return dict(self.slot_of)

    def _insert(self, d: int, depth: int, banned: frozenset[int]) -> bool:
        """Place ``d``, moving the dates in its way to other slots (at most ``depth``
        levels deep, never into a slot already being cleared further up)."""
        if not self._has_room(d):
            return False
        a, b = self.ends[d]
        options = [s for s in self.inst.allowed[d] if s not in banned]
        for s in options:
            if self._free(d, s):
                self._assign(d, s)
                return True
        if depth == 0:
            return False

        # Fewest obstacles first.
        def obstacles(s):
            return [x for x in {self.occ.get((a, s)), self.occ.get((b, s))} if x is not None]

        options.sort(key=lambda s: (len(obstacles(s)), self.inst.slot_order[s]))
        for s in options:
            self.budget -= 1
            if self.budget < 0:
                return False
            mark = len(self.log)
            blockers = obstacles(s)
            ok = True
            for x in blockers:
                self._unassign(x)
            for x in blockers:
                if not self._insert(x, depth - 1, banned | {s}):
                    ok = False
                    break
            if ok and len(self.in_slot[s]) >= self.inst.capacity[s]:
                ok = self._make_room(s, depth - 1, banned | {s})
            if ok:
                self._assign(d, s)
                return True
            self._rollback(mark)
        return False

    def _make_room(self, s: int, depth: int, banned: frozenset[int]) -> bool:
        """Move one date out of the full slot ``s``: one that fits elsewhere directly."""
        for x in sorted(self.in_slot[s]):
            self.budget -= 1
            if self.budget < 0:
                return False
            mark = len(self.log)
            self._unassign(x)
            if self._insert(x, min(depth, 0), banned):
                return True
            self._rollback(mark)
        return False

    def _swaps(self) -> None:
        inst = self.inst
        for d in inst.dates:
            if d.id in self.slot_of:
                continue
            a, b = self.ends[d.id]
            best = None
            for s in inst.allowed[d.id]:
                out = {self.occ.get((a, s)), self.occ.get((b, s))} - {None}
                if len(self.in_slot[s]) - len(out) >= inst.capacity[s]:
                    cheapest = min(
                        (x for x in self.in_slot[s] if x not in out),
                        key=lambda x: (self.value[x], -x),
                    )
                    out.add(cheapest)
                lost = sum(self.value[x] for x in out)
                if lost < d.value - 1e-9 and (best is None or lost < best[0]):
                    best = (lost, s, out)
            if best is None:
                continue
            _, s, out = best
            before = self._total()
            mark = len(self.log)
            for x in out:
                self._unassign(x)
            if not self._has_room(d.id):
                self._rollback(mark)
                self.log.clear()
                continue
            self._assign(d.id, s)
            for x in sorted(out, key=lambda x: (-self.value[x], x)):
                self.budget = 200
                m2 = len(self.log)
                if not self._insert(x, 1, frozenset()):
                    self._rollback(m2)
            if self._total() <= before + 1e-9:
                self._rollback(mark)
            self.log.clear()

    def _one_out_two_in(self, passes: int = 3) -> None:
        """Try dropping each placed date and inserting the unplaced dates of its two
        people instead; keep the change only when the total value goes up."""
        waiting_by_person: dict[Person, list[int]] = defaultdict(list)
        for d in self.inst.dates:
            for person in self.ends[d.id]:
                waiting_by_person[person].append(d.id)
        for _ in range(passes):
            improved = False
            for x in sorted(self.slot_of):
                if x not in self.slot_of:
                    continue
                candidates = sorted(
                    {
                        d
                        for person in self.ends[x]
                        for d in waiting_by_person[person]
                        if d != x and d not in self.slot_of
                    },
                    key=lambda d: (-self.value[d], d),
                )
                if len(candidates) < 2:
                    continue
                before = self._total()
                mark = len(self.log)
                self._unassign(x)
                for d in [*candidates, x]:
                    self.budget = 50
                    inner = len(self.log)
                    if d not in self.slot_of and not self._insert(d, 1, frozenset()):
                        self._rollback(inner)
                if self._total() > before + 1e-9:
                    improved = True
                else:
                    self._rollback(mark)
                self.log.clear()
            if not improved:
                return

    def _total(self) -> float:
        return sum(self.value[x] for x in self.slot_of)


# --- bound ---------------------------------------------------------------------------


def upper_bound(
    *,
    slots: Sequence[SlotSpec],
    dates: Iterable[DateSpec],
    fixed: Iterable[FixedAssignment] = (),
    blocked: Mapping[Person, Iterable[int]] | None = None,
    max_per_person: int | None = None,
) -> int:
    """The most dates (a count, fixed ones included) that ANY valid schedule can hold.

    Two valid bounds, the smaller wins:

    * counting: new dates ≤ the free tables over all slots, and ≤ half the sum over
      people of min(their open requests, slots they are free in, dates they may still
      have) — each date uses two people's capacity;
    * the LP relaxation of the 0/1 program (same constraints as the exact solver, with
      every date worth 1 and 0 ≤ x ≤ 1): every schedule is a feasible LP point, so its
      count is ≤ the LP optimum, and being an integer, ≤ its floor.
    """
    fixed = list(fixed)
    inst = _Instance(slots, dates, fixed, blocked, max_per_person)
    degree: dict[Person, int] = defaultdict(int)
    free_slots: dict[Person, set[int]] = defaultdict(set)
    for d in inst.dates:
        if inst.allowed[d.id]:
            degree[d.a] += 1
            degree[d.b] += 1
            free_slots[d.a].update(inst.allowed[d.id])
            free_slots[d.b].update(inst.allowed[d.id])
    per_person = sum(min(degree[p], len(free_slots[p]), inst.room(p)) for p in degree)
    counting = min(sum(inst.capacity.values()), per_person // 2)
    cols, matrix, ub, c = _model(inst, {d.id: 1.0 for d in inst.dates})
    if not cols:
        return len(fixed)
    res = linprog(c, A_ub=matrix, b_ub=ub, bounds=(0, 1), method="highs")
    lp = math.floor(-res.fun + 1e-6) if res.status == 0 else counting
    return len(fixed) + min(counting, lp)
