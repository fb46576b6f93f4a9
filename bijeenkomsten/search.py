"""Searching events with the platform's Dutch analysis (netwerkplatform.core.search).

Events are few (hundreds), so their text is matched in Python: title, themes and place
weigh more than the description, venue and the titles of the programme's sessions.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from taggit.models import TaggedItem

from bijeenkomsten.models import Event, Session
from netwerkplatform.core.search import parse_query
from netwerkplatform.core.search.places import place_text
from netwerkplatform.core.search.rows import matching_ids


def _grouped(rows) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for key, text in rows:
        if text:
            result.setdefault(key, []).append(text)
    return result


def event_ids_matching(events: QuerySet, q: str) -> list[int]:
    """Ids of these events that match ``q``, best first."""
    query = parse_query(q)
    if not query:
        return []
    pks = list(events.values_list("pk", flat=True))
    themes = _grouped(
        TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Event), object_id__in=pks
        ).values_list("object_id", "tag__name")
    )
    sessions = _grouped(
        Session.objects.filter(round__event__in=pks).values_list("round__event_id", "title")
    )
    rows = [
        (
            pk,
            " ".join([title, *themes.get(pk, []), place_text(municipality, province or "")]),
            " ".join([description, venue, *sessions.get(pk, [])]),
        )
        for pk, title, description, venue, municipality, province in Event.objects.filter(
            pk__in=pks
        ).values_list(
            "pk",
            "title",
            "description",
            "venue",
            "municipality__name",
            "municipality__province__name",
        )
    ]
    return matching_ids(rows, query)


def event_text_filter(events: QuerySet, q: str) -> QuerySet:
    """Only the events that match ``q`` (the list keeps its own date order)."""
    if not q.strip():
        return events
    return events.filter(pk__in=event_ids_matching(events, q))
