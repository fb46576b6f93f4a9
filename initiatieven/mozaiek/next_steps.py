"""Next steps for a low-scoring building block: workshops to go to, partners to ask.

The rule, kept simple on purpose so a coordinator can predict it:
- sessions: published events' sessions that start from now on and that the organiser
  tagged with the block's key (``Session.building_blocks``), soonest first;
- partners: knowledge offers (``Offer.kind == "knowledge"``) of approved organisations
  whose offer description, or the organisation's themes, mention one of the block's
  Dutch keywords (``BuildingBlock.keywords``, case-insensitive).

Read-only: it asks ``bijeenkomsten`` through ``core.registry`` (no import of that app)
and queries ``initiatieven``; it changes nothing.
"""

from dataclasses import dataclass

from django.db.models import Q

from initiatieven.models import Offer, Organisation
from initiatieven.mozaiek.catalogue import BuildingBlock
from netwerkplatform.core import registry
from netwerkplatform.core.vocabulary import ResourceKind

MAX_SESSIONS = 3
MAX_PARTNERS = 3


@dataclass
class NextStep:
    block: BuildingBlock
    level_label: str
    sessions: list
    offers: list


def sessions_for(block: BuildingBlock, *, now=None) -> list:
    # The sessions live in ``bijeenkomsten``, which offers them through core's registry.
    return registry.block_sessions(block.key, limit=MAX_SESSIONS, now=now)


def offers_for(block: BuildingBlock) -> list:
    mentions = Q()
    for word in block.keywords:
        mentions |= Q(description__icontains=word) | Q(organisation__themes__name__icontains=word)
    return list(
        Offer.objects.filter(
            mentions,
            kind=ResourceKind.KNOWLEDGE,
            organisation__status=Organisation.Status.APPROVED,
        )
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "pk")[:MAX_PARTNERS]
    )


def for_blocks(block_results) -> list[NextStep]:
    return [
        NextStep(
            block=result.block,
            level_label=result.level_label,
            sessions=sessions_for(result.block),
            offers=offers_for(result.block),
        )
        for result in block_results
    ]
