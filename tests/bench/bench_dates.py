"""Benchmark ``dates``: the scheduler on 400 attendees, 1,500 accepted requests with
popular hubs (a few funds everyone wants to meet), 8 slots × 60 tables, 10% of
(person, slot) pairs blocked, at most 6 dates per person.

Figures: ``dates.scheduled`` (dates placed), ``dates.upper_bound`` (no schedule can
place more: the smaller of a counting bound — free tables; half the sum over people of
min(open requests, free slots, dates allowed) — and the floor of the LP relaxation of
the 0/1 program with every date worth 1; see ``matching.dates.scheduler.upper_bound``),
``dates.ratio`` (scheduled / upper bound, target ≥ 0.97) and ``dates.seconds`` (the
scheduler's wall time, target < 5). Pure computation: the database is not involved,
the scheduler being a pure function; the service that wraps it is tested elsewhere.

30% of the requests carry proposed times of which the receiver accepted one
(``dates.agreed``): those are pinned to their slot first (``pin_agreed``, as the
service does), the scheduler fills the rest, and the seconds include both steps. The
upper bound ignores the agreed times, so the ratio is, if anything, understated.
"""

import time

from matching.dates.pinning import pin_agreed
from matching.dates.scheduler import schedule, upper_bound
from tests.bench.dates_instance import agreed_times, generate

MAX_PER_PERSON = 6
PROPOSAL_SHARE = 0.30


def run(*, small: bool = False) -> dict:
    size = (
        {"people": 60, "requests": 150, "tables": 8} if small else {"people": 400, "requests": 1500}
    )
    slots, dates, blocked = generate(**size)
    agreed, carrying = agreed_times(dates, slots, blocked, share=PROPOSAL_SHARE)
    started = time.monotonic()
    pinned, rest = pin_agreed(
        slots=slots, dates=dates, agreed=agreed, blocked=blocked, max_per_person=MAX_PER_PERSON
    )
    result = schedule(
        slots=slots, dates=rest, fixed=pinned, blocked=blocked, max_per_person=MAX_PER_PERSON
    )
    seconds = time.monotonic() - started
    placed = result.count + len(pinned)
    pinned_ids = {p.id for p in pinned}
    value = result.value + sum(d.value for d in dates if d.id in pinned_ids)
    bound = upper_bound(slots=slots, dates=dates, blocked=blocked, max_per_person=MAX_PER_PERSON)
    return {
        "dates.scheduled": (placed, "dates"),
        "dates.with_proposals": (carrying, "requests"),
        "dates.agreed": (len(agreed), "dates"),
        "dates.agreed_kept": (len(pinned), "dates"),
        "dates.upper_bound": (bound, "dates"),
        "dates.ratio": (round(placed / bound, 4) if bound else 1.0, "ratio"),
        "dates.seconds": (round(seconds, 3), "s"),
        "dates.value": (round(value, 2), "value"),
    }
