"""One name for the page number in every list's URL (``?pagina=2``), read one way.

Templates spell the same name in their previous/next links.
"""

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_PARAM = "pagina"


def page_of(request: HttpRequest, objects, per_page: int) -> Page:
    """The page the URL asks for; a missing, malformed or too high number gives the
    first or last page instead of an error (Paginator.get_page)."""
    return Paginator(objects, per_page).get_page(request.GET.get(PAGE_PARAM))
