"""The scheduler: valid schedules always, the optimum on small instances, published
dates never move, and the bound is never beaten."""

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.dates.scheduler import (
    DateSpec,
    FixedAssignment,
    SlotSpec,
    schedule,
    upper_bound,
)


def best_by_search(slots, dates, fixed, blocked, max_per_person):
    """Exhaustive branch and bound, independent of the scheduler's code: every date
    goes to a slot or nowhere; returns the best total value."""
    dates = sorted(dates, key=lambda d: -d.value)
    cap = {s.id: s.tables for s in slots}
    busy = set()
    count = Counter()
    for f in fixed:
        cap[f.slot] -= 1
        busy |= {(f.a, f.slot), (f.b, f.slot)}
        count[f.a] += 1
        count[f.b] += 1
    suffix = [0.0] * (len(dates) + 1)
    for i in range(len(dates) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + dates[i].value
    best = [0.0]

    def go(i, total):
        if total > best[0]:
            best[0] = total
        if i == len(dates) or total + suffix[i] <= best[0] + 1e-9:
            return
        d = dates[i]
        room = max_per_person is None or (
            count[d.a] < max_per_person and count[d.b] < max_per_person
        )
        if room:
            for s in cap:
                if (
                    cap[s] > 0
                    and (d.a, s) not in busy
                    and (d.b, s) not in busy
                    and s not in blocked.get(d.a, ())
                    and s not in blocked.get(d.b, ())
                ):
                    cap[s] -= 1
                    busy.update({(d.a, s), (d.b, s)})
                    count[d.a] += 1
                    count[d.b] += 1
                    go(i + 1, total + d.value)
                    cap[s] += 1
                    busy.difference_update({(d.a, s), (d.b, s)})
                    count[d.a] -= 1
                    count[d.b] -= 1
        go(i + 1, total)

    go(0, 0.0)
    return best[0]


def assert_valid(result, slots, dates, fixed, blocked, max_per_person):
    by_id = {d.id: d for d in dates}
    tables = {s.id: s.tables for s in slots}
    seats = Counter()
    people = Counter()
    dates_of = Counter()
    for f in fixed:
        seats[(f.slot, f.table)] += 1
        people[(f.a, f.slot)] += 1
        people[(f.b, f.slot)] += 1
        dates_of[f.a] += 1
        dates_of[f.b] += 1
    for date_id, (slot, table) in result.placed.items():
        d = by_id[date_id]
        assert 1 <= table <= tables[slot]
        assert slot not in blocked.get(d.a, ()) and slot not in blocked.get(d.b, ())
        seats[(slot, table)] += 1
        people[(d.a, slot)] += 1
        people[(d.b, slot)] += 1
        dates_of[d.a] += 1
        dates_of[d.b] += 1
    assert max(seats.values(), default=0) <= 1, "two dates at one table"
    assert max(people.values(), default=0) <= 1, "someone has two dates in one slot"
    if max_per_person is not None:
        assert max(dates_of.values(), default=0) <= max_per_person


@st.composite
def instances(draw, max_dates=30):
    n_people = draw(st.integers(2, 9))
    n_slots = draw(st.integers(1, 3))
    slots = [SlotSpec(id=s, tables=draw(st.integers(0, 3))) for s in range(1, n_slots + 1)]
    pairs = draw(
        st.lists(
            st.tuples(st.integers(1, n_people), st.integers(1, n_people)).filter(
                lambda p: p[0] != p[1]
            ),
            max_size=max_dates,
        )
    )
    dates = [
        DateSpec(id=i, a=a, b=b, value=draw(st.sampled_from([1.0, 1.25, 1.5, 2.0, 2.5])))
        for i, (a, b) in enumerate(pairs, start=1)
    ]
    blocked = {
        p: set(draw(st.lists(st.integers(1, n_slots), max_size=2))) for p in range(1, n_people + 1)
    }
    fixed = []
    if dates and draw(st.booleans()):
        d = dates[0]
        slot = slots[0]
        if slot.tables > 0:
            fixed = [FixedAssignment(id=999, a=d.a, b=d.b, slot=slot.id, table=1)]
    max_per_person = draw(st.one_of(st.none(), st.integers(1, 3)))
    return slots, dates, fixed, blocked, max_per_person


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_it_finds_the_optimum_on_small_instances(instance):
    slots, dates, fixed, blocked, max_per_person = instance
    result = schedule(
        slots=slots, dates=dates, fixed=fixed, blocked=blocked, max_per_person=max_per_person
    )
    assert_valid(result, slots, dates, fixed, blocked, max_per_person)
    assert abs(result.value - best_by_search(slots, dates, fixed, blocked, max_per_person)) < 1e-6


def assert_maximal(result, slots, dates, fixed, blocked, max_per_person):
    """No unplaced date fits anywhere as things stand: a free table and both people free."""
    busy = {(f.a, f.slot) for f in fixed} | {(f.b, f.slot) for f in fixed}
    used = Counter(f.slot for f in fixed)
    dates_of = Counter([f.a for f in fixed] + [f.b for f in fixed])
    by_id = {d.id: d for d in dates}
    for date_id, (slot, _table) in result.placed.items():
        d = by_id[date_id]
        busy |= {(d.a, slot), (d.b, slot)}
        used[slot] += 1
        dates_of.update([d.a, d.b])
    for d in dates:
        if d.id in result.placed:
            continue
        if max_per_person is not None and max(dates_of[d.a], dates_of[d.b]) >= max_per_person:
            continue
        for slot in slots:
            fits = (
                used[slot.id] < slot.tables
                and (d.a, slot.id) not in busy
                and (d.b, slot.id) not in busy
                and slot.id not in blocked.get(d.a, ())
                and slot.id not in blocked.get(d.b, ())
            )
            assert not fits, f"date {d.id} fits in slot {slot.id} but was left out"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_it_keeps_the_heuristic_valid_and_maximal(instance):
    """The heuristic (used at scale) never breaks a rule and never leaves out a date that
    simply fits; how close it gets to the optimum at scale is what `make bench
    BENCH=dates` measures against a proven upper bound."""
    slots, dates, fixed, blocked, max_per_person = instance
    result = schedule(
        slots=slots,
        dates=dates,
        fixed=fixed,
        blocked=blocked,
        max_per_person=max_per_person,
        exact_max_variables=0,
    )
    assert result.method == "heuristic"
    assert_valid(result, slots, dates, fixed, blocked, max_per_person)
    assert_maximal(result, slots, dates, fixed, blocked, max_per_person)


def test_it_lets_the_heuristic_drop_one_date_for_two():
    """A star around person 1 plus one edge 3–4 in two slots: adding dates greedily can
    get stuck at two; dropping one date of person 1 makes room for three."""
    slots = [SlotSpec(id=1, tables=2), SlotSpec(id=2, tables=2)]
    dates = [
        DateSpec(id=1, a=1, b=2, value=1.0),
        DateSpec(id=2, a=1, b=3, value=1.0),
        DateSpec(id=3, a=1, b=4, value=1.0),
        DateSpec(id=4, a=3, b=4, value=1.0),
    ]
    blocked = {p: set() for p in (1, 2, 3, 4)}
    result = schedule(
        slots=slots,
        dates=dates,
        fixed=[],
        blocked=blocked,
        max_per_person=None,
        exact_max_variables=0,
    )
    assert result.method == "heuristic"
    assert result.count == 3


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_it_never_places_more_than_the_upper_bound(instance):
    slots, dates, fixed, blocked, max_per_person = instance
    kwargs = {"slots": slots, "dates": dates, "fixed": fixed, "blocked": blocked}
    bound = upper_bound(**kwargs, max_per_person=max_per_person)
    # The bound counts dates: compare with the largest number any schedule can hold.
    unit = [DateSpec(id=d.id, a=d.a, b=d.b, value=1.0) for d in dates]
    most = best_by_search(slots, unit, fixed, blocked, max_per_person)
    assert len(fixed) + most <= bound


def test_it_puts_the_most_valuable_date_first_when_one_table_is_left():
    slots = [SlotSpec(id=1, tables=1)]
    dates = [DateSpec(id=1, a="an", b="bo", value=1.0), DateSpec(id=2, a="cor", b="dee", value=2)]
    result = schedule(slots=slots, dates=dates)
    assert list(result.placed) == [2]
    assert result.unplaced == [1]


def test_it_never_moves_published_dates_and_uses_free_tables():
    slots = [SlotSpec(id=1, tables=2), SlotSpec(id=2, tables=2)]
    fixed = [FixedAssignment(id=10, a="an", b="bo", slot=1, table=1)]
    dates = [DateSpec(id=1, a="an", b="cor"), DateSpec(id=2, a="bo", b="dee")]
    result = schedule(slots=slots, dates=dates, fixed=fixed)
    assert 10 not in result.placed
    assert result.count == 2
    assert sorted(result.placed.values()) == [(2, 1), (2, 2)]


def test_it_respects_blocked_slots():
    slots = [SlotSpec(id=1, tables=5), SlotSpec(id=2, tables=5)]
    dates = [DateSpec(id=1, a="an", b="bo")]
    result = schedule(slots=slots, dates=dates, blocked={"an": {1}})
    assert result.placed == {1: (2, 1)}


def test_it_schedules_a_hub_with_every_slot_of_its_day():
    slots = [SlotSpec(id=s, tables=10) for s in range(1, 5)]
    dates = [DateSpec(id=i, a="fonds", b=f"p{i}") for i in range(1, 9)]
    result = schedule(slots=slots, dates=dates, exact_max_variables=0)
    assert result.count == 4
