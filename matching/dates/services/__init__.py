"""Dates at events: requests, availability, scheduling, publishing and outcomes.

Everything that takes a place in the schedule (run, move, publish) runs in
``transaction.atomic(durable=True)`` with the event's ``DateSettings`` row locked, and
re-reads inside the lock (DESIGN.md convention 6). The unique constraints on
(slot, table) and (slot, person) are the last line: if two writers still collide, the
loser gets a ``DateError``, never a double booking.

Split by responsibility; import from this package, which re-exports every public name:

- ``access``: ``DateError``, who may do what, the event's settings row (and its lock);
- ``setup``: organisers' settings and slots;
- ``requests``: attendees' requests and blocked slots;
- ``scheduling``: placing, moving and publishing dates, and each person's agenda;
- ``outcomes``: what came of a date, and the event's figures;
- ``suggestions``: whom to meet.
"""

from matching.dates.services.access import (
    OPEN,
    DateError,
    dates_settings_get,
    is_attendee,
    is_organiser,
)
from matching.dates.services.outcomes import (
    date_outcome_record,
    dates_stats,
    dates_stats_per_slot,
    outcome_opens_at,
)
from matching.dates.services.profiles import date_profile_save, reason_text
from matching.dates.services.requests import (
    date_blocks_set,
    date_request_cancel,
    date_request_create,
    date_request_respond,
    date_requests_expire,
)
from matching.dates.services.scheduling import (
    agenda_for,
    date_move,
    dates_publish,
    dates_schedule,
)
from matching.dates.services.setup import date_slot_delete, date_slots_add, dates_settings_update
from matching.dates.services.suggestions import Suggestion, attendees_ranked

__all__ = [
    "OPEN",
    "DateError",
    "Suggestion",
    "agenda_for",
    "attendees_ranked",
    "date_blocks_set",
    "date_move",
    "date_outcome_record",
    "date_request_cancel",
    "date_request_create",
    "date_request_respond",
    "date_requests_expire",
    "date_slot_delete",
    "date_slots_add",
    "dates_publish",
    "dates_schedule",
    "dates_settings_get",
    "dates_settings_update",
    "dates_stats",
    "dates_stats_per_slot",
    "date_profile_save",
    "outcome_opens_at",
    "reason_text",
    "is_attendee",
    "is_organiser",
]
