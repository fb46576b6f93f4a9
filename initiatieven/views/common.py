"""Shared by the views: paging, htmx partials, and who may see what (404) or change it."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from initiatieven import selectors
from initiatieven.models import (
    Initiative,
    Membership,
    Organisation,
    OrganisationMember,
)
from netwerkplatform.core.paging import filled_params

PAGE_SIZE = 20


def htmx_partial(request: HttpRequest) -> bool:
    """htmx asks for the results only; a history restore needs the whole page again."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def push_clean_url(request: HttpRequest, response: HttpResponse) -> None:
    """Have htmx put only the filled-in filters in the address bar (``?q=buurt``, not
    ``?q=buurt&theme=&province=…``), so the URL people copy and share stays readable."""
    query = filled_params(request).urlencode()
    response["HX-Push-Url"] = f"{request.path}?{query}" if query else request.path


# --- access helpers -----------------------------------------------------------------


def get_initiative_for_user(
    request: HttpRequest, slug: str
) -> tuple[Initiative, Membership | None]:
    """404 unless public, or the person is on its team (or staff): drafts stay private."""
    initiative = get_object_or_404(
        Initiative.objects.select_related("municipality__province"), slug=slug
    )
    membership = selectors.membership_of(request.user, initiative)
    if not initiative.is_public and membership is None and not request.user.is_staff:
        raise Http404
    return initiative, membership


def get_organisation_for_user(
    request: HttpRequest, slug: str
) -> tuple[Organisation, OrganisationMember | None]:
    organisation = get_object_or_404(Organisation, slug=slug)
    member = selectors.organisation_member_of(request.user, organisation)
    if not organisation.is_approved and member is None and not request.user.is_staff:
        raise Http404
    return organisation, member
