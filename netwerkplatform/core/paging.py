"""One name for the page number in every list's URL (``?pagina=2``), read one way,
and the list URLs built from a page's filters (page links, "Bedoelde je …?").

Templates spell the same name in their previous/next links.
"""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

PAGE_PARAM = "pagina"


def page_of(request: HttpRequest, objects, per_page: int) -> Page:
    """The page the URL asks for; a missing, malformed or too high number gives the
    first or last page instead of an error (Paginator.get_page)."""
    return Paginator(objects, per_page).get_page(request.GET.get(PAGE_PARAM))


def filled_params(request: HttpRequest) -> QueryDict:
    """The query parameters that hold a value (a filter form also sends its empty fields)."""
    params = request.GET.copy()
    for key in list(params):
        values = [value for value in params.getlist(key) if value.strip()]
        if values:
            params.setlist(key, values)
        else:
            del params[key]
    return params


def query_without_page(request: HttpRequest) -> str:
    """The filled-in filters, for previous/next links that add their own page number."""
    params = filled_params(request)
    params.pop(PAGE_PARAM, None)
    return params.urlencode()


def with_param(request: HttpRequest, name: str, value: str) -> str:
    """This page's filled-in filters with one value replaced, from the first page (for
    "Bedoelde je …?" and the nearest-municipality links)."""
    params = filled_params(request)
    params.pop(PAGE_PARAM, None)
    params[name] = value
    return params.urlencode()
