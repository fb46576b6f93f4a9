"""The initiative directory: search, filters and results (a partial for htmx)."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from initiatieven import search, selectors
from initiatieven.forms import (
    SearchForm,
)
from initiatieven.models import (
    ShortlistEntry,
)
from initiatieven.views.common import (
    PAGE_SIZE,
    _is_htmx_partial,
    _push_clean_url,
    _query_without_page,
)
from netwerkplatform.core.models import Municipality


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    filters = form.filters()
    initiatives = search.initiative_search(**filters)
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
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
        "filtered": bool(filters),
        "only_query": set(filters) <= {"q"},
        "query": _query_without_page(request),
        "acting_for": acting_for,
        "shortlisted": shortlisted,
    }
    if _is_htmx_partial(request):
        response = render(request, "initiatieven/_results.html", context)
        _push_clean_url(request, response)
    else:
        context["municipality_names"] = Municipality.objects.values_list("name", flat=True)
        response = render(request, "initiatieven/index.html", context)
    response["Vary"] = "HX-Request"
    return response
