"""What initiatieven contributes to the header search and its "Bedoelde je …?" words."""

from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import TaggedItem

from initiatieven import search, selectors
from initiatieven.models import Initiative, Organisation
from netwerkplatform.core.search.sections import Hit, SearchSection, register_search_section
from netwerkplatform.core.search.suggest import register_vocabulary_source


def _url(name: str, q: str) -> str:
    return f"{reverse(name)}?{urlencode({'q': q})}"


def _initiatives(q: str, limit: int) -> tuple[int, list[Hit]]:
    found = search.initiative_search(q=q)
    hits = [
        Hit(
            title=initiative.name,
            url=reverse("initiatieven:detail", args=[initiative.slug]),
            meta=f"{initiative.get_kind_display().capitalize()} · {initiative.municipality.name}",
            text=initiative.pitch,
        )
        for initiative in found[:limit]
    ]
    return found.count(), hits


def _funds(q: str, limit: int) -> tuple[int, list[Hit]]:
    found = search.fund_search(q=q)
    hits = []
    for fund in found[:limit]:
        schemes = ", ".join(scheme.name for scheme in fund.open_schemes)
        hits.append(
            Hit(
                title=fund.name,
                url=reverse("initiatieven:organisation", args=[fund.slug]),
                meta=schemes,
                text=fund.description,
            )
        )
    return found.count(), hits


def _partners(q: str, limit: int) -> tuple[int, list[Hit]]:
    found = search.partner_search(q=q)
    hits = [
        Hit(
            title=partner.name,
            url=reverse("initiatieven:organisation", args=[partner.slug]),
            meta=partner.get_kind_display().capitalize(),
            text=partner.description,
        )
        for partner in found[:limit]
    ]
    return found.count(), hits


def _register(key: str, title, find, directory: str, order: int) -> None:
    """A header-search section whose "show all" link opens the directory with the
    same words: one place for the shape all three sections share."""
    register_search_section(
        SearchSection(
            key=key,
            title=title,
            search=find,
            more_url=lambda q: _url(directory, q),
            order=order,
        )
    )


_register("initiatives", _("Initiatives"), _initiatives, "initiatieven:index", 10)
_register("funds", _("Funds and schemes"), _funds, "initiatieven:funds", 20)
_register("partners", _("Partners"), _partners, "initiatieven:partners", 30)


def _vocabulary():
    yield from selectors.public_initiatives().values_list("name", flat=True).iterator()
    yield from selectors.public_initiatives().values_list("pitch", flat=True).iterator()
    for model in (Initiative, Organisation):
        content_type = ContentType.objects.get_for_model(model)
        yield from TaggedItem.objects.filter(content_type=content_type).values_list(
            "tag__name", flat=True
        )
    organisations = selectors.approved_organisations()
    yield from organisations.values_list("name", flat=True)
    yield from organisations.values_list("description", flat=True)
    yield from selectors.open_schemes().values_list("name", flat=True)


register_vocabulary_source("initiatieven", _vocabulary)
