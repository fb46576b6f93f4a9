"""The initiative directory: search, filters and results (a partial for htmx)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from initiatieven import search, selectors
from initiatieven.forms import (
    SearchForm,
)
from initiatieven.models import (
    Initiative,
    ShortlistEntry,
)
from initiatieven.views.common import (
    PAGE_SIZE,
    htmx_partial,
    push_clean_url,
)
from netwerkplatform.core.models import Municipality
from netwerkplatform.core.paging import page_of, query_without_page, with_param
from netwerkplatform.core.search.suggest import retry_with_suggestion


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = form.filters()
    unknown_municipality = form.unknown_municipality()
    suggestion = None
    if unknown_municipality:
        initiatives = Initiative.objects.none()
    else:
        initiatives = search.initiative_search(**filters)
    page = page_of(request, initiatives, PAGE_SIZE)
    if filters.get("q") and not unknown_municipality and page.paginator.count == 0:
        retried = retry_with_suggestion(search.initiative_search, **filters)
        if retried:
            initiatives, suggestion = retried
            page = page_of(request, initiatives, PAGE_SIZE)
    acting_for = list(selectors.organisations_acting_for(request.user))
    shortlisted = set()
    if acting_for:
        shortlisted = set(
            ShortlistEntry.objects.filter(
                organisation__in=acting_for, initiative__in=[i.pk for i in page.object_list]
            ).values_list("initiative_id", flat=True)
        )
    context = {
        "form": form,
        "page": page,
        "q": suggestion or filters.get("q", ""),
        "suggestion": suggestion,
        "suggestion_query": with_param(request, "q", suggestion) if suggestion else "",
        "unknown_municipality": unknown_municipality,
        "municipality_links": [
            (name, with_param(request, "municipality", name))
            for name in (unknown_municipality or {}).get("nearest", [])
        ],
        "filtered": bool(filters) or bool(unknown_municipality),
        "only_query": set(filters) <= {"q"},
        "query": query_without_page(request),
        "acting_for": acting_for,
        "shortlisted": shortlisted,
    }
    if htmx_partial(request):
        response = render(request, "initiatieven/_results.html", context)
        push_clean_url(request, response)
    else:
        context["municipality_names"] = Municipality.objects.values_list("name", flat=True)
        response = render(request, "initiatieven/index.html", context)
    response["Vary"] = "HX-Request"
    return response
