"""Views of initiatieven: thin — parse, call a service, redirect or render (a partial for htmx)."""

from initiatieven.views.common import (
    PAGE_SIZE,
)
from initiatieven.views.directory import (
    index,
)
from initiatieven.views.organisations import (
    funds,
    organisation_detail,
    organisation_edit,
    organisation_members,
    organisation_request,
    partners,
)
from initiatieven.views.profile import (
    create,
    detail,
    edit,
    set_visibility,
)
from initiatieven.views.schemes import (
    scheme_count,
    scheme_create,
    scheme_edit,
)
from initiatieven.views.shortlists import (
    shortlist,
    shortlist_add,
    shortlist_entry,
    shortlist_export,
)
from initiatieven.views.teams import (
    invitation,
    team,
    team_action,
)

__all__ = [
    "PAGE_SIZE",
    "create",
    "detail",
    "edit",
    "funds",
    "index",
    "invitation",
    "organisation_detail",
    "organisation_edit",
    "organisation_members",
    "organisation_request",
    "partners",
    "scheme_count",
    "scheme_create",
    "scheme_edit",
    "set_visibility",
    "shortlist",
    "shortlist_add",
    "shortlist_entry",
    "shortlist_export",
    "team",
    "team_action",
]
