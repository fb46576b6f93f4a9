"""What bijeenkomsten contributes to the header search and its "Bedoelde je …?" words."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from bijeenkomsten.models import Event
from bijeenkomsten.search import event_ids_matching
from netwerkplatform.core.search.sections import Hit, SearchSection, register_search_section
from netwerkplatform.core.search.suggest import register_vocabulary_source


def _upcoming():
    return Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=timezone.now())


def _events(q: str, limit: int) -> tuple[int, list[Hit]]:
    ids = event_ids_matching(_upcoming(), q)
    events = Event.objects.filter(pk__in=ids).select_related("municipality").order_by("starts_at")
    hits = [
        Hit(
            title=event.title,
            url=reverse("bijeenkomsten:detail", args=[event.slug]),
            meta=(
                f"{formats.date_format(timezone.localtime(event.starts_at), 'j F Y')}"
                f" · {event.municipality.name}"
            ),
            text=event.description,
        )
        for event in events[:limit]
    ]
    return len(ids), hits


register_search_section(
    SearchSection(
        key="events",
        title=_("Events"),
        search=_events,
        more_url=lambda q: f"{reverse('bijeenkomsten:index')}?{urlencode({'q': q})}",
        order=40,
    )
)


def _vocabulary():
    yield from _upcoming().values_list("title", flat=True)
    yield from _upcoming().values_list("description", flat=True)


register_vocabulary_source("bijeenkomsten", _vocabulary)
