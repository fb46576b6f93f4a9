"""The models of the ``matching`` app, gathered so Django (and ``matching.models``
imports) find them all under one app label.

- ``match``: what the engine suggests and records — ``MatchRun``, ``Match`` and the
  ``DeclineReason`` that teaches it — plus the per-person ``MatchingPreference`` and an
  event's public ``EventMatchPage``;
- ``matching.dates.models``: dates at events (settings, slots, requests and their seats,
  blocked slots, outcomes, profiles and the matches between attendees), owned by the
  dates part and kept in its own package.
"""

from matching.dates.models import (
    DateBlock,
    DateMatch,
    DateOutcome,
    DateProfile,
    DateRequest,
    DateSeat,
    DateSettings,
    DateSlot,
)
from matching.models.match import (
    DeclineReason,
    EventMatchPage,
    Match,
    MatchingPreference,
    MatchRun,
)

__all__ = [
    "DateBlock",
    "DateMatch",
    "DateOutcome",
    "DateProfile",
    "DateRequest",
    "DateSeat",
    "DateSettings",
    "DateSlot",
    "DeclineReason",
    "EventMatchPage",
    "Match",
    "MatchRun",
    "MatchingPreference",
]
