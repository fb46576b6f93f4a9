"""The generated instance of the ``dates`` benchmark (pure data, deterministic)."""

import random

from matching.dates.scheduler import DateSpec, SlotSpec


def generate(
    *,
    people: int = 400,
    requests: int = 1500,
    slots: int = 8,
    tables: int = 60,
    blocked_share: float = 0.10,
    hubs: int = 6,
    hub_share: float = 0.25,
    seed: int = 20261122,
):
    """A request graph with popular hubs: ``hubs`` funds take ``hub_share`` of all
    requests; the rest follow a skewed popularity (some people are asked much more).
    ``blocked_share`` of all (person, slot) pairs are blocked."""
    rng = random.Random(seed)
    persons = list(range(1, people + 1))
    hub_ids = persons[:hubs]
    weights = [1.0 / (i + 1) ** 0.5 for i in range(people)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < requests:
        if rng.random() < hub_share:
            a = rng.choice(persons[hubs:])
            b = rng.choice(hub_ids)
        else:
            a = rng.choice(persons)
            b = rng.choices(persons, weights=weights)[0]
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    dates = []
    for i, (a, b) in enumerate(sorted(pairs), start=1):
        mutual = rng.random() < 0.3
        score = rng.randint(0, 100)
        dates.append(DateSpec(id=i, a=a, b=b, value=date_value(mutual, score)))
    slot_specs = [SlotSpec(id=s, tables=tables) for s in range(1, slots + 1)]
    blocked: dict[int, set[int]] = {}
    for p in persons:
        for s in range(1, slots + 1):
            if rng.random() < blocked_share:
                blocked.setdefault(p, set()).add(s)
    return slot_specs, dates, blocked


def date_value(mutual: bool, score: int) -> float:
    from matching.dates.value import value_of

    return value_of(mutual=mutual, score=score)


def agreed_times(dates, slots, blocked, *, share: float = 0.30, seed: int = 20261202):
    """``share`` of the requests carry proposed times, and the receiver accepted one:
    {date id: slot id}. As the service guarantees, an agreed time is one neither person
    blocked and at which neither already agreed another date. Returns (agreed, the
    number of requests that carried proposals)."""
    rng = random.Random(seed)
    taken: set[tuple[int, int]] = set()
    agreed: dict[int, int] = {}
    carrying = 0
    slot_ids = [s.id for s in slots]
    for d in dates:
        if rng.random() >= share:
            continue
        carrying += 1
        proposed = rng.sample(slot_ids, k=min(3, len(slot_ids)))
        free = [
            s
            for s in proposed
            if s not in blocked.get(d.a, ())
            and s not in blocked.get(d.b, ())
            and (d.a, s) not in taken
            and (d.b, s) not in taken
        ]
        if free:
            slot = free[0]
            agreed[d.id] = slot
            taken |= {(d.a, slot), (d.b, slot)}
    return agreed, carrying
